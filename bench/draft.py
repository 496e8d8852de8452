"""The drafting benchmark: a draft of each hand-coded text scored against its coding, and speed.

Run ``.venv/bin/python bench/draft.py`` (needs the extra ``actor-graph[draft]``). Prints, for
the shipped article and the two test texts, every figure of ``graph.draft.score``, and the
seconds to load the model and the gazetteer, then to draft a text of 2,000 words or more (the
three texts' paragraphs, repeated) once they are loaded. See bench/README.md, "Drafting".
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from graph import draft
from graph.draft.gazetteer import load_gazetteer
from graph.io import data_dir

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {
    "shipped article (developers' gold)": data_dir(),
    "tests/fixtures/japan": ROOT / "tests" / "fixtures" / "japan",
    "tests/fixtures/turkiye (held out)": ROOT / "tests" / "fixtures" / "turkiye",
}
FIGURES = (
    "actor_recall",
    "actor_precision",
    "node_recall",
    "node_precision",
    "tie_recall",
    "tie_precision",
    "top_n_precision",
    "relation_accuracy",
    "claim_top",
    "claim_rank",
    "quotes_verbatim",
    "coded_pairs",
    "proposed_pairs",
    "correct_pairs",
)


def main() -> None:
    t0 = time.perf_counter()
    nlp = draft.load_model()
    t1 = time.perf_counter()
    load_gazetteer()
    t2 = time.perf_counter()
    print(f"model load {t1 - t0:.2f} s, gazetteer load {t2 - t1:.2f} s")
    scores = {}
    for name, folder in TEXTS.items():
        d = draft.draft_text((folder / "article.txt").read_text(encoding="utf-8"), nlp=nlp)
        with tempfile.TemporaryDirectory() as tmp:
            draft.write_draft(d, Path(tmp) / "d")
            scores[name] = draft.score(Path(tmp) / "d", folder).as_dict()
    print(f"{'figure':<20}" + "".join(f"{n[:24]:>26}" for n in scores))
    for f in FIGURES:
        print(f"{f:<20}" + "".join(f"{str(s[f]):>26}" for s in scores.values()))
    paras = []
    for folder in TEXTS.values():
        paras += (folder / "article.txt").read_text(encoding="utf-8").split("\n\n")
    text, n = "", 0
    while n < 2000:
        text += "\n\n".join(paras) + "\n\n"
        n = len(text.split())
    times = []
    for _ in range(3):
        t = time.perf_counter()
        draft.draft_text(text, nlp=nlp)
        times.append(time.perf_counter() - t)
    print(
        f"draft of a {n:,}-word text after loading: best {min(times):.2f} s, "
        f"worst {max(times):.2f} s of 3"
    )


if __name__ == "__main__":
    main()
