"""The world figures: the text beside each world layer at the same places, and the bypass shares."""

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from graph import io, pipeline, plot, world  # noqa: E402
from graph.plot.world import BYPASS_TIE_COLOR, FOCUS_TIE_COLOR  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
FAST = pipeline.ClaimOptions(samples=19, progress=False)


@pytest.fixture(scope="module")
def article_world(dataset):
    return world.world_claim(
        dataset,
        "azerbaijan",
        between=["brics", "sco"],
        layers=("igo", "events", "votes"),
        claim_date="2025-10",
        samples=19,
        progress=False,
    )


@pytest.fixture(scope="module")
def panels(dataset, article_world):
    return plot.world_panels(dataset, article_world, focus="azerbaijan")


def _toy():
    """A text whose sides meet only through f, and a world where a and b are tied directly."""
    text = nx.Graph([("a", "f"), ("f", "b"), ("c", "f")])
    for v, label in {"a": "Aland", "b": "Bland", "c": "Cland", "f": "Focus"}.items():
        text.nodes[v]["label"] = label
    W = nx.Graph(years=(2014,))
    W.add_edges_from([("a", "f"), ("f", "b"), ("a", "b"), ("b", "iso3:XXX"), ("f", "iso3:YYY")])
    W.add_edges_from([("iso3:XXX", "iso3:YYY"), ("iso3:XXX", "iso3:ZZZ")])
    sides = {"A": {"a", "iso3:XXX"}, "B": {"b"}}
    return text, W, sides


def _labels(ax):
    """Label text -> the point it names, in data units."""
    return {t.get_text(): tuple(np.round(t.xy, 9)) for t in ax.texts if t.get_gid() == "label"}


def _collection(ax, gid):
    found = [c for c in ax.collections if c.get_gid() == gid]
    return found[0] if found else None


# ------------------------------------------------------------------ the network panels


def test_a_state_sits_at_the_same_place_in_every_panel(dataset, article_world, panels):
    text, graphs, sides = panels
    fig = plot.draw_world_layers(text, graphs, "azerbaijan", sides=sides)
    try:
        assert len(fig.axes) == 3
        pos = plot.world_positions(text, graphs, sides=sides)
        where = [_labels(ax) for ax in fig.axes]
        for v in text:  # every state of the text: labelled at its place in every panel
            label = text.nodes[v]["label"]
            assert {w[label] for w in where} == {tuple(np.round(pos[v], 9))}
        members = set().union(*(s[k] for s in sides for k in s))
        for ax, G in zip(fig.axes[1:], graphs.values(), strict=True):
            placed = [tuple(np.round(p, 9)) for p in _collection(ax, "nodes:side").get_offsets()]
            shown = [tuple(np.round(pos[v], 9)) for v in G if v not in text and v in members]
            assert sorted(placed) == sorted(shown)
            assert _collection(ax, "nodes:other") is None  # the rest is counted, not drawn
            others = sum(v not in text and v not in members for v in G)
            assert f"{others:,} states on no side: counted" in ax.get_title(loc="left")
        # a side member the text does not name: its code, at one place in both layers
        assert where[1]["CHN"] == where[2]["CHN"] == tuple(np.round(pos["iso3:CHN"], 9))
    finally:
        plt.close(fig)


def test_world_positions_put_the_text_inside_its_sides(dataset, panels):
    text, graphs, sides = panels
    pos = plot.world_positions(text, graphs, sides=sides, seed=3)
    radius = {v: float(np.hypot(*p)) for v, p in pos.items()}
    assert max(radius[v] for v in text) == pytest.approx(1.0)
    members = set().union(*(s[k] for s in sides for k in s)) - set(text)
    others = set().union(*graphs.values()) - set(text) - members
    assert {round(radius[v], 9) for v in members} == {1.4}
    assert not others & set(pos)  # states on no side get no place: they are not drawn
    assert plot.world_positions(text, graphs, sides=sides, seed=3) == pos  # seeded


def test_ties_are_drawn_by_what_they_join():
    text, W, sides = _toy()
    fig = plot.draw_world_layers(text, {"Toy": W}, "f", sides=sides)
    try:
        pos = plot.world_positions(text, {"Toy": W}, sides=sides)

        def segments(ax, gid):
            coll = _collection(ax, gid)
            if coll is None:
                return set()
            return {frozenset(map(tuple, np.round(s, 9))) for s in coll.get_segments()}

        def tie(u, v):
            return frozenset((tuple(np.round(pos[u], 9)), tuple(np.round(pos[v], 9))))

        text_ax, world_ax = fig.axes
        assert segments(text_ax, "ties:bypass") == set()  # in the text, a and b meet through f
        assert segments(text_ax, "ties:focus") == {tie("a", "f"), tie("f", "b"), tie("c", "f")}
        assert segments(world_ax, "ties:bypass") == {tie("a", "b"), tie("b", "iso3:XXX")}
        assert segments(world_ax, "ties:focus") == {tie("a", "f"), tie("f", "b")}
        # ties to states on no side (YYY, ZZZ) are counted, not drawn
        assert segments(world_ax, "ties:focus-off") == set()
        assert segments(world_ax, "ties:off") == set()
        colour = _collection(world_ax, "ties:bypass").get_colors()[0][:3]
        assert tuple(colour) == pytest.approx(matplotlib.colors.to_rgb(BYPASS_TIE_COLOR))
        colour = _collection(world_ax, "ties:focus").get_colors()[0][:3]
        assert tuple(colour) == pytest.approx(matplotlib.colors.to_rgb(FOCUS_TIE_COLOR))
        title = world_ax.get_title(loc="left")
        assert title.splitlines() == [
            "Toy, 2014",
            "6 states, 7 ties (2 states on no side: counted,",
            "not drawn)",
            "2 ties join two sides without Focus",
        ]
        assert "0 ties join two sides without Focus" in text_ax.get_title(loc="left")
        # c is in the text but not in the layer's data: drawn hollow at its place
        missing = _collection(world_ax, "nodes:missing")
        assert [tuple(p) for p in missing.get_offsets()] == [tuple(pos["c"])]
    finally:
        plt.close(fig)


def test_legend_names_every_side_the_focus_and_the_ties(dataset, panels):
    text, graphs, sides = panels
    fig = plot.draw_world_layers(text, graphs, "azerbaijan", sides=sides)
    try:
        titles = [leg.get_title().get_text() for leg in fig.legends]
        assert titles == ["Sides of the claim", "States", "Key"]
        words = [t.get_text() for leg in fig.legends for t in leg.get_texts()]
        assert {"BRICS", "SCO", "BRICS & SCO", "on no side", "focus: Azerbaijan"} <= set(words)
        assert "tie of Azerbaijan" in words
        assert any(w.startswith("a state of the text the layer's") for w in words)  # Palestine
        assert fig.get_suptitle().startswith("Azerbaijan between BRICS and SCO")
    finally:
        plt.close(fig)


def test_side_colours_follow_the_palette_of_the_other_figures(dataset, article_world):
    """Sides named like the text's blocs take the blocs' colours of every other figure."""
    text, graphs, _ = plot.world_panels(dataset, article_world, focus="azerbaijan")
    palette = {"Middle East": "#117733", "South Caucasus": "#332288", "West": "#AA4499"}
    fig = plot.draw_world_layers(text, graphs, "azerbaijan", palette=palette)  # the text's blocs
    try:
        assert fig.legends[0].get_title().get_text() == "The text's blocs"
        handles = dict(
            zip(
                [t.get_text() for t in fig.legends[0].get_texts()],
                fig.legends[0].legend_handles,
                strict=True,
            )
        )
        for bloc, colour in palette.items():
            assert handles[bloc].get_markerfacecolor() == colour
    finally:
        plt.close(fig)


def test_conflicts_are_not_drawn_as_ties():
    text, W, sides = _toy()
    W.graph["signed"] = True
    for u, v in W.edges:
        W[u][v]["sign"] = 1
    W["a"]["b"]["sign"] = -1  # a and b are in conflict: no channel between them
    fig = plot.draw_world_layers(text, {"Events": W}, "f", sides=sides)
    try:
        ax = fig.axes[1]
        assert len(_collection(ax, "ties:bypass").get_segments()) == 1  # b - XXX only
        # the title counts the drawn channels and every tie of the layer, as the report does
        total = W.number_of_edges()
        assert f"{total - 1} cooperative of {total} ties" in ax.get_title(loc="left")
    finally:
        plt.close(fig)
    W["a"]["b"]["sign"] = 1  # no conflict: one count
    fig = plot.draw_world_layers(text, {"Events": W}, "f", sides=sides)
    try:
        assert "cooperative" not in fig.axes[1].get_title(loc="left")
    finally:
        plt.close(fig)


def test_the_positions_layer_is_a_panel_of_its_own(dataset, article_world, panels):
    text, graphs, sides = panels
    votes = article_world["votes"]
    both = list(votes.test.overlap)
    panel = ("Ideal points, 2023", votes.test, world.ideal_points(2023), votes.side_labels, both)
    fig = plot.draw_world_layers(text, graphs, "azerbaijan", sides=sides, positions=panel)
    try:
        ax = fig.axes[-1]
        assert ax.get_title(loc="left") == "Ideal points, 2023"
        rows = [t.get_text() for t in ax.get_yticklabels()]
        assert rows == ["Azerbaijan", "BRICS", "SCO", "on both (left out)"]
        dots = _collection(ax, "side:BRICS").get_offsets()
        points = world.ideal_points(2023)
        assert sorted(dots[:, 0]) == pytest.approx(
            sorted(points.loc[votes.test.sides["brics"]["states"], "ideal_point"])
        )
        lo, hi = votes.test.interval
        bars = [c for c in ax.containers if c.get_label() == "_nolegend_" or True]
        assert bars  # the focus's interval
        medians = [ln for ln in ax.lines if (ln.get_gid() or "").startswith("median:")]
        assert {ln.get_gid() for ln in medians} == {"median:BRICS", "median:SCO"}
        assert lo < votes.test.point < hi
    finally:
        plt.close(fig)


def test_draws_into_a_given_figure_and_replaces_its_axes():
    text, W, sides = _toy()
    fig = plt.figure()
    fig.add_subplot()
    try:
        assert plot.draw_world_layers(text, {"A": W, "B": W}, "f", sides=sides, fig=fig) is fig
        assert [ax.get_title(loc="left").splitlines()[0] for ax in fig.axes] == [
            "The text",
            "A, 2014",
            "B, 2014",
        ]
    finally:
        plt.close(fig)


def test_bad_focus_or_sides_raise():
    text, W, sides = _toy()
    with pytest.raises(ValueError, match="not a node of the text"):
        plot.draw_world_layers(text, {"Toy": W}, "zz")
    with pytest.raises(ValueError, match="2 mappings for 3 panels"):
        plot.draw_world_layers(text, {"A": W, "B": W}, "f", sides=[sides, sides])


# ------------------------------------------------------------------ the bypass shares


def _rows(ax):
    """(heading, row name) of every row, by its y."""
    headings = sorted(
        (t.get_position()[1], t.get_text()) for t in ax.texts if t.get_gid() == "side-pair"
    )
    out = {}
    for y, tick in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True):
        heading = [h for hy, h in headings if hy < y][-1]
        out[round(float(y), 6)] = (heading, tick.get_text())
    return out


def test_bypass_bars_are_the_layers_shares_and_no_pairs_is_words(article_world):
    names = {"igo": "IGO", "events": "Events"}
    network = {k: w for k, w in article_world.items() if w.graph is not None}
    ax = plot.draw_world_bypass({names[k]: w for k, w in network.items()})
    try:
        rows = _rows(ax)
        bars = [p for p in ax.patches if (p.get_gid() or "").startswith("bars:")]
        width = {rows[round(p.get_y() + p.get_height() / 2, 6)]: p.get_width() for p in bars}
        headings = [t.get_text() for t in ax.texts if t.get_gid() == "side-pair"]
        assert headings[0] == "BRICS – SCO (the claim's sides)"
        assert all(h.endswith("(the text's blocs)") for h in headings[1:])
        assert len(headings) == 1 + len(article_world["igo"].bypass_blocs)
        for key, w in network.items():  # each layer's share, in each group
            for r, heading in zip(
                pd.concat([w.bypass, w.bypass_blocs]).itertuples(), headings, strict=True
            ):
                share = 1 - r.world_without_focus / r.world_connected
                assert width[(heading, f"{names[key]}, {world_period(w)}")] == pytest.approx(share)
        no_pairs = [t for t in ax.texts if t.get_gid() == "no-pairs"]
        assert [t.get_text() for t in no_pairs] == ["no pairs"]
        y = round(no_pairs[0].get_position()[1], 6)
        assert rows[y] == (headings[0], "the text")
        assert not [p for p in bars if abs(p.get_y() + p.get_height() / 2 - y) < 0.3]
        shares = [t.get_text() for t in ax.texts if t.get_gid() == "share"]
        assert len(shares) == len(bars) == len(rows) - 1
        assert all(re.fullmatch(r"(<1|\d+)% \([\d,]+ of [\d,]+ pairs?\)", s) for s in shares)
        assert "no pairs:" in ax.get_xlabel()
        assert [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--"] == [0.5]
    finally:
        plt.close(ax.figure)


def world_period(w):
    first, last = w.period
    return str(first) if first == last else f"{first}-{last}"


def test_bypass_text_bar_is_the_texts_share(article_world):
    ax = plot.draw_world_bypass({"igo": article_world["igo"]})
    try:
        b = next(iter(article_world.values())).bypass_blocs
        text = [p for p in ax.patches if p.get_gid() == "bars:text"]
        expect = [
            1 - r.text_without_focus / r.text_connected for r in b.itertuples() if r.text_connected
        ]
        assert [p.get_width() for p in text] == pytest.approx(expect)
        assert any(p.get_width() >= 0.5 for p in text)  # the text hangs a bloc pair on the focus
    finally:
        plt.close(ax.figure)


@pytest.mark.slow
def test_bypass_shows_the_blocs_once_when_they_are_the_claims_sides():
    d = FIXTURES / "japan"
    ds = io.load_dataset(d / "nodes.csv", d / "edges.csv", d / "article.txt")
    res = world.world_claim(ds, "japan", layers=("events",), samples=19, progress=False)
    ax = plot.draw_world_bypass(res)
    try:
        headings = [t.get_text() for t in ax.texts if t.get_gid() == "side-pair"]
        assert len(headings) == len(res["events"].bypass)
        assert all(h.endswith("(the text's blocs: the claim's sides)") for h in headings)
        assert "Japan connects" in ax.figure.texts[0].get_text()
    finally:
        plt.close(ax.figure)


# ------------------------------------------------------------------ files


@pytest.mark.slow
def test_world_figures_are_written_deterministically(dataset, article_world, tmp_path):
    runs = []
    for k in range(2):
        paths = pipeline.world_figures_for(
            dataset, article_world, tmp_path / str(k), focus="azerbaijan", seed=0
        )
        runs.append({p.name: p.read_bytes() for p in paths})
    assert list(runs[0]) == list(pipeline.WORLD_FIGURES)
    assert all(b[:8] == b"\x89PNG\r\n\x1a\n" for b in runs[0].values())
    assert runs[0] == runs[1]


@pytest.mark.slow
def test_run_world_writes_and_links_the_figures(dataset, tmp_path):
    run = pipeline.run_world(
        dataset,
        tmp_path / "w",
        world_options=pipeline.WorldOptions(layers=("alliance",)),
        options=FAST,
    )
    assert [p.name for p in run.paths["figures"]] == list(pipeline.WORLD_FIGURES)
    assert all(p.is_file() for p in run.paths["figures"])
    md = (tmp_path / "w" / "world.md").read_text(encoding="utf-8")
    for name in pipeline.WORLD_FIGURES:
        assert f"]({name})" in md
    run = pipeline.run_world(
        dataset,
        tmp_path / "n",
        world_options=pipeline.WorldOptions(layers=("alliance",)),
        options=FAST,
        figures=False,
    )
    assert run.paths["figures"] == []
    assert "png" not in (tmp_path / "n" / "world.md").read_text()


def test_a_layer_without_data_says_so_and_draws_the_text_hollow():
    text, W, sides = _toy()
    empty = nx.Graph(period=(1995, 1995))
    fig = plot.draw_world_layers(text, {"Events": empty}, "f", sides=sides)
    try:
        ax = fig.axes[1]
        assert ax.get_title(loc="left").splitlines()[:2] == [
            "Events, 1995",
            "no ties in these data for these years",
        ]
        assert len(_collection(ax, "nodes:missing").get_offsets()) == len(text)
        assert _collection(ax, "nodes:text") is None
        legend = [t.get_text() for leg in fig.legends for t in leg.get_texts()]
        assert "A & B" not in legend  # no state on both sides is drawn
        assert {"A", "B"} <= set(legend)
    finally:
        plt.close(fig)
