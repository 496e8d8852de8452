"""The run's cleanup check fails a run that leaves a file outside its temporary folder."""

import pytest

pytest_plugins = ["pytester"]

HOOKS = "from leftovers import pytest_configure, pytest_sessionfinish  # noqa: F401\n"


@pytest.fixture
def run(pytester, request, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(request.path.parent))  # leftovers.py
    inner = pytester.path / "tmp"  # the inner run's temporary folders stay in this test's
    inner.mkdir()
    monkeypatch.setenv("TMPDIR", str(inner))
    monkeypatch.delenv("PYTEST_DEBUG_TEMPROOT", raising=False)
    pytester.makeconftest(HOOKS)
    return pytester


@pytest.mark.slow
def test_a_test_that_leaves_a_temporary_folder_fails_the_run(run):
    run.makepyfile("import tempfile\n\ndef test_leak():\n    tempfile.mkdtemp()\n")
    result = run.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret == 1
    result.stdout.fnmatch_lines(
        ["*files left behind by the run*", "*left in the temporary folder*"]
    )


@pytest.mark.slow
def test_a_test_that_uses_tmp_path_passes(run):
    run.makepyfile("def test_ok(tmp_path):\n    (tmp_path / 'x').write_text('x')\n")
    result = run.runpytest_subprocess("-p", "no:cacheprovider")
    assert result.ret == 0
    assert "left behind" not in result.stdout.str()


def test_the_test_tools_caches_are_not_leftovers(tmp_path, monkeypatch):
    import leftovers

    monkeypatch.setattr(leftovers, "WATCHED", (tmp_path,))
    for name in (".pytest_cache", ".hypothesis", "out"):
        (tmp_path / name).mkdir()
    assert leftovers._listing() == {str(tmp_path / "out")}
