"""Drafting a dataset from a raw text: rules on sentences written for these tests."""

from __future__ import annotations

import pytest
from draftkit import nlp  # noqa: F401 (fixture)

from graph import draft
from graph.draft.gazetteer import load_gazetteer, words
from graph.draft.text import split_text
from graph.io import normalize_quote


def _draft(nlp, text):  # noqa: F811
    return draft.draft_text(text, nlp=nlp)


def _ties(d):
    return {(r["source"], r["relation"], r["target"]): r for r in d.edge_rows()}


def _node(d, nid):
    return next(n for n in d.node_rows() if n["id"] == nid)


@pytest.mark.slow
def test_a_title_makes_heads_with_the_phrase_that_names_the_office(nlp):  # noqa: F811
    d = _draft(nlp, "Kenyan President William Ruto opened the new port in Lamu.")
    assert _node(d, "william_ruto")["type"] == "leader"
    assert _node(d, "william_ruto")["country"] == "kenya"
    row = _ties(d)[("william_ruto", "heads", "kenya")]
    assert row["evidence"] == "Kenyan President William Ruto"
    assert row["stated"] == "explicit"
    assert float(row["score"]) >= 0.9


@pytest.mark.slow
def test_another_office_makes_represents_not_heads(nlp):  # noqa: F811
    d = _draft(nlp, "Peruvian Foreign Minister Ana Cecilia Gervasi spoke to reporters.")
    ties = _ties(d)
    person = next(n["id"] for n in d.node_rows() if n["type"] == "person")
    assert (person, "represents", "peru") in ties
    assert not any(r == "heads" for _, r, _ in ties)


def test_hosted_by_makes_hosts_from_the_agent_to_the_event(nlp):  # noqa: F811
    d = _draft(nlp, "The water summit in Amman was hosted by King Abdullah of Jordan.")
    hosts = [k for k in _ties(d) if k[1] == "hosts" and k[2].startswith("water_summit")]
    assert hosts, _ties(d)
    assert hosts[0][0] in ("abdullah", "king_abdullah", "jordan") or "abdullah" in hosts[0][0]


def test_an_acronym_merges_with_its_long_form(nlp):  # noqa: F811
    text = (
        "The Caspian Water Compact Secretariat (CWCS) met in Baku.\n\n"
        "Kazakhstan later left the CWCS."
    )
    d = _draft(nlp, text)
    orgs = [n for n in d.node_rows() if n["type"] == "organization"]
    assert len(orgs) == 1
    assert "CWCS" in (orgs[0]["label"], *orgs[0]["aliases"].split(";"))
    assert any(s == "kazakhstan" and t == orgs[0]["id"] for s, _, t in _ties(d))


def test_the_country_resolves_to_the_state_last_named(nlp):  # noqa: F811
    d = _draft(
        nlp,
        "Uzbekistan opened a rail line to the border.\n\nThe country then signed a deal with "
        "Turkmenistan.",
    )
    assert "The country" in _node(d, "uzbekistan")["aliases"].split(";")
    pairs = {frozenset((s, t)) for s, _, t in _ties(d)}
    assert frozenset(("uzbekistan", "turkmenistan")) in pairs


def test_a_sanction_is_conflictual(nlp):  # noqa: F811
    d = _draft(nlp, "Canada imposed sanctions on Belarus last year.")
    row = _ties(d)[("canada", "conflicts_with", "belarus")]
    assert row["sign"] == "-1"
    assert row["directed"] == "false"
    d = _draft(nlp, "Norway sanctioned Myanmar after the coup.")
    assert _ties(d)[("norway", "conflicts_with", "myanmar")]["sign"] == "-1"


def test_a_capital_is_its_state_only_when_it_acts(nlp):  # noqa: F811
    d = _draft(nlp, "Ottawa criticized New Delhi. Delegates gathered in Geneva.")
    ids = {n["id"] for n in d.node_rows()}
    assert {"canada", "india"} <= ids
    assert "switzerland" not in ids
    assert any(m.text == "Geneva" for m in d.unresolved)


def test_every_quote_is_a_verbatim_slice_of_its_paragraph(nlp):  # noqa: F811
    text = (
        "Brazil and Argentina agreed on a gas pipeline, Brazilian President Luiz Inacio Lula da "
        "Silva said on Monday.\n\n"
        'Chile -- which "welcomed" the deal -- asked to join; the Mercosur trade bloc said '
        "nothing.\n\nThe pipeline links Vaca Muerta with Sao Paulo."
    )
    d = _draft(nlp, text)
    assert d.edge_rows()
    for r in d.edge_rows():
        para = d.text.paragraphs[int(r["paragraph"]) - 1]
        assert r["evidence"] in para
        assert r["evidence"] == r["evidence"].strip()
        assert not r["evidence"].startswith(("=", "+", "-", "@"))


def test_a_byline_keeps_its_number_and_gives_no_actor(nlp):  # noqa: F811
    d = _draft(nlp, "Georgia and Armenia met.\n\nBy Tamar Beridze")
    assert d.text.notes == {2: "byline"}
    assert not any(m.paragraph == 2 for m in d.unresolved)
    assert all(r["paragraph"] == "1" for r in d.edge_rows())


def test_the_claim_candidate_names_focus_and_sides(nlp):  # noqa: F811
    text = (
        "Kazakhstan trades with China and Russia.\n\n"
        "Kazakhstan serves as a bridge between China and Russia, its officials say."
    )
    d = _draft(nlp, text)
    best = d.candidates[0]
    assert best.paragraph == 2
    assert best.focus == "kazakhstan"
    assert set(best.between) == {"china", "russia"}
    assert best.view == "states"


def test_a_between_phrase_alone_names_no_focus_inside_it(nlp):  # noqa: F811
    d = _draft(nlp, "The talks between Serbia and Kosovo stalled again.")
    assert all(c.focus not in c.between for c in d.candidates)
    assert not any(c.focus in ("serbia", "kosovo") for c in d.candidates)


def test_the_same_text_gives_the_same_draft(nlp):  # noqa: F811
    text = "Japan and India held talks in Tokyo.\n\nThe talks concerned the Indo-Pacific."
    a, b = _draft(nlp, text), _draft(nlp, text)
    assert a.node_rows() == b.node_rows()
    assert a.edge_rows() == b.edge_rows()


def test_paragraphs_split_as_the_loader_numbers_them():
    from graph.io import Article

    text = "Title line\n\nFirst para\nwrapped here.\n\n\n\nSecond.\n"
    t = split_text(text)
    assert t.paragraphs == ("Title line", "First para wrapped here.", "Second.")
    assert Article.from_text(t.text).paragraphs == t.paragraphs
    assert split_text("Only.\nLines.\n").paragraphs == ("Only.", "Lines.")


def test_an_author_note_at_the_end_is_marked():
    t = split_text(
        "Text here about Chile.\n\nMaria Ruiz is a senior fellow at the Andes Institute."
    )
    assert t.notes == {2: "author note"}
    t = split_text("By 2030 the canal will carry more trade.\n\nMore text.")
    assert t.notes == {}


def test_gazetteer_words_keep_offsets_and_fold_accents():
    text = "Türkiye’s President Recep Tayyip Erdoğan"
    ws = words(text)
    assert [w for w, _, _ in ws][:2] == ["turkiye", "s"]
    assert all(text[s:e] for _, s, e in ws)
    g = load_gazetteer()
    assert g.lookup(("turkiye",))[0].key == "TUR"
    assert g.lookup(("recep", "tayyip", "erdogan"))[0].country == "TUR"


def test_quotes_validate_as_the_loader_checks_them(nlp, tmp_path):  # noqa: F811
    from graph.io import load_edges, load_text

    d = _draft(nlp, "Mongolia joined the Shanghai Cooperation Organisation as an observer.")
    out = tmp_path / "d"
    draft.write_draft(d, out)
    import pandas as pd

    nodes = pd.DataFrame({"id": [n["id"] for n in d.node_rows()], "aliases": [[]] * len(d.nodes)})
    edges = load_edges(
        out / "proposed_edges.csv", nodes=nodes, article=load_text(out / "article.txt")
    )
    assert len(edges) == len(d.edge_rows())
    assert all(normalize_quote(q) for q in edges["evidence"])


@pytest.mark.slow
@pytest.mark.parametrize("gold", ["shipped", "japan"])
def test_the_scorer_on_hand_coded_texts_meets_the_targets(nlp, tmp_path, gold):  # noqa: F811
    """The issue's targets (checked here so that a change that loses them fails)."""
    from pathlib import Path

    from graph.io import data_dir

    folder = data_dir() if gold == "shipped" else Path(__file__).parent / "fixtures" / "japan"
    d = _draft(nlp, (folder / "article.txt").read_text(encoding="utf-8"))
    draft.write_draft(d, tmp_path / "d")
    s = draft.score(tmp_path / "d", folder)
    assert s.actor_recall >= 0.95
    assert s.tie_recall >= 0.70
    assert s.top_n_precision >= 0.50
    assert s.relation_accuracy >= 0.60
    assert s.claim_top
    assert s.quotes_verbatim == 1.0
