"""graph.pipeline: each run returns its result and the paths it wrote; settings resolve once."""

import gc
import json
from pathlib import Path

import pytest

from graph import io, networks, outdir, pipeline, report, sizes
from graph.errors import DataError


@pytest.fixture(scope="module")
def dataset():
    return io.load_dataset()


FAST = {"options": pipeline.ClaimOptions(samples=99, progress=False)}


@pytest.mark.slow
def test_run_analysis_returns_result_and_every_path(dataset, tmp_path):
    run = pipeline.run_analysis(dataset, tmp_path / "out", **FAST)
    assert run.result.focus == "azerbaijan"
    assert run.settings == pipeline.claim_settings(dataset)
    written = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != outdir.MANIFEST)
    assert sorted(p.name for p in run.files) == written
    assert all(p.parent == tmp_path / "out" for p in run.files)
    figures = [p.name for p in run.paths["figures"]]
    assert figures == list(pipeline.FIGURES) + list(pipeline.WORLD_FIGURES)
    assert {p.name for p in run.paths["report"]} == {"report.md", "report.json"}
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    world = md.split("## The claim in the world")[1].split("\n## ")[0]
    rest = md.split("\n## Figures")[1]
    for name in pipeline.WORLD_FIGURES:  # shown in the world section, not under "Figures"
        assert f"]({name})" in world
        assert f"]({name})" not in rest
    assert all(f"]({name})" in rest for name in pipeline.FIGURES)
    assert gc.get_freeze_count() == 0  # the run froze its views while it lasted, not after
    assert gc.isenabled()
    tested = run.result.graph  # no cached view ties it into a cycle: freed with the result
    assert not {"nodes", "edges", "degree", "adj"} & set(vars(tested))


@pytest.mark.slow
def test_run_claim_and_run_plot_and_run_export(dataset, tmp_path):
    settings = pipeline.claim_settings(dataset, focus="ilham_aliyev", view="actors")
    run = pipeline.run_claim(dataset, tmp_path / "c", settings=settings, **FAST)
    assert (run.result.focus, run.result.view) == ("ilham_aliyev", "actors")
    assert {p.name for p in run.files} == {"report.md", "report.json", "measures_actors.csv"}
    run = pipeline.run_plot(dataset, tmp_path / "p", which=("blocs",), **FAST)
    assert run.result is not None  # the blocs figure shows the claim's sides as tested
    assert [p.name for p in run.files] == ["blocs.png"]
    run = pipeline.run_export(dataset, tmp_path / "e", views=("states",), formats=("json",))
    assert [p.name for p in run.files] == ["network_states.json"]


def test_settings_come_from_the_dataset_config_then_the_arguments(dataset):
    s = pipeline.claim_settings(dataset)
    assert (s.focus, s.view, s.paragraph) == ("azerbaijan", "actors", 6)
    assert s.between == ("brics", "sco")
    assert s.statement.startswith("The country")
    s = pipeline.claim_settings(dataset, view="states", config={"focus": "armenia"})
    assert (s.focus, s.view, s.statement, s.between) == ("armenia", "states", None, None)


@pytest.mark.parametrize(
    ("kwargs", "setting", "message"),
    [
        ({"focus": "azerbaijn"}, "focus", "did you mean 'azerbaijan'?"),
        ({"view": "people"}, "view", "is not a view"),
        ({"focus": "ilham_aliyev", "view": "states"}, "view", "use the view full or actors"),
        ({"focus": "cis_plus", "view": "actors"}, "view", "(a platform) away; use the view full"),
    ],
)
def test_errors_name_the_parameter_not_a_flag(dataset, kwargs, setting, message):
    with pytest.raises(DataError) as err:
        pipeline.claim_settings(dataset, **kwargs)
    (problem,) = err.value.problems
    assert problem.column_name == setting
    assert message in str(err.value)
    assert "--" not in str(err.value)


def test_output_folder_may_not_be_a_data_folder(dataset, tmp_path):
    with pytest.raises(DataError, match="out: .* is the data folder"):
        pipeline.run_export(dataset, io.data_dir())
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(DataError, match="is a file"):
        pipeline.check_output_folder(target, dataset)
    assert pipeline.check_output_folder(tmp_path / "new", dataset) == Path(tmp_path / "new")


@pytest.mark.slow
def test_claim_for_uses_the_other_views_and_the_claim_ties(dataset):
    views = networks.build_views(dataset)
    r = pipeline.claim_for(
        dataset, options=pipeline.ClaimOptions(samples=49, progress=False), views=views
    )
    v = r.variants
    assert set(v.loc[v["kind"] == "view", "value"]) == {"full", "states"}
    assert v.loc[v["kind"] == "claim_ties", "value"].tolist() == ["included"]


@pytest.mark.slow
def test_run_plot_draws_what_run_analysis_draws(dataset, tmp_path):
    """The claim's view among the networks, the null band in measures.png: the same bytes."""
    settings = pipeline.claim_settings(dataset)
    run = pipeline.run_plot(dataset, tmp_path / "p", which=("network", "measures"), **FAST)
    assert [p.name for p in run.files] == [
        "network_full.png",
        f"network_{settings.view}.png",
        "network_states.png",
        "measures.png",
    ]
    views = networks.build_views(dataset)
    result = pipeline.claim_for(dataset, settings, views=views, **FAST)
    assert run.result.null.testable
    assert run.result.verdict == result.verdict
    paths = pipeline.figures_for(
        views,
        pipeline.measures_for(views),
        tmp_path / "a",
        focus=result.focus,
        view=result.view,
        result=result,
        which=("network", "measures"),
    )  # as run_analysis calls it
    assert {p.name: p.read_bytes() for p in paths} == {p.name: p.read_bytes() for p in run.files}
    without = pipeline.figures_for(
        views,
        pipeline.measures_for(views),
        tmp_path / "b",
        focus=result.focus,
        view=result.view,
        which=("measures",),
    )  # no claim result: no null band
    assert without[0].read_bytes() != (tmp_path / "p" / "measures.png").read_bytes()


@pytest.mark.slow
def test_views_over_the_export_limit_are_not_exported_and_the_run_says_how(
    dataset, tmp_path, monkeypatch
):

    views = networks.build_views(dataset)
    limit = sizes.Size.of(views["states"]).work  # states stays under it, actors and full go over
    assert sizes.Size.of(views["actors"]).work > limit
    monkeypatch.setattr(sizes, "EXPORTED", limit)
    run = pipeline.run_analysis(
        dataset, tmp_path / "out", figures=False, world_options=None, **FAST
    )
    exported = {p.name.split(".")[0] for p in run.paths["exports"]}
    assert "network_states" in exported
    assert not any(n.startswith(("network_actors", "network_full")) for n in exported)
    (note,) = [n for n in run.notes if n.startswith("not exported")]
    assert "--view actors" in note
    assert "--view full" in note
    assert note in json.loads((tmp_path / "out" / "report.json").read_text())["notes"]
    # the export command writes them whatever their size
    export = pipeline.run_export(dataset, tmp_path / "e", views=("actors",), formats=("csv",))
    assert {p.name for p in export.files} == {
        "network_actors_edges.csv",
        "network_actors_vertices.csv",
    }


def _title(path):
    from PIL import Image

    with Image.open(path) as im:
        return im.info["Title"]


@pytest.mark.slow
def test_unjoined_sides_draw_their_members_and_what_comes_closest(dataset, tmp_path):
    run = pipeline.run_plot(dataset, tmp_path / "p", which=("blocs",), **FAST)
    assert run.result.criterion("bridge").status == "not testable"  # no path joins the sides
    title = _title(tmp_path / "p" / "blocs.png")
    assert title.startswith("Actors view as tested: no path joins BRICS and SCO\n")
    assert "ties of the actors view that come closest" in title
    caption = report.figure_caption("blocs.png", result=run.result)
    assert caption.startswith("No path joins the sides the claim names in the actors view as")


@pytest.mark.slow
def test_a_run_without_a_claim_speaks_of_no_claimed_sides_nor_null(data_copy, tmp_path):
    data_copy["config"].unlink()
    ds = io.load_dataset(data=data_copy["edges"].parent)
    pipeline.run_analysis(ds, tmp_path / "out", exports=False, world_options=None, **FAST)
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    figures = md.split("## Figures")[1].split("## Glossary")[0]
    assert "measures.png" in figures
    assert "blocs.png" in figures
    for words in ("claimed", "the claim", "null", "focus"):
        assert words not in figures, words
    assert "Every actor's betweenness against its number of contacts in the actors view" in figures


@pytest.mark.slow
def test_the_unjoined_sides_figure_is_the_same_whatever_the_hash_seed(tmp_path):
    """Its nodes are a small set of the view: drawn in the view's order, not the set's."""
    import os
    import subprocess
    import sys

    def draw(seed):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        args = ["plot", "--figure", "blocs", "--samples", "19", "--no-progress", "--out", out]
        done = subprocess.run(
            [sys.executable, "-m", "graph", *map(str, args)], env=env, capture_output=True
        )
        assert done.returncode == 0, done.stderr
        return (out / "blocs.png").read_bytes()

    assert draw("1") == draw("2")
