"""The world layer's bypass figure: per pair of sides, the pairs of states only the focus connects.

:func:`draw_world_bypass` sets, for each pair of sides (the claim's, and the
blocs the text gives its states), the share of the connected pairs of states
that only the focus connects in the text beside the same share in each world
layer (:func:`graph.world.bypass_summary`), with the claim test's bridge share
(a half) as a line: a text that hangs its sides on the focus, in a world where
they meet without it, shows as a long bar above short ones.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from graph import io, world
>>> ds = io.load_dataset()
>>> res = world.world_claim(ds, "azerbaijan", layers=("alliance",), samples=19, progress=False)
>>> ax = draw_world_bypass(res)
>>> sorted({t.get_text() for t in ax.texts if t.get_gid() == "share"})
['0% (0 of 1 pair)', '0% (0 of 3 pairs)', '50% (1 of 2 pairs)']
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import matplotlib as mpl
import matplotlib.pyplot as plt

from graph.claims import BRIDGE_SHARE
from graph.formats import pct
from graph.plot.style import plural
from graph.world.base import period_words

__all__ = ["TEXT_COLOR", "WORLD_COLOR", "draw_world_bypass"]

#: The text's bars, and the world layers' bars.
TEXT_COLOR, WORLD_COLOR = "#882255", "#4477AA"


def _frames(layers) -> list[tuple[str, str]]:
    """(attribute, heading) of the side pairs to draw: the claim's, then the text's blocs."""
    same = all(
        w.bypass[["side_a", "side_b"]].equals(w.bypass_blocs[["side_a", "side_b"]])
        and w.bypass.equals(w.bypass_blocs)
        for w in layers.values()
    )
    if same:
        return [("bypass", "the text's blocs: the claim's sides")]
    return [("bypass", "the claim's sides"), ("bypass_blocs", "the text's blocs")]


def _share_row(name, colour, pairs, connected, without):
    """(name, colour, share or None, words) of one bar."""
    if not pairs:
        return (name, colour, None, "no pairs")
    if not connected:
        return (name, colour, None, f"none of {plural(int(pairs), 'pair')} connected")
    only = int(connected) - int(without)
    share = only / connected
    words = pct(share, small=True)
    return (name, colour, share, f"{words} ({only:,} of {plural(int(connected), 'pair')})")


def _bypass_groups(layers):
    """[(heading, [rows])]: one group per side pair, rows (name, colour, share or None, text)."""
    groups = []
    for attr, heading in _frames(layers):
        pairs = list(
            dict.fromkeys(
                (r.side_a, r.side_b)
                for w in layers.values()
                for r in getattr(w, attr).itertuples(index=False)
            )
        )
        for a, b in pairs:
            found = {}
            for name, w in layers.items():
                df = getattr(w, attr)
                hit = df[(df["side_a"] == a) & (df["side_b"] == b)]
                if len(hit):
                    found[name] = (w, hit.iloc[0])
            text: dict[tuple, list[str]] = {}  # the text's bar, once per distinct value
            for name, (_, r) in found.items():
                row = _share_row(
                    "", TEXT_COLOR, r["text_pairs"], r["text_connected"], r["text_without_focus"]
                )
                text.setdefault(row[2:], []).append(name)
            rows = [
                (
                    "the text" if len(text) == 1 else f"the text (states as in {', '.join(names)})",
                    TEXT_COLOR,
                    *value,
                )
                for value, names in text.items()
            ]
            for name, (w, r) in found.items():
                rows.append(
                    _share_row(
                        f"{name}, {period_words(w.period)}",
                        WORLD_COLOR,
                        r["pairs"],
                        r["world_connected"],
                        r["world_without_focus"],
                    )
                )
            la = next((w.side_labels.get(a, a) for w, _ in found.values()), a)
            lb = next((w.side_labels.get(b, b) for w, _ in found.values()), b)
            groups.append((f"{la} – {lb} ({heading})", rows))
    return groups


def draw_world_bypass(
    layers: Mapping, *, focus_label: str | None = None, ax: mpl.axes.Axes | None = None
):
    """Draw, per pair of sides, the share of connected pairs of states that only the focus connects.

    Parameters
    ----------
    layers : mapping of str -> graph.world.WorldLayer
        A name for the rows (e.g. "UN General Assembly votes") -> the layer's
        result (:func:`graph.world.world_claim`); the years follow the name.
    focus_label : str, optional
        The focus's name (default: from the layers' claim results).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    For each pair of sides, first the claim's (``WorldLayer.bypass``), then
    the blocs the text gives its states (``bypass_blocs``; one group when
    they are the same), a bar for the text and one for each layer: of the
    pairs of states across the two sides (the focus aside) that a path
    joins, the share that no path joins once the focus is removed
    (:func:`graph.world.bypass_summary`). Beside each bar, that share and the
    pairs behind it. Where there are no pairs (the text names no state on a
    side) or none is connected, that is written and no bar is drawn (gid
    ``"no-pairs"``): a missing share is not a share of zero. The text's
    share counts the text's states on each layer's sides; when layers put
    different states on a side and the share differs, the text has one bar
    per such layer. The dashed line is the claim test's bridge share: above
    it, most of the connection between the sides runs through the focus.
    Bars have gids ``"bars:text"`` and ``"bars:world"``, with a dot at each
    bar's end (so that a share of zero shows); the words beside them
    ``"share"``; the headings of the side pairs ``"side-pair"``.

    Examples
    --------
    >>> from graph import io, world
    >>> ds = io.load_dataset()
    >>> res = world.world_claim(ds, "azerbaijan", between=["brics", "sco"], layers=("igo",),
    ...                         samples=19, progress=False)
    >>> ax = draw_world_bypass(res)
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "no-pairs"]
    ['no pairs']
    >>> plt.close(ax.figure)
    """
    if focus_label is None:
        found = [w.result.focus_label for w in layers.values() if w.result is not None]
        focus_label = found[0] if found else "the focus"
    groups = _bypass_groups(layers)
    none = any(words == "no pairs" for _, rows in groups for *_, words in rows)
    n_rows = sum(len(rows) for _, rows in groups)
    names = [_wrap(name) for _, rows in groups for name, *_ in rows]
    colours = [colour for _, rows in groups for _, colour, *_ in rows]
    lines = sum(name.count("\n") for name in names)
    height = 0.25 * (n_rows + lines * 0.6) + 0.4 * len(groups)
    own = ax is None
    if own:
        width = 4.6 + 0.065 * max((len(x) for n in names for x in n.split("\n")), default=10)
        fig = plt.figure(figsize=(width, height + 1.55 + 0.45 * none))
        fig.set_layout_engine("none")
        w, h = fig.get_size_inches()
        ax = fig.add_axes(((w - 4.6 + 0.15) / w, (0.75 + 0.45 * none) / h, 3.3 / w, height / h))
    y, ticks = _bypass_rows(ax, groups)
    if not groups:
        ax.text(
            0.5,
            0.5,
            "no pairs of sides",
            ha="center",
            va="center",
            transform=ax.transAxes,
            style="italic",
            color="#555555",
            gid="no-pairs",
        )
    ax.axvline(BRIDGE_SHARE, color="#555555", linewidth=1, linestyle="--", zorder=1)
    ax.text(
        BRIDGE_SHARE,
        -0.75,
        f" bridge: above {BRIDGE_SHARE:.0%}",
        fontsize=8,
        color="#555555",
        va="bottom",
    )
    _bypass_axes(ax, ticks, names, y, focus_label, none)
    title = (
        f"Pairs of states across the sides that only {focus_label} connects,\n"
        f"in the text and in each world layer (a bridge: more than half)"
    )
    for tick, colour in zip(ax.get_yticklabels(), colours, strict=True):
        tick.set_color(colour if colour == TEXT_COLOR else "black")
    if own:
        fig.text(0.12 / w, 1 - 0.1 / h, title, ha="left", va="top", fontsize=10.5)
    else:
        ax.set_title(title, loc="left", fontsize=10.5)
    return ax


def _bypass_rows(ax, groups) -> tuple[float, list[float]]:
    """Each pair of sides: its heading, then a bar (or why there is none) per row.

    Returns the y below the last row and the rows' ticks.
    """
    y, ticks = 0.0, []
    for heading, rows in groups:
        ax.text(
            0.0,
            y,
            heading,
            fontsize=9,
            fontweight="bold",
            va="center",
            zorder=3,
            gid="side-pair",
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            clip_on=False,
        )
        y += 1.0
        for _name, colour, share, words in rows:
            kind = "text" if colour == TEXT_COLOR else "world"
            if share is None:
                ax.text(
                    0.01,
                    y,
                    words,
                    va="center",
                    fontsize=8.5,
                    style="italic",
                    color="#555555",
                    gid="no-pairs",
                )
            else:
                ax.barh([y], [share], height=0.62, color=colour, gid=f"bars:{kind}")
                ax.plot(
                    [share], [y], marker="o", markersize=4.5, color=colour, zorder=3, clip_on=False
                )
                ax.text(share + 0.02, y, words, va="center", fontsize=8.5, gid="share")
            ticks.append(y)
            y += 1.0
        y += 0.4
    return y, ticks


def _bypass_axes(ax, ticks, names, y, focus_label, none: bool) -> None:
    """The rows' names, the shares' axis from 0 to 100%, and what the axis measures."""
    ax.set_yticks(ticks, names, fontsize=8.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_position(("outward", 5))
    ax.set_ylim(max(y - 0.4, 1.0), -0.8)
    ax.set_xlim(0, 1.0)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    ax.set_xlabel(
        f"of the pairs of states across two sides that a path joins,\n"
        f"the share that only {focus_label} connects"
        + (
            f"\n\nno pairs: a side has no state but {focus_label} in the data\n"
            "(in the text: none that the text names)"
            if none
            else ""
        )
    )
    ax.spines[["top", "right"]].set_visible(False)


def _wrap(name: str, width: int = 44) -> str:
    return "\n".join(textwrap.wrap(name, width)) or name
