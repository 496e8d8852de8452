"""The claim in the world: the world layers' results in words, tables and JSON.

:func:`graph.world.world_claim` runs the claim test on each world layer and
sets the text beside the data; this module writes it up: one paragraph that
names every layer's verdict (never one verdict for all when they differ), a
table of the layers, the pairs of sides the world connects without the focus,
the text's ties against each layer, and the ties the text leaves out.

Examples
--------
>>> layer_name("votes"), years_words((2015, 2019)), years_words((2025, 2025))
('UN General Assembly votes', '2015-2019', '2025')
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from graph.files import escape_markdown, write_csv
from graph.report.numbers import fmt, jsonable, pct, records
from graph.report.text import criterion_record

if TYPE_CHECKING:
    from graph.world import WorldLayer

__all__ = [
    "LAYER_NAMES",
    "layer_name",
    "years_words",
    "world_headline",
    "world_summary",
    "world_markdown",
    "world_data",
    "world_tie_table",
    "world_tables",
    "write_world_tables",
]

#: Each world layer's name in the report (as a heading, then within a sentence).
LAYER_NAMES: dict[str, str] = {
    "igo": "IGO co-membership",
    "alliance": "Alliances (ATOP)",
    "votes": "UN General Assembly votes",
    "events": "Events (ICEWS)",
}
_IN_TEXT: dict[str, str] = {
    "igo": "IGO co-membership",
    "alliance": "alliances (ATOP)",
    "votes": "UN General Assembly votes",
    "events": "events (ICEWS)",
}

#: What a tie's weight counts in each layer, for "Russia - Belarus (6 shared organizations)".
_WEIGHT_WORDS = {
    "igo": lambda w: f"{fmt(w)} shared organization" + ("" if w == 1 else "s"),
    "alliance": lambda w: "an alliance pledge",
    "votes": lambda w: f"vote alike on {pct(w)} of roll calls",
    "events": lambda w: f"{fmt(w)} events",
}

_ORDER = ("supported", "partly supported", "not supported", "not testable from this source")


def layer_name(layer: str, *, in_text: bool = False) -> str:
    """A world layer's name in the report (``in_text``: within a sentence)."""
    return (_IN_TEXT if in_text else LAYER_NAMES).get(layer, layer)


def years_words(period) -> str:
    """A period as "2015-2019", or one year as "2025"."""
    first, last = period
    return str(first) if first == last else f"{first}-{last}"


def _sides_words(w: WorldLayer) -> str:
    names = [escape_markdown(w.side_labels.get(k, k)) for k in w.sides]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names)


def _verdict(w: WorldLayer) -> str:
    return w.result.verdict if w.result is not None else "not run"


def _through_focus(df: pd.DataFrame) -> tuple[int, int, int]:
    """Connected pairs, of them connected without the focus, and tied directly (all side pairs)."""
    return (
        int(df["world_connected"].sum()),
        int(df["world_without_focus"].sum()),
        int(df["world_ties"].sum()),
    )


def world_headline(layers: Mapping[str, WorldLayer]) -> str:
    """The layers' verdicts in a phrase: "not supported on all 4 world layers", or each group.

    Examples
    --------
    >>> world_headline({})
    'no world layer was built'
    """
    if not layers:
        return "no world layer was built"
    groups: dict[str, list[str]] = {}
    for key, w in layers.items():
        groups.setdefault(_verdict(w), []).append(
            f"{layer_name(key, in_text=True)} ({years_words(w.period)})"
        )
    if len(groups) == 1:
        (v, names), n = next(iter(groups.items())), len(layers)
        every = {1: "the one world layer", 2: "both world layers"}.get(n, f"all {n} world layers")
        return f"{v} on {every}: {', '.join(names)}"
    return "; ".join(f"{v} on {', '.join(names)}" for v, names in groups.items())


def world_summary(layers: Mapping[str, WorldLayer], *, focus_label: str) -> str:
    """One paragraph: each layer's verdict with its years, the bypass, the text's ties.

    When layers disagree the paragraph says so and names each group; a layer
    whose test could not run is named with the reason.

    Examples
    --------
    >>> world_summary({}, focus_label="X")
    'No world layer was built.'
    """
    if not layers:
        return "No world layer was built."
    label = escape_markdown(focus_label)
    first = next(iter(layers.values()))
    sides = _sides_words(first)
    groups: dict[str, list[str]] = {}
    for key, w in layers.items():
        groups.setdefault(_verdict(w), []).append(
            f"{layer_name(key, in_text=True)} ({years_words(w.period)})"
        )
    ran = [v for v in _ORDER if v in groups]
    if len(ran) == 1 and "not run" not in groups:
        out = [
            f"In independent data on the same states, the claim that {label} connects "
            f"{sides} is {ran[0]} on every layer tested: {', '.join(groups[ran[0]])}."
        ]
    else:
        parts = [f"{v} on {', '.join(groups[v])}" for v in ran]
        out = [
            f"The world layers disagree on whether {label} connects {sides}: "
            + "; ".join(parts)
            + "."
            if len(ran) > 1
            else f"In independent data on the same states, the claim is {ran[0]} on "
            f"{', '.join(groups[ran[0]])}."
            if ran
            else "No world layer could test the claim."
        ]
        for key, w in layers.items():
            if w.result is None:
                out.append(f"{layer_name(key)} could not test it: {escape_markdown(w.reason)}.")
    bypass = []
    for key, w in layers.items():
        if w.bypass.empty:
            continue
        conn, without, _ = _through_focus(w.bypass)
        if conn:
            bypass.append(
                f"{fmt(without)} of {fmt(conn)} in {layer_name(key, in_text=True)} "
                f"({pct(without / conn)})"
            )
    if bypass:
        out.append(
            f"Of the pairs of states across the sides that the data connect at all, these "
            f"are connected without {label}: " + ", ".join(bypass) + "."
        )
    tb = first.bypass_blocs
    if not tb.empty and tb["text_connected"].sum():
        conn = int(tb["text_connected"].sum())
        only = conn - int(tb["text_without_focus"].sum())
        world_only = [
            pct(1 - w.bypass_blocs["world_without_focus"].sum() / c)
            for w in layers.values()
            if (c := w.bypass_blocs["world_connected"].sum())
        ]
        out.append(
            f"Between the blocs the text gives its states, the text connects {fmt(only)} of "
            f"{fmt(conn)} pairs of states only through {label}"
            + (
                f"; the layers, {' to '.join(sorted(set(world_only), key=_pct_key))}"
                if world_only
                else ""
            )
            + "."
        )
    counts = []
    for key, w in layers.items():
        if w.ties.empty:
            continue
        vc = w.ties["status"].value_counts()
        shown = ", ".join(f"{int(vc[s])} {s}" for s in vc.index)
        counts.append(f"{layer_name(key, in_text=True)}: {shown}")
    if counts:
        n = len(first.ties)
        out.append(
            f"Of the text's {n} ties between states, " + "; ".join(counts) + "."
            if n
            else "The text states no tie between two states."
        )
    return " ".join(out)


def _pct_key(text: str) -> float:
    return float(text.rstrip("%") or 0)


def _layer_row(key: str, w: WorldLayer) -> dict[str, Any]:
    r = w.result
    row: dict[str, Any] = {
        "layer": layer_name(key),
        "years": years_words(w.period),
        "states": w.nodes,
        "ties": w.edges,
        "sides found": ", ".join(f"{w.side_labels.get(k, k)} {n}" for k, n in w.sides.items()),
        "verdict": _verdict(w),
    }
    if r is None:
        row |= {"through focus": "-", "betweenness rank": "-", "beyond degree": w.reason}
        return row
    crit = {c.key: c for c in r.criteria}
    b, bd = crit["bridge"], crit["beyond_degree"]
    m = r.measures
    rank = int((m["betweenness"] > m.loc[r.focus, "betweenness"]).sum()) + 1
    row["through focus"] = pct(b.observed) if b.observed is not None else b.status
    row["betweenness rank"] = f"{rank} of {len(m)}"
    if bd.effect is not None and bd.effect == bd.effect:
        row["beyond degree"] = f"null gives {pct(bd.effect)}, p = {fmt(bd.p_value)}"
    elif bd.observed == 0:
        row["beyond degree"] = "no betweenness"
    else:
        row["beyond degree"] = bd.status
    return row


def _table(df: pd.DataFrame) -> str:
    cols = [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in df.itertuples(index=False):
        cells = [fmt(v) if not isinstance(v, str) else escape_markdown(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def world_tie_table(layers: Mapping[str, WorldLayer]) -> pd.DataFrame:
    """The text's ties between states, one row each, with their status in every layer.

    Examples
    --------
    >>> world_tie_table({}).empty
    True
    """
    frames = []
    for key, w in layers.items():
        if w.ties.empty:
            continue
        t = w.ties
        frames.append(
            pd.DataFrame(
                {
                    "tie": t["source_label"].astype(str) + " - " + t["target_label"].astype(str),
                    "text": t["relations"].astype(str),
                    "paragraphs": t["paragraphs"].astype(str),
                    layer_name(key): t["status"].astype(str),
                }
            ).set_index(["tie", "text", "paragraphs"])
        )
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, axis=1).reset_index()


def _weight_words(key: str, w: float) -> str:
    return _WEIGHT_WORDS.get(key, lambda x: fmt(x))(w)


def _omitted_lines(key: str, w: WorldLayer, top: int) -> list[str]:
    out = []
    for frame, what in ((w.omitted, "the claim's sides"), (w.omitted_blocs, "the text's blocs")):
        if frame.empty:
            continue
        untied = int((frame["text"] == "untied").sum())
        unnamed = int((frame["text"] == "not named").sum())
        head = frame.sort_values("world_weight", ascending=False, kind="stable").head(top)
        examples = "; ".join(
            f"{escape_markdown(str(r['a_label']))} - {escape_markdown(str(r['b_label']))} "
            f"({_weight_words(key, r['world_weight'])})"
            for _, r in head.iterrows()
        )
        parts = [
            f"{n} {words}"
            for n, words in (
                (untied, "between states the text names and never ties"),
                (unnamed, "with a state the text does not name"),
                (len(frame) - untied - unnamed, "that the text states too"),
            )
            if n
        ]
        ties = "tie that bypasses" if len(frame) == 1 else "ties that bypass"
        out.append(
            f"- {layer_name(key)} ({years_words(w.period)}), between {what}: "
            f"{len(frame)} {ties} the focus "
            f"({', '.join(parts)}). Strongest: {examples}."
        )
    return out


def world_markdown(
    layers: Mapping[str, WorldLayer],
    *,
    focus_label: str,
    top: int = 5,
    level: int = 2,
    figures: Mapping[str, str] | None = None,
) -> str:
    """The section "The claim in the world", as Markdown.

    Parameters
    ----------
    layers : mapping of layer -> WorldLayer
        From :func:`graph.world.world_claim`.
    focus_label : str
    top : int, default 5
        Examples of omitted ties per layer.
    level : int, default 2
        The heading level of the section.
    figures : mapping of caption -> relative path, optional
        The world figures, shown after the table of the layers.

    Examples
    --------
    >>> world_markdown({}, focus_label="X").splitlines()[0]
    '## The claim in the world'
    """
    h = "#" * level
    out = [f"{h} The claim in the world", "", world_summary(layers, focus_label=focus_label), ""]
    if not layers:
        return "\n".join(out) + "\n"
    out += [
        "The same claim test on independent data: each layer is a network of the text's "
        "states and every state the data tie to one of them, for the years shown; the "
        "claim's sides are their member states in the last of those years. Robustness "
        "variants do not apply (the data have no paragraphs); the layers are the variants.",
        "",
        _table(pd.DataFrame([_layer_row(k, w) for k, w in layers.items()])),
        "",
        "*through focus*: the share of shortest paths between the sides that run through "
        "the focus (a bridge: more than half). *beyond degree*: how much of the focus's "
        "betweenness networks that keep every state's number of ties give it on average.",
        "",
    ]
    for caption, path in (figures or {}).items():
        out += [f"![{escape_markdown(caption)}]({path})", "", f"*{escape_markdown(caption)}*", ""]
    out += [
        f"{h}# Pairs of sides connected without the focus",
        "",
    ]
    rows = []
    for key, w in layers.items():
        for frame, what in ((w.bypass, "claim"), (w.bypass_blocs, "text's blocs")):
            for r in records(frame):
                rows.append(
                    {
                        "layer": f"{layer_name(key)} ({years_words(w.period)})",
                        "sides": f"{w.side_labels.get(r['side_a'], r['side_a'])} - "
                        f"{w.side_labels.get(r['side_b'], r['side_b'])} ({what})",
                        "pairs of states": r["pairs"],
                        "tied directly": r["world_ties"],
                        "connected without focus": r["world_without_focus"],
                        "only through focus": pct(r["world_through_focus"]),
                        "text: pairs": r["text_pairs"],
                        "text: only through focus": pct(r["text_through_focus"]),
                    }
                )
    if rows:
        out += [
            "For each pair of sides, the pairs of states across them (the focus aside): how "
            "many the data tie directly, how many they connect by a path that avoids the "
            "focus, and the share only the focus connects; then that share in the text, "
            "over the pairs whose both states it names.",
            "",
            _table(pd.DataFrame(rows)),
            "",
        ]
    ties = world_tie_table(layers)
    if not ties.empty:
        out += [
            f"{h}# The text's ties against the data",
            "",
            "*confirmed*: the data tie the two states in those years; *contradicted*: "
            "the data show the opposite sign; *not shown*: no tie (or, for votes, "
            "agreement below the layer's threshold); *cannot be checked*: a state the "
            "source does not cover.",
            "",
            _table(ties),
            "",
        ]
        reasons = []
        for key, w in layers.items():
            for r in records(w.ties):
                if r["status"] in ("not shown", "contradicted"):
                    reasons.append(
                        f"- {escape_markdown(str(r['source_label']))} - "
                        f"{escape_markdown(str(r['target_label']))}, "
                        f"{layer_name(key, in_text=True)}: {escape_markdown(str(r['reason']))}."
                    )
        out += reasons + ([""] if reasons else [])
    omitted = [line for key, w in layers.items() for line in _omitted_lines(key, w, top)]
    if omitted:
        out += [f"{h}# Ties between the sides the text leaves out", "", *omitted, ""]
    notes = []
    for key, w in layers.items():
        notes += [f"- {layer_name(key)}: {escape_markdown(n)}" for n in w.notes]
        if w.source:
            notes.append(f"- {layer_name(key)} source: {escape_markdown(w.source)}.")
    if notes:
        out += [f"{h}# Notes on the data", "", *notes, ""]
    return "\n".join(out) + "\n"


def world_data(layers: Mapping[str, WorldLayer], *, focus_label: str) -> dict:
    """The world section as JSON data: each layer's numbers and tables, and the summary.

    Examples
    --------
    >>> world_data({}, focus_label="X")["layers"]
    {}
    """
    out: dict[str, Any] = {
        "summary": world_summary(layers, focus_label=focus_label),
        "layers": {},
    }
    for key, w in layers.items():
        r = w.result
        out["layers"][key] = {
            "name": layer_name(key),
            "period": list(w.period),
            "nodes": w.nodes,
            "edges": w.edges,
            "sides": w.sides,
            "side_labels": w.side_labels,
            "verdict": _verdict(w),
            "reason": w.reason or None,
            "criteria": [criterion_record(r, c) | {"details": c.details} for c in r.criteria]
            if r is not None
            else [],
            "parameters": r.parameters if r is not None else {},
            "bypass": records(w.bypass),
            "bypass_blocs": records(w.bypass_blocs),
            "ties": records(w.ties),
            "omitted": records(w.omitted),
            "omitted_blocs": records(w.omitted_blocs),
            "notes": list(w.notes),
            "source": w.source,
        }
    return jsonable(out)


def world_tables(layers: Mapping[str, WorldLayer]) -> dict[str, pd.DataFrame]:
    """The world section's tables in long form, one row per layer and item.

    ``world_ties``: the text's ties between states with their status in each
    layer; ``world_omitted``: the layers' ties between the sides (the claim's,
    and the text's blocs) that bypass the focus, with what the text says of them.

    Examples
    --------
    >>> sorted(world_tables({}))
    ['world_omitted', 'world_ties']
    """
    ties, omitted = [], []
    for key, w in layers.items():
        first, last = w.period
        span = {"layer": key, "first_year": first, "last_year": last}
        ties.append(w.ties.assign(**span))
        for frame, sides in ((w.omitted, "claim"), (w.omitted_blocs, "text blocs")):
            omitted.append(frame.assign(**span, sides=sides))

    def _long(frames: list[pd.DataFrame]) -> pd.DataFrame:
        frames = [f for f in frames if not f.empty]
        if not frames:
            return pd.DataFrame()
        df = pd.concat(frames, ignore_index=True)
        front = [c for c in ("layer", "first_year", "last_year", "sides") if c in df]
        return df[front + [c for c in df.columns if c not in front]]

    return {"world_ties": _long(ties), "world_omitted": _long(omitted)}


def write_world_tables(layers: Mapping[str, WorldLayer], out: str | Path) -> list[Path]:
    """Write ``world_ties.csv`` and ``world_omitted.csv`` (see :func:`world_tables`).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     [p.name for p in write_world_tables({}, d)]
    ['world_ties.csv', 'world_omitted.csv']
    """
    return [
        write_csv(df, Path(out) / f"{name}.csv", index=False)
        for name, df in world_tables(layers).items()
    ]
