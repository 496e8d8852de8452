"""The explorer: a self-contained, escaped page, and what a reader does with it in Chromium."""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
import time

import networkx as nx
import pytest
from browser import Browser, find_chromium

from graph import claims, networks, report
from graph.measures import actor_measures

FOCUS = "azerbaijan"
STATEMENT = "It serves as a bridge connecting BRICS and the SCO."
EVIL_LABEL = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
EVIL_QUOTE = "<img src=x onerror=alert(3)> & </b> <!-- \u2028 --> ]]>"


@pytest.fixture(scope="module")
def views(dataset):
    return networks.build_views(dataset)


@pytest.fixture(scope="module")
def page(views):
    measures = {n: actor_measures(G) for n, G in views.items()}
    return report.explorer_html(views, measures, focus=FOCUS, seed=0)


@pytest.fixture(scope="module")
def claimed(views):
    """The claim test of the shipped data, and the actors view's measures with the tested ones."""
    result = claims.assess_bridge_claim(
        views["actors"], FOCUS, between=["brics", "sco"], samples=19, robustness=False,
        progress=False,
    )  # fmt: skip
    measures = {n: actor_measures(G) for n, G in views.items()}
    measures["actors"] = report.with_tested(measures["actors"], result)
    return result, measures


@pytest.fixture(scope="module")
def claim_page(views, claimed):
    result, measures = claimed
    headline = report.explorer_claim(result, measures["actors"], statement=STATEMENT)
    return report.explorer_html(views, measures, focus=FOCUS, seed=0, claim=headline)


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="explorer-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def _evil_views():
    G = nx.MultiDiGraph(view="full")
    G.add_node("x", label=EVIL_LABEL, type="state", bloc="<b>bloc</b>")
    G.add_node("y", label="Plain", type="state", bloc="West")
    G.add_edge(
        "x",
        "y",
        key=1,
        tie=1,
        relation="cooperates_with",
        directed=False,
        sign=1,
        weight=1.0,
        paragraph=1,
        evidence=EVIL_QUOTE,
        date=None,
        stated="explicit",
    )
    return {"full": G}


def test_page_is_self_contained(page):
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page)
    assert "@import" not in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 1
    assert len(styles) == 1
    assert not re.search(r"\b(fetch|XMLHttpRequest|import\(|WebSocket)\b", scripts[0])


def test_csp_allows_only_the_pages_own_script_and_style(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)

    def digest(text):
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert "default-src 'none'" in csp
    assert f"script-src 'sha256-{digest(script)}'" in csp
    assert f"style-src 'sha256-{digest(style)}'" in csp
    assert "unsafe-inline" not in csp


def test_data_carry_every_node_measure_and_quote(page, views, dataset):
    data = _data(page)
    assert [v["name"] for v in data["views"]] == list(views)
    for v in data["views"]:
        G = views[v["name"]]
        assert {n["id"] for n in v["nodes"]} == set(G)
        focus = [n["id"] for n in v["nodes"] if n["focus"]]
        assert focus == ([FOCUS] if FOCUS in G else [])
        assert "betweenness" in v["measures"]
        drawn_ties = {t for e in v["edges"] for t in e["ties"]}
        ties_of_view = (
            {d["tie"] for *_, d in G.edges(data=True)}
            if G.is_multigraph()
            else {t for *_, ts in G.edges(data="ties") for t in ts}
        )
        assert drawn_ties == ties_of_view
        for e in v["edges"]:
            assert sorted(t for _, ts in e["groups"] for t in ts) == sorted(e["ties"])
    quotes = dict(zip(dataset.edges["tie"], dataset.edges["evidence"], strict=True))
    assert {int(k): t["q"] for k, t in data["ties"].items()} == quotes


def test_data_cannot_become_markup():
    page = report.explorer_html(_evil_views(), title="<i>title</i>")
    body = page.split('id="explorer-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body
    assert ">" not in body
    assert "&" not in body
    assert "<i>title</i>" not in page
    assert "&lt;i&gt;title&lt;/i&gt;" in page
    assert page.count("<script") == 2  # the data block and the page's own script
    data = _data(page)
    assert data["labels"]["x"] == EVIL_LABEL
    assert data["ties"]["1"]["q"] == EVIL_QUOTE


@pytest.mark.slow
def test_jupyter_frame_is_sandboxed_and_holds_the_page(views):
    e = report.network_explorer(views, focus=FOCUS, height=500)
    frame = e._repr_html_()
    assert frame.startswith("<iframe ")
    assert 'sandbox="allow-scripts"' in frame
    assert "allow-same-origin" not in frame
    assert "height:500px" in frame
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame).group(1)
    assert html.unescape(srcdoc) == e.html
    assert "<" not in srcdoc


def test_headline_data_name_the_graphs_and_link_only_a_file_beside_the_page(claim_page, claimed):
    result, measures = claimed
    h = _data(claim_page)["headline"]
    assert h["title"] == f"Is Azerbaijan a bridge? {result.verdict.capitalize()}"
    assert h["view"] == result.view
    assert h["numbers"] == report.focus_line(result, measures["actors"])
    assert h["report"] == "report.md"
    with pytest.raises(ValueError, match="not a file name beside the page"):
        report.explorer_claim(result, report="javascript:alert(1)")
    assert _data(claim_page)["views"][1]["graph"] == "actors view"


@pytest.mark.slow
def test_write_explorer_is_deterministic(views, tmp_path):
    a = report.write_explorer(views, None, tmp_path / "a.html", focus=FOCUS, seed=2)
    b = report.write_explorer(views, None, tmp_path / "b.html", focus=FOCUS, seed=2)
    assert a.read_bytes() == b.read_bytes()


# ---- in a real browser ----

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium at /usr/bin/chromium or $CHROMIUM: install Debian's chromium "
    "(apt-get install chromium) to run the explorer in a headless browser",
)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium")
    with Browser(CHROMIUM, width=1280, height=800) as b:
        yield b


def _open(browser, path):
    browser.open(path.as_uri())
    deadline = time.monotonic() + 10
    while browser.js("document.documentElement.getAttribute('data-ready')") != "true":
        assert time.monotonic() < deadline, f"the page never got ready: {browser.errors()}"
        time.sleep(0.05)


def _set_view(browser, index: int):
    browser.js(
        "(function(){var s=document.getElementById('view'); s.value='" + str(index) + "';"
        "s.dispatchEvent(new Event('change'));})()"
    )


_FIND_TIE = """(function(){
  var r = document.getElementById('svg').getBoundingClientRect();
  var hits = Array.from(document.querySelectorAll('#edges line.hit'));
  for (var i = 0; i < hits.length; i++) {
    var h = hits[i];
    var x = r.left + (+h.getAttribute('x1') + +h.getAttribute('x2')) / 2;
    var y = r.top + (+h.getAttribute('y1') + +h.getAttribute('y2')) / 2;
    if (document.elementFromPoint(x, y) === h) return [x, y, h.dataset.u, h.dataset.v];
  }
  return null;
})()"""


def _text(browser, element_id):
    return " ".join(browser.js(f"document.getElementById('{element_id}').textContent").split())


def _squash(s):
    return " ".join(s.split())


@pytest.mark.slow
@needs_chromium
def test_every_view_shows_every_node_and_a_ties_quotes(browser, page, views, tmp_path):
    path = tmp_path / "network.html"
    path.write_text(page, encoding="utf-8")
    _open(browser, path)
    assert browser.errors() == []
    for i, (name, G) in enumerate(views.items()):
        _set_view(browser, i)
        shown = browser.js(
            "Array.from(document.querySelectorAll('#nodes g.node'))"
            ".filter(function(g){return g.getBoundingClientRect().width > 0})"
            ".map(function(g){return g.dataset.id})"
        )
        assert sorted(shown) == sorted(map(str, G)), name
        x, y, u, v = browser.js(_FIND_TIE)
        browser.mouse("mouseMoved", x, y)
        tip = _text(browser, "tip")
        quotes = (
            [d["evidence"] for d in G[u][v].values()]
            if G.is_multigraph()
            else list(G[u][v]["evidence"])
        )
        if G.is_multigraph() and G.has_edge(v, u):
            quotes += [d["evidence"] for d in G[v][u].values()]
        assert any(_squash(q)[:60] in tip for q in quotes), (name, tip)
        browser.click(x, y)
        panel = _text(browser, "panel")
        for q in quotes:
            assert _squash(q) in panel, (name, q)
    assert browser.errors() == []


@pytest.mark.slow
@needs_chromium
def test_a_node_click_shows_its_measures_and_filters_hide_nodes(browser, page, views, tmp_path):
    path = tmp_path / "network.html"
    path.write_text(page, encoding="utf-8")
    _open(browser, path)
    states = list(views).index("states")
    _set_view(browser, states)
    box = browser.js(
        "(function(){var b=document.querySelector('#nodes g.node[data-id="
        + json.dumps(FOCUS)
        + "]')"
        ".getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2];})()"
    )
    browser.click(*box)
    panel = _text(browser, "panel")
    assert "Azerbaijan" in panel
    assert "betweenness" in panel
    b = actor_measures(views["states"]).at[FOCUS, "betweenness"]
    assert f"{b:.3g}" in panel
    visible = "document.querySelectorAll('#nodes g.node:not(.hidden)').length"
    before = browser.js(visible)
    bloc = views["states"].nodes[FOCUS]["bloc"]
    members = sum(1 for _, d in views["states"].nodes(data=True) if d.get("bloc") == bloc)
    browser.js(
        "(function(){var ls=document.querySelectorAll('#side label.opt');"
        "for (var i=0;i<ls.length;i++){ if (ls[i].textContent.indexOf("
        + json.dumps(bloc)
        + ")===0) {"
        "ls[i].querySelector('input').click(); return;}}})()"
    )
    assert browser.js(visible) == before - members
    assert browser.errors() == []


def _node_box(browser, node):
    return browser.js(
        "(function(){var b=document.querySelector('#nodes g.node[data-id="
        + json.dumps(node)
        + "]').getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom];})()"
    )


def _box(browser, element_id):
    return browser.js(
        f"(function(){{var b=document.getElementById('{element_id}').getBoundingClientRect();"
        "return [b.left, b.top, b.right, b.bottom];})()"
    )


@needs_chromium
def test_the_page_gives_the_verdict_the_tested_numbers_and_the_report(
    browser, claim_page, claimed, tmp_path
):
    result, measures = claimed
    path = tmp_path / "network.html"
    path.write_text(claim_page, encoding="utf-8")
    _open(browser, path)
    shown = _text(browser, "claim")
    assert f"Is Azerbaijan a bridge? {result.verdict.capitalize()}" in shown
    assert _squash(report.focus_line(result, measures["actors"])) in shown
    assert f"The claim: “{STATEMENT}”" in shown
    assert browser.js("document.querySelector('#claim a').getAttribute('href')") == "report.md"
    assert browser.js("document.getElementById('view').value") == "1"  # the claim's view first
    assert browser.errors() == []


@needs_chromium
def test_a_clicked_node_stays_in_view_beside_the_panel_and_shows_both_graphs(
    browser, claim_page, claimed, tmp_path
):
    result, measures = claimed
    path = tmp_path / "network.html"
    path.write_text(claim_page, encoding="utf-8")
    _open(browser, path)
    stage = _box(browser, "stage")
    # the nodes the panel would cover: those in the right third of the stage
    covered = [
        n
        for n in map(str, measures["actors"].index)
        if _node_box(browser, n)[2] > stage[2] - (stage[2] - stage[0]) / 3
    ]
    assert covered, "no node where the panel opens: the test would prove nothing"
    for node in covered:
        left, top, right, bottom = _node_box(browser, node)
        browser.click((left + right) / 2, (top + bottom) / 2)
        panel = _box(browser, "panel")
        box = _node_box(browser, node)
        assert box[2] <= panel[0], (node, box, panel)
        assert box[0] >= stage[0], node
        assert box[1] >= stage[1], node
        assert box[3] <= stage[3], node
        assert browser.js("document.getElementById('tip').hidden")
    browser.js("document.querySelector('#panel .close').click()")
    browser.js("document.querySelector('#zoom button[title=\"fit the drawing\"]').click()")
    left, top, right, bottom = _node_box(browser, FOCUS)
    browser.click((left + right) / 2, (top + bottom) / 2)
    panel = _text(browser, "panel")
    assert "Measures in the actors view" in panel
    assert "In the actors view as tested" in panel
    assert f"{int(result.measures.at[FOCUS, 'degree'])}" in panel
    assert f"{result.measures.at[FOCUS, 'betweenness']:.3g}" in panel
    assert browser.errors() == []


@needs_chromium
def test_no_tooltip_after_a_click_on_a_tie(browser, page, tmp_path):
    path = tmp_path / "network.html"
    path.write_text(page, encoding="utf-8")
    _open(browser, path)
    _set_view(browser, 1)
    x, y, *_ = browser.js(_FIND_TIE)
    browser.mouse("mouseMoved", x, y)
    assert not browser.js("document.getElementById('tip').hidden")
    browser.click(x, y)
    assert browser.js("document.getElementById('tip').hidden")
    browser.mouse("mouseMoved", x + 0.5, y + 0.5)  # still over the tie its panel shows
    assert browser.js("document.getElementById('tip').hidden")
    assert "coded ties behind this line" in _text(browser, "panel") or "coded tie behind" in (
        _text(browser, "panel")
    )
    assert browser.errors() == []


_LAID_OUT = """(function(){
  var svg = document.getElementById('svg').getBoundingClientRect();
  var out = [];
  document.querySelectorAll('#nodes g.node:not(.hidden)').forEach(function (g) {
    var b = g.getBoundingClientRect();
    out.push(['node', g.dataset.id, b.left, b.top, b.right, b.bottom]);
  });
  document.querySelectorAll('#labels text:not(.hidden)').forEach(function (t) {
    var b = t.getBoundingClientRect();
    out.push(['label', t.textContent, b.left, b.top, b.right, b.bottom]);
  });
  return [[svg.left, svg.top, svg.right, svg.bottom], out, window.innerWidth, window.innerHeight];
})()"""


@pytest.fixture(scope="module")
def small_browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium")
    with Browser(CHROMIUM, width=800, height=600) as b:
        yield b


@pytest.mark.slow
@needs_chromium
def test_the_whole_drawing_fits_an_800x600_window_with_no_labels_on_each_other(
    small_browser, claim_page, views, tmp_path
):
    path = tmp_path / "network.html"
    path.write_text(claim_page, encoding="utf-8")
    _open(small_browser, path)
    for i, name in enumerate(views):
        _set_view(small_browser, i)
        svg, items, width, height = small_browser.js(_LAID_OUT)
        assert svg[2] <= width
        assert svg[3] <= height
        assert len([x for x in items if x[0] == "node"]) == views[name].number_of_nodes()
        for kind, what, *b in items:
            where = (name, kind, what, b, svg)
            assert b[0] >= svg[0] - 0.5, where
            assert b[1] >= svg[1] - 0.5, where
            assert b[2] <= svg[2] + 0.5, where
            assert b[3] <= svg[3] + 0.5, where
        labels = [b for kind, _, *b in items if kind == "label"]
        assert len(labels) >= views[name].number_of_nodes() // 2, name  # most are named
        for a, b in itertools.combinations(labels, 2):
            assert (
                min(a[2], b[2]) <= max(a[0], b[0]) + 0.5 or min(a[3], b[3]) <= max(a[1], b[1]) + 0.5
            ), (name, a, b)
    assert small_browser.errors() == []


@needs_chromium
def test_injected_markup_stays_text(browser, tmp_path):
    path = report.write_explorer(_evil_views(), None, tmp_path / "evil.html")
    _open(browser, path)
    assert browser.js("document.querySelectorAll('img').length") == 0
    labels = browser.js(
        "Array.from(document.querySelectorAll('#labels text')).map(function(t){"
        "return t.textContent})"
    )
    assert EVIL_LABEL in labels
    x, y, *_ = browser.js(_FIND_TIE)
    browser.click(x, y)
    assert _squash(EVIL_QUOTE) in _text(browser, "panel")
    assert browser.js("document.querySelectorAll('img').length") == 0
    assert browser.errors() == []  # no dialog, no script error, nothing blocked


@pytest.mark.slow
def test_a_page_without_a_claim_says_so_and_links_the_report(views):
    page = report.explorer_html(views, claim=report.explorer_no_claim())
    h = _data(page)["headline"]
    assert h["title"] == "No claim was tested"
    assert "--focus" in h["decided"]
    assert h["report"] == "report.md"
