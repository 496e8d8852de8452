r"""A draft written as a dataset folder the rest of the tool reads unchanged.

The folder gets ``article.txt`` (the paragraphs), ``nodes.csv`` (blocs empty,
for the analyst), ``proposed_edges.csv`` (the columns of ``edges.csv`` and
``score``, ``why``, an empty ``review``), ``analysis.toml`` (the best claim
candidate active, the others commented out), ``draft.md`` (what was found,
what needs the analyst, the next commands) and ``review.html`` (the review
page). It is written as one transaction (:func:`graph.files.staged_dir`). A
folder holding a coded ``edges.csv`` is refused, and so is any file of these
names that the last draft did not write or that was changed since (its
``manifest.json`` records each file's SHA-256): a draft never writes over an
analyst's work or an input.

Examples
--------
>>> print(toml_string('a "b"'))
"a \"b\""
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from pathlib import Path

from graph import __version__, schema
from graph.draft.build import PROPOSAL_COLUMNS, Draft
from graph.draft.review import review_html
from graph.errors import DataError, Problem
from graph.files import atomic_write_text, staged_dir
from graph.io import data_dir
from graph.outdir import read_manifest

__all__ = ["FILES", "write_draft", "check_folder", "toml_string", "csv_text", "draft_notes"]

#: The files a draft writes, in the order written.
FILES = (
    "article.txt",
    "nodes.csv",
    "proposed_edges.csv",
    "analysis.toml",
    "draft.md",
    "review.html",
)
#: Proposals scored below this are co-occurrences only: draft.md counts them apart.
LOW_SCORE = 0.35


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def csv_text(rows: list[dict], columns) -> str:
    """Rows as CSV text (RFC 4180 quoting, LF line ends), as the loaders read it."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _refuse(path: Path, message: str, fix: str) -> DataError:
    return DataError([Problem(str(path), message=message, fix=fix)])


def check_folder(out: str | Path, article_text: str) -> Path:
    """Refuse a folder a draft must not write into; return it.

    Raises
    ------
    DataError
        The shipped data folder; a file where the folder goes; a coded
        ``edges.csv``; a file of the draft's names that the last draft did not
        write or that was changed since (``article.txt`` may be the text given,
        when the draft would write the same bytes).
    """
    out = Path(out)
    if out.resolve() == data_dir().resolve() or out.resolve().is_relative_to(data_dir().resolve()):
        raise _refuse(out, "is the shipped data folder", "give --out a new folder, e.g. my-text/")
    if out.exists() and not out.is_dir():
        raise _refuse(out, "is a file", "give --out a folder")
    if (out / "edges.csv").exists():
        raise _refuse(
            out / "edges.csv",
            "exists: the folder holds a coded dataset, which a draft never writes over",
            "give --out a new folder",
        )
    manifest = read_manifest(out)
    for name in FILES:
        p = out / name
        if not p.exists():
            continue
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        if name == "article.txt" and p.read_bytes() == article_text.encode("utf-8"):
            continue
        if manifest.get(name, {}).get("sha256") != digest:
            raise _refuse(
                p,
                "exists and is not the last draft's (written by hand, or changed since)",
                "give --out a new folder, or move the file away",
            )
    return out


def _claim_block(c, *, active: bool, rank: int) -> str:
    lines = [
        f"focus = {toml_string(c.focus)}",
        f"view = {toml_string(c.view)}",
        f"statement = {toml_string(c.statement)}",
        f"paragraph = {c.paragraph}",
    ]
    if len(c.between) >= 2:
        lines.append("between = [" + ", ".join(toml_string(b) for b in c.between) + "]")
    head = f"# candidate {rank} (score {c.score:g}; words: {', '.join(c.words)})"
    if active:
        return head + "\n[claim]\n" + "\n".join(lines) + "\n"
    return head + "\n" + "\n".join("# " + line for line in lines) + "\n"


def analysis_toml(draft: Draft) -> str:
    """``analysis.toml``: the best candidate active, the others commented out."""
    out = [
        "# Claim candidates drafted from article.txt: sentences that state an actor's position.",
        "# The best one is active, the others are commented out. Check the focus, the view",
        "# (actors or states) and `between` (the node ids or blocs the claim says it connects).",
        "",
    ]
    if not draft.candidates:
        out.append("# No sentence of the text states a position claim (bridge, hub, between ...).")
    for i, c in enumerate(draft.candidates, start=1):
        out.append(_claim_block(c, active=i == 1, rank=i))
    return "\n".join(out).rstrip("\n") + "\n"


def draft_notes(draft: Draft, *, source: str = "the text", folder: str = "my-text") -> str:
    """``draft.md``: what was found, what needs the analyst, the next commands."""
    types = Counter(n["type"] for n in draft.nodes)
    rows = draft.edge_rows()
    low = sum(float(r["score"]) < LOW_SCORE for r in rows)
    lines = [
        f"# Draft of {source}",
        "",
        f"Drafted by actor-graph {__version__}: a proposal for an analyst to review, not a coding.",
        "",
        "## Found",
        "",
        f"- {len(draft.text.paragraphs)} paragraphs in `article.txt`.",
    ]
    for p, kind in sorted(draft.text.notes.items()):
        lines.append(f"- Paragraph {p} is a {kind}: no actors and no ties drafted from it.")
    kinds = ", ".join(f"{n} {t}" for t, n in sorted(types.items()))
    lines += [
        f"- {len(draft.nodes)} nodes in `nodes.csv` ({kinds or 'none'}).",
        f"- {len(rows)} proposed ties in `proposed_edges.csv`: {len(rows) - low} from rules "
        f"(score {LOW_SCORE} or more), {low} from co-occurrence alone.",
        f"- {len(draft.candidates)} claim candidates in `analysis.toml`.",
    ]
    if draft.candidates:
        c = draft.candidates[0]
        sides = ", ".join(c.between) or "no sides named"
        lines.append(f"- The best (paragraph {c.paragraph}): focus `{c.focus}`, between {sides}.")
    lines += ["", "## Needs you", ""]
    lines += _needs(draft, low)
    lines += [
        "",
        "## Next",
        "",
        "1. Review each row of `proposed_edges.csv`: write `accept`, `reject`, or an edit",
        "   (`relation=hosts; sign=0`) in `review`; or open `review.html` and download",
        "   `edges.csv` from it.",
        "2. Give every actor a `bloc` in `nodes.csv` (events and platforms may have none).",
        f"3. `actor-graph accept {folder}/` writes `edges.csv` from the accepted rows and",
        "   validates the folder.",
        f"4. `actor-graph analyze --data {folder}/ --out {folder}-out/`",
        "",
    ]
    return "\n".join(lines)


def _needs(draft: Draft, low: int) -> list[str]:
    out = ["- Every `bloc` in `nodes.csv` is empty: the blocs are the analyst's choice."]
    places = Counter(m.text for m in draft.unresolved if m.kind in ("place", "capital"))
    refs = [m for m in draft.unresolved if m.kind.startswith("ref:")]
    if places:
        named = ", ".join(f"{t} ({n})" for t, n in sorted(places.items()))
        out.append(
            f"- Places not made nodes (a city stands for its state only when it acts): {named}."
        )
    if refs:
        named = ", ".join(f"'{m.text}' (paragraph {m.paragraph})" for m in refs)
        out.append(f"- Pointing phrases with nothing to point to: {named}.")
    spacy_only = [n["label"] for n in draft.nodes if n.get("from") == "ner"]
    if spacy_only:
        out.append(
            "- Check the type, and for persons the `country`, of: " + ", ".join(spacy_only) + "."
        )
    if low:
        out.append(
            f"- {low} ties rest on two actors sharing a sentence (score below {LOW_SCORE}): "
            "their relation is a guess from the node types."
        )
    inferred = sum(p.stated == "inferred" for p in draft.proposals)
    out.append(
        f"- {inferred} proposals are marked `inferred`: "
        "the text does not state them in so many words."
    )
    return out


def write_draft(draft: Draft, out: str | Path, *, source: str = "the text") -> list[Path]:
    """Write the draft into ``out`` (checked by :func:`check_folder`); return the files' paths."""
    text = draft.text.text
    out = check_folder(out, text)
    contents = {
        "article.txt": text,
        "nodes.csv": csv_text(draft.node_rows(), schema.NODE_COLUMNS),
        "proposed_edges.csv": csv_text(draft.edge_rows(), PROPOSAL_COLUMNS),
        "analysis.toml": analysis_toml(draft),
        "draft.md": draft_notes(draft, source=source, folder=out.name or "my-text"),
        "review.html": review_html(draft),
    }
    with staged_dir(out, command="graph.draft.write_draft") as stage:
        for name in FILES:
            atomic_write_text(stage / name, contents[name])
    return [out / name for name in FILES]
