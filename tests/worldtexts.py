"""Small coded texts for the world-layer tests, written to a folder and loaded."""

from __future__ import annotations

import csv
from pathlib import Path

from graph import io

FIXTURES = Path(__file__).resolve().parent / "fixtures"
JAPAN = FIXTURES / "japan"

NODE_HEADER = ["id", "label", "type", "country", "bloc", "aliases", "code"]
EDGE_HEADER = [
    "source",
    "target",
    "relation",
    "directed",
    "sign",
    "weight",
    "paragraph",
    "evidence",
]


def japan_dataset() -> io.Dataset:
    """The Japan test dataset of tests/fixtures/japan."""
    return io.load_dataset(JAPAN / "nodes.csv", JAPAN / "edges.csv", JAPAN / "article.txt")


def write_text(folder: Path, nodes: list[list[str]], edges: list[list], paragraphs: list[str]):
    """Write nodes.csv, edges.csv and article.txt into ``folder`` and load them.

    ``nodes`` rows follow :data:`NODE_HEADER`; ``edges`` rows are
    ``[source, target, relation, sign, paragraph, evidence]`` (directed is
    false for the symmetric relations, weight 1).
    """
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "nodes.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(NODE_HEADER)
        w.writerows(nodes)
    symmetric = {"cooperates_with", "negotiates_with", "conflicts_with"}
    with (folder / "edges.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(EDGE_HEADER)
        for s, t, rel, sign, para, quote in edges:
            directed = "false" if rel in symmetric else "true"
            w.writerow([s, t, rel, directed, sign, 1, para, quote])
    (folder / "article.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return io.load_dataset(folder / "nodes.csv", folder / "edges.csv", folder / "article.txt")


def caucasus_text(folder: Path, *, armenia_us_tied: bool = False, conflict: bool = False):
    """Azerbaijan tied to Armenia and to the United States; Armenia and the US left untied.

    With ``armenia_us_tied`` the text also ties Armenia and the United States; with
    ``conflict`` Azerbaijan and Armenia are in conflict rather than cooperating.
    """
    paragraphs = [
        "Azerbaijan and Armenia work together on trade.",
        "Azerbaijan and the United States hold talks.",
        "Armenia and the United States hold talks too.",
        "Azerbaijan and Armenia clash at the border.",
    ]
    nodes = [
        ["azerbaijan", "Azerbaijan", "state", "", "Caucasus", "", "AZE"],
        ["armenia", "Armenia", "state", "", "Neighbours", "", "ARM"],
        ["united_states", "United States", "state", "", "West", "", "USA"],
    ]
    edges = [
        [
            "azerbaijan",
            "united_states",
            "negotiates_with",
            1,
            2,
            "Azerbaijan and the United States",
        ],
    ]
    if conflict:
        edges.append(["azerbaijan", "armenia", "conflicts_with", -1, 4, "Azerbaijan and Armenia"])
    else:
        edges.append(["azerbaijan", "armenia", "cooperates_with", 1, 1, "work together"])
    if armenia_us_tied:
        edges.append(["armenia", "united_states", "negotiates_with", 1, 3, "hold talks too"])
    return write_text(folder, nodes, edges, paragraphs)
