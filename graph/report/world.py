"""The claim in the world: the world layers' results in words, tables and JSON.

:func:`graph.world.world_claim` runs one test per kind of layer and sets the
text beside the data; this module writes it up: the states the sides share
named first, one sentence per layer with the criteria that decided it (never
one verdict for all when they differ), what each kind of layer can and cannot
show, every criterion of every layer in one table, the pairs of sides the
world connects without the focus, the text's ties against each layer, and the
ties the text leaves out. The words for each kind are in
:mod:`graph.report.worldwords`.

Examples
--------
>>> world_headline({})
'no world layer was built'
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from graph.files import escape_markdown, write_csv
from graph.formats import fmt, pct
from graph.jsondata import jsonable, records
from graph.report.glossary import WORLD_TERMS, glossary_markdown
from graph.report.text import criterion_measures, criterion_reference, worded_details
from graph.report.worldwords import (
    KIND_MEANS,
    LAYER_NAMES,
    can_never,
    layer_name,
    layer_sentence,
    overlap_sentence,
    when_words,
    world_criterion_measures,
    world_criterion_name,
    world_criterion_reference,
    world_criterion_sentence,
    years_words,
)

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
    "world_criteria_table",
    "world_tie_table",
    "world_tables",
    "write_world_tables",
]

#: What a tie's weight counts in each layer, for "Russia - Belarus (6 shared organizations)".
_WEIGHT_WORDS = {
    "igo": lambda w: f"{fmt(w)} weighted shared organization" + ("" if w == 1 else "s"),
    "alliance": lambda w: "an alliance pledge",
    "events": lambda w: f"{fmt(w)} cooperative events",
    "corridors": lambda w: f"{fmt(w)} route" + ("" if w == 1 else "s"),
}

#: Criteria of the text's claim test that say nothing of a world layer: the layers are the
#: variants (robustness), and a dataset of every state is no author's ego network or framing.
_NOT_SHOWN = frozenset({"robustness", "source", "framing"})

_ORDER = (
    "supported",
    "partly supported",
    "not supported",
    "not testable from this source",
    "not testable on this dimension",
    "not testable",
)


def _sides_words(w: WorldLayer) -> str:
    names = [escape_markdown(w.side_labels.get(k, k)) for k in w.sides]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names)


def _verdict(w: WorldLayer) -> str:
    return w.verdict


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
    ordered = sorted(groups.items(), key=lambda kv: _ORDER.index(kv[0]) if kv[0] in _ORDER else 9)
    return "; ".join(f"{v} on {', '.join(names)}" for v, names in ordered)


def world_summary(layers: Mapping[str, WorldLayer], *, focus_label: str) -> str:
    """One paragraph: the states the sides share first, then each layer's verdict and why.

    Each layer gets one sentence with its years, their gap to the claim, its
    verdict and the criteria that decided it (:func:`graph.world.deciding`),
    and any criterion that passes under a negative verdict; then the bypass
    and the text's ties in numbers.

    Examples
    --------
    >>> world_summary({}, focus_label="X")
    'No world layer was built.'
    """
    from graph.world import deciding

    if not layers:
        return "No world layer was built."
    first = next(iter(layers.values()))
    out = [overlap_sentence(first)] if first.overlap else []
    out += [layer_sentence(w, focus_label, deciding(w)) for w in layers.values()]
    out.append(_counts_paragraph(layers, focus_label))
    return " ".join(x for x in out if x)


def _counts_paragraph(layers: Mapping[str, WorldLayer], focus_label: str) -> str:
    """The bypass and the text's ties against the layers, in numbers."""
    label = escape_markdown(focus_label)
    out = []
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
    counts = []
    for key, w in layers.items():
        if w.ties.empty:
            continue
        vc = w.ties["status"].value_counts()
        shown = ", ".join(f"{int(vc[s])} {s}" for s in vc.index)
        counts.append(f"{layer_name(key, in_text=True)}: {shown}")
    if counts:
        n = max(len(w.ties) for w in layers.values())
        out.append(f"Of the text's {n} ties between states, " + "; ".join(counts) + ".")
    return " ".join(x for x in out if x)


def world_criteria_table(layers: Mapping[str, WorldLayer], *, focus_label: str) -> pd.DataFrame:
    """Every criterion of every layer, one row each, with its words and numbers.

    Examples
    --------
    >>> world_criteria_table({}, focus_label="X").empty
    True
    """
    rows = []
    for key, w in layers.items():
        for c in w.criteria:
            if c.key in _NOT_SHOWN:
                continue
            if w.kind == "signed":
                measures = criterion_measures(w.result, c)
                compared = criterion_reference(w.result, c)
            else:
                measures = world_criterion_measures(c.key)
                compared = world_criterion_reference(w, c)
            rows.append(
                {
                    "layer": layer_name(key),
                    "criterion": world_criterion_name(c.key),
                    "measures": measures,
                    "observed": c.observed,
                    "compared with": compared,
                    "effect": pct(c.effect) if c.effect is not None else "",
                    "p": c.p_value,
                    "result": c.status,
                    "reading": world_criterion_sentence(w, c, focus_label),
                }
            )
    return pd.DataFrame(rows)


def _layer_row(key: str, w: WorldLayer) -> dict[str, Any]:
    return {
        "layer": layer_name(key),
        "kind": w.kind,
        "data": when_words(w),
        "states": w.nodes,
        "ties": w.edges if w.graph is not None else "-",
        "sides found": ", ".join(f"{w.side_labels.get(k, k)} {n}" for k, n in w.sides.items()),
        "verdict": _verdict(w),
    }


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
    glossary: bool = False,
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
    glossary : bool, default False
        End with the glossary of the world's terms (for ``world.md``, which
        stands alone; the full report has its own glossary).

    Examples
    --------
    >>> world_markdown({}, focus_label="X").splitlines()[0]
    '## The claim in the world'
    """
    from graph.world import deciding

    h = "#" * level
    out = [f"{h} The claim in the world", ""]
    if not layers:
        return "\n".join([*out, world_summary(layers, focus_label=focus_label), ""]) + "\n"
    first = next(iter(layers.values()))
    if first.overlap:
        out += [overlap_sentence(first), ""]
    out += [f"- {layer_sentence(w, focus_label, deciding(w))}" for w in layers.values()]
    out += ["", _counts_paragraph(layers, focus_label), ""]
    out += _layers_tables(layers, focus_label, h)
    for caption, path in (figures or {}).items():
        out += [f"![{escape_markdown(caption)}]({path})", "", f"*{escape_markdown(caption)}*", ""]
    out += [f"{h}# Pairs of sides connected without the focus", ""]
    out += _bypass_lines(layers)
    out += _ties_lines(layers, h)
    omitted = [line for key, w in layers.items() for line in _omitted_lines(key, w, top)]
    if omitted:
        out += [f"{h}# Ties between the sides the text leaves out", "", *omitted, ""]
    out += _notes_lines(layers, h)
    if glossary:
        out += [f"{h}# Glossary", "", glossary_markdown(WORLD_TERMS), ""]
    return "\n".join(out) + "\n"


def _layers_tables(layers: Mapping[str, WorldLayer], focus_label: str, h: str) -> list[str]:
    """The layers, what "between" means on each kind, and every criterion of every layer."""
    kinds = pd.DataFrame(
        [
            {
                "layer": layer_name(k),
                "kind": w.kind,
                '"between" means': KIND_MEANS[w.kind],
                "can never": can_never(k, w.kind),
            }
            for k, w in layers.items()
        ]
    )
    crit = world_criteria_table(layers, focus_label=focus_label)
    out = [
        'Each layer is a kind of evidence, and "between" means something different on each: '
        "the test that fits the kind runs on the years nearest before the claim (the gap is "
        "given); the sides are the organizations' member states on the claim's date, the "
        "states on two sides at once left out. Robustness variants do not apply (the data "
        "have no paragraphs): the layers are the variants.",
        "",
        _table(pd.DataFrame([_layer_row(k, w) for k, w in layers.items()])),
        "",
        _table(kinds),
        "",
    ]
    if crit.empty:
        return out
    return out + [
        f"{h}# Every criterion of every layer",
        "",
        _table(crit.drop(columns=["reading"])),
        "",
        *[
            f"- **{escape_markdown(r['layer'])}, {escape_markdown(r['criterion'])}** "
            f"({r['result']}): {r['reading']}"
            for r in crit.to_dict("records")
        ],
        "",
    ]


def _bypass_lines(layers: Mapping[str, WorldLayer]) -> list[str]:
    """Each pair of sides: the pairs of states across it the data connect without the focus."""
    rows = []
    for key, w in layers.items():
        for frame, what in ((w.bypass, "claim"), (w.bypass_blocs, "text's blocs")):
            rows += [
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
                for r in records(frame)
            ]
    if not rows:
        return []
    return [
        "For each pair of sides, the pairs of states across them (the focus aside): how "
        "many the data tie directly, how many they connect by a path that avoids the "
        "focus, and the share only the focus connects; then that share in the text, "
        "over the pairs whose both states it names.",
        "",
        _table(pd.DataFrame(rows)),
        "",
    ]


def _ties_lines(layers: Mapping[str, WorldLayer], h: str) -> list[str]:
    """The text's ties against the data, and why each not shown or contradicted is so."""
    ties = world_tie_table(layers)
    if ties.empty:
        return []
    out = [
        f"{h}# The text's ties against the data",
        "",
        "*confirmed*: a signed layer ties the two states with the text's sign (a "
        "neutral text tie: with either sign); *contradicted*: it shows the opposite sign "
        "(a conflict as cooperation, or the reverse); *proximity*: an unsigned layer "
        "(co-membership, corridors) shows them together and cannot check the sign; "
        "*not shown*: no tie in those years (absence is not contradiction); *cannot be "
        "checked*: a state the source does not cover. The text's ties are those the "
        "claim test keeps (the claim's own ties left out), conflicts included.",
        "",
        _table(ties),
        "",
    ]
    reasons = [
        f"- {escape_markdown(str(r['source_label']))} - "
        f"{escape_markdown(str(r['target_label']))}, "
        f"{layer_name(key, in_text=True)}: {escape_markdown(str(r['reason']))}."
        for key, w in layers.items()
        for r in records(w.ties)
        if r["status"] in ("not shown", "contradicted")
    ]
    return out + reasons + ([""] if reasons else [])


def _notes_lines(layers: Mapping[str, WorldLayer], h: str) -> list[str]:
    """What each layer's data lack or how they were made, and their sources."""
    notes = []
    for key, w in layers.items():
        notes += [f"- {layer_name(key)}: {escape_markdown(n)}" for n in w.notes]
        if w.source:
            notes.append(f"- {layer_name(key)} source: {escape_markdown(w.source)}.")
    return [f"{h}# Notes on the data", "", *notes, ""] if notes else []


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
    from graph.world import deciding

    crit = world_criteria_table(layers, focus_label=focus_label)
    for key, w in layers.items():
        r = w.result
        rows = crit.loc[crit["layer"] == layer_name(key)] if not crit.empty else crit
        kept = [c for c in w.criteria if c.key not in _NOT_SHOWN]
        out["layers"][key] = {
            "name": layer_name(key),
            "kind": w.kind,
            "between_means": KIND_MEANS[w.kind],
            "can_never": can_never(key, w.kind),
            "period": list(w.period),
            "day": w.day.isoformat() if w.day is not None else None,
            "gap_years": w.gap,
            "nodes": w.nodes,
            "edges": w.edges,
            "sides": w.sides,
            "side_members": w.side_members,
            "side_labels": w.side_labels,
            "overlap": w.overlap,
            "verdict": _verdict(w),
            "decided_by": list(deciding(w)),
            "reason": w.reason or None,
            "criteria": [
                {
                    "key": c.key,
                    "name": rec["criterion"],
                    "measures": rec["measures"],
                    "compared_with": rec["compared with"],
                    "observed": c.observed,
                    "reference": c.reference,
                    "effect": c.effect,
                    "p_value": c.p_value,
                    "status": c.status,
                    "sentence": rec["reading"],
                    "details": worded_details(c),
                }
                for c, rec in zip(kept, records(rows), strict=True)
            ],
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
