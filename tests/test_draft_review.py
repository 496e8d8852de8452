"""The review page: escaped, self-contained, and reviewed by clicks in a headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
import time

import pytest
from browser import Browser, find_chromium

from graph import schema
from graph.draft.review import review_page

EVIL = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
NODES = [
    {"id": "kenya", "label": "Kenya", "type": "state"},
    {"id": "ruto", "label": EVIL, "type": "leader"},
    {"id": "port", "label": "Lamu port", "type": "platform"},
]


def _row(source, target, relation, score, evidence, sign="0"):
    return {
        "source": source,
        "target": target,
        "relation": relation,
        "directed": "true",
        "sign": sign,
        "weight": "1",
        "paragraph": "1",
        "evidence": evidence,
        "stated": "explicit",
        "date": "",
        "score": score,
        "why": "test",
        "review": "",
    }


ROWS = [
    _row("ruto", "kenya", "heads", "0.90", "Kenyan President William Ruto"),
    _row("ruto", "port", "convenes", "0.80", 'opened the "new", port'),
    _row("kenya", "port", "member_of", "0.20", "Kenya <b>and</b> the port", sign="-1"),
]


@pytest.fixture(scope="module")
def page():
    return review_page(NODES, ROWS)


def test_the_page_is_self_contained_and_escaped(page):
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page)
    assert EVIL not in page
    assert "<b>and</b>" not in page
    data = json.loads(re.search(r'id="review-data">(.*?)</script>', page, re.S).group(1))
    assert data["nodes"][1]["label"] == EVIL
    assert data["edge_columns"] == list(schema.EDGE_COLUMNS)
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp


CHROMIUM = find_chromium()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium (Debian's chromium package): the review page is not opened")
    with Browser(CHROMIUM, width=1200, height=800) as b:
        yield b


def _open(browser, path):
    browser.open(path.as_uri())
    deadline = time.monotonic() + 10
    while browser.js("document.documentElement.getAttribute('data-ready')") != "true":
        assert time.monotonic() < deadline, f"the page never got ready: {browser.errors()}"
        time.sleep(0.05)


def _click(browser, selector):
    box = browser.js(
        f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
        ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    browser.click(*box)


@pytest.mark.slow
def test_clicks_accept_and_reject_and_the_csv_holds_the_accepted_rows(browser, page, tmp_path):
    path = tmp_path / "review.html"
    path.write_text(page, encoding="utf-8")
    _open(browser, path)
    assert browser.js("document.querySelectorAll('line.tie').length") == 3
    dashed = browser.js("getComputedStyle(document.querySelector('line.tie')).strokeDasharray")
    assert dashed not in ("none", "")
    assert EVIL in browser.js("document.getElementById('list').textContent")
    assert browser.js("document.querySelectorAll('img, script[src]').length") == 0
    _click(browser, '.row[data-row="0"] button.accept')
    _click(browser, '.row[data-row="1"] button.accept')
    _click(browser, '.row[data-row="2"] button.reject')
    assert browser.js("document.querySelector('line.tie').classList.contains('accept')")
    solid = browser.js("getComputedStyle(document.querySelector('line.tie')).strokeDasharray")
    assert solid in ("none", "")
    text = browser.js("window.reviewCSV()")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["relation"] for r in rows] == ["heads", "convenes"]
    assert rows[1]["evidence"] == 'opened the "new", port'
    assert list(rows[0]) == list(schema.EDGE_COLUMNS)
    reviews = list(csv.DictReader(io.StringIO(browser.js("window.reviewProposalsCSV()"))))
    assert [r["review"] for r in reviews] == ["accept", "accept", "reject"]
    assert "3 proposed ties: 2 accepted, 1 rejected" in browser.js(
        "document.getElementById('summary').textContent"
    )
    _click(browser, '.row[data-row="1"] button.accept')  # a second click undoes the choice
    assert len(list(csv.DictReader(io.StringIO(browser.js("window.reviewCSV()"))))) == 1
    assert browser.errors() == []
