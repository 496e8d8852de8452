r"""How close a draft comes to a hand coding of the same text: the scorer.

A draft node matches a coded node when both are states with the same ISO3
code, or when a label or alias of one equals a label or alias of the other
(compared folded: case, accents, typographic quotes, a leading "the" and
spacing ignored). Then:

- **actors**: recall and precision over actors (states, leaders, persons,
  organizations and the other actor types); **nodes**: the same over every
  node (events, platforms and regions too);
- **ties**: unordered pairs of nodes within a paragraph; recall over every
  proposal, precision over every proposal, and precision of the top N
  proposals by score, N the coded pairs' count;
- **relations**: the share of correct pairs whose proposed relation is one the
  coding gives that pair in that paragraph;
- **claim**: whether the coded ``statement`` is the top candidate (and its rank);
- **quotes**: the share of proposals whose evidence is a verbatim slice of its
  paragraph.

Examples
--------
>>> d = {"nodes": [{"id": "az", "label": "Azerbaijan", "type": "state", "code": "AZE",
...                 "aliases": "Baku"}], "edges": [], "claims": []}
>>> g = {"nodes": [{"id": "azerbaijan", "label": "Azerbaijan", "type": "state",
...                 "code": "AZE", "aliases": ""}], "edges": [], "claims": []}
>>> s = compare(d, g)
>>> s.actor_recall, s.node_precision
(1.0, 1.0)
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.draft.gazetteer import fold
from graph.io import normalize_quote

__all__ = ["Scores", "compare", "score", "read_folder", "ACTOR_TYPES"]

#: Node types counted as actors (the others: events, platforms, regions).
ACTOR_TYPES = frozenset(
    "state leader person organization armed_group movement media academic actor".split()
)


@dataclass(frozen=True)
class Scores:
    """The scorer's figures (ratios from 0 to 1, None where nothing was there to count)."""

    actor_recall: float | None
    actor_precision: float | None
    node_recall: float | None
    node_precision: float | None
    tie_recall: float | None
    tie_precision: float | None
    top_n_precision: float | None
    relation_accuracy: float | None
    claim_top: bool
    claim_rank: int | None
    quotes_verbatim: float | None
    coded_pairs: int
    proposed_pairs: int
    correct_pairs: int

    def as_dict(self) -> dict:
        """The figures as a plain dict."""
        return asdict(self)


def _names(node: dict) -> set[str]:
    names = [node.get("label", ""), *str(node.get("aliases", "") or "").split(";")]
    out = set()
    for n in names:
        f = re.sub(r"\s+", " ", fold(n).replace('"', "").replace("-", " ")).strip()
        f = re.sub(r"^(the|a|an) ", "", f)
        if f:
            out.add(f)
    return out


def match_nodes(draft: list[dict], gold: list[dict]) -> dict[str, str]:
    """Draft node id -> the coded node id it matches (states by code, others by names)."""
    out = {}
    gold_names = [(g, _names(g)) for g in gold]
    for d in draft:
        code = (d.get("code") or "").upper()
        hit = None
        if d.get("type") == "state" and code:
            hit = next((g for g in gold if (g.get("code") or "").upper() == code), None)
        if hit is None:
            names = _names(d)
            label = _names({"label": d.get("label", "")})
            best = [(bool(label & gn), len(names & gn), g) for g, gn in gold_names if names & gn]
            if best:
                hit = max(best, key=lambda t: (t[0], t[1]))[2]
        if hit is not None:
            out[d["id"]] = hit["id"]
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _pairs(edges: list[dict], ids: dict[str, str] | None = None) -> dict:
    out: dict[tuple, set[str]] = {}
    for e in edges:
        s, t = e["source"], e["target"]
        if ids is not None:
            s, t = ids.get(s, "draft:" + s), ids.get(t, "draft:" + t)
        out.setdefault((int(e["paragraph"]), frozenset((s, t))), set()).add(e["relation"])
    return out


def compare(draft: dict, gold: dict) -> Scores:
    """Score a draft against a coding.

    Each is a dict of ``nodes``, ``edges``, ``claims`` (statements, best
    first), and optionally ``paragraphs``.
    """
    ids = match_nodes(draft["nodes"], gold["nodes"])
    actors_g = [g for g in gold["nodes"] if g["type"] in ACTOR_TYPES]
    actors_d = [d for d in draft["nodes"] if d["type"] in ACTOR_TYPES]
    found = set(ids.values())
    gp, dp = _pairs(gold["edges"]), _pairs(draft["edges"], ids)
    correct = [k for k in dp if k in gp]
    right = sum(bool(dp[k] & gp[k]) for k in correct)
    ranked, seen = [], set()
    order = sorted(
        enumerate(draft["edges"]), key=lambda ie: (-float(ie[1].get("score") or 0), ie[0])
    )
    for _, e in order:
        s, t = (
            ids.get(e["source"], "draft:" + e["source"]),
            ids.get(e["target"], "draft:" + e["target"]),
        )
        k = (int(e["paragraph"]), frozenset((s, t)))
        if k not in seen:
            seen.add(k)
            ranked.append(k)
    top = ranked[: len(gp)]
    claims = [normalize_quote(c) for c in draft.get("claims", [])]
    coded = [normalize_quote(c) for c in gold.get("claims", [])][:1]
    rank = claims.index(coded[0]) + 1 if coded and coded[0] in claims else None
    paras = draft.get("paragraphs")
    verbatim = None
    if paras is not None and draft["edges"]:
        ok = sum(e["evidence"] in paras[int(e["paragraph"]) - 1] for e in draft["edges"])
        verbatim = _ratio(ok, len(draft["edges"]))
    return Scores(
        actor_recall=_ratio(sum(g["id"] in found for g in actors_g), len(actors_g)),
        actor_precision=_ratio(sum(d["id"] in ids for d in actors_d), len(actors_d)),
        node_recall=_ratio(sum(g["id"] in found for g in gold["nodes"]), len(gold["nodes"])),
        node_precision=_ratio(len(ids), len(draft["nodes"])),
        tie_recall=_ratio(len(correct), len(gp)),
        tie_precision=_ratio(len(correct), len(dp)),
        top_n_precision=_ratio(sum(k in gp for k in top), len(gp)),
        relation_accuracy=_ratio(right, len(correct)),
        claim_top=rank == 1,
        claim_rank=rank,
        quotes_verbatim=verbatim,
        coded_pairs=len(gp),
        proposed_pairs=len(dp),
        correct_pairs=len(correct),
    )


def _rows(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _statements(path: Path) -> list[str]:
    """The active claim's statement, then the commented-out candidates' (in file order)."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    active = tomllib.loads(text).get("claim", {}).get("statement")
    others = [
        tomllib.loads("s = " + value)["s"]
        for value in re.findall(r'^# statement = ("(?:[^"\\]|\\.)*")$', text, flags=re.M)
    ]
    return ([active] if active else []) + others


def read_folder(folder: str | Path, *, edges: str = "edges.csv") -> dict:
    """A dataset folder as :func:`compare` takes it (``edges``: which file holds the ties)."""
    folder = Path(folder)
    article = folder / "article.txt"
    paras = None
    if article.is_file():
        text = article.read_text(encoding="utf-8")
        paras = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return {
        "nodes": _rows(folder / "nodes.csv"),
        "edges": _rows(folder / edges),
        "claims": _statements(folder / "analysis.toml"),
        "paragraphs": paras,
    }


def score(draft: str | Path, gold: str | Path) -> Scores:
    """Score a draft folder (``proposed_edges.csv``) against a hand-coded folder (``edges.csv``).

    Examples
    --------
    >>> from graph.io import data_dir
    >>> s = score(data_dir(), data_dir())  # no proposed_edges.csv there: no ties proposed
    >>> s.actor_recall, s.tie_recall, s.claim_top
    (1.0, 0.0, True)
    """
    return compare(read_folder(draft, edges="proposed_edges.csv"), read_folder(gold))
