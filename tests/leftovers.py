"""A pytest plugin: every temporary file of a run goes into one folder, checked at the end.

``TMPDIR`` and :data:`tempfile.tempdir` point to a folder of the run's own (the
kernels of the notebooks the tests run inherit it). At the end, anything left in
it outside pytest's own ``tmp_path`` folders, and any new entry in the
repository's top level or ``data/``, fails the run and is listed: a test,
doctest or notebook that writes outside its temporary folder is a bug. The
caches of the test tools themselves (:data:`TOOL_CACHES`, in ``.gitignore``
and removed by ``make clean``) are not leftovers. The folder is removed after
a clean, passing run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WATCHED = (ROOT, ROOT / "data")
#: What pytest and Hypothesis keep between runs in the repository's top level.
TOOL_CACHES = frozenset({".pytest_cache", ".hypothesis"})
_KEY = pytest.StashKey[tuple]()


def _listing() -> set[str]:
    return {str(p) for d in WATCHED if d.is_dir() for p in d.iterdir() if p.name not in TOOL_CACHES}


def pytest_configure(config):
    tmp = tempfile.mkdtemp(prefix="actor-graph-tests-")
    os.environ["TMPDIR"] = tmp
    os.environ["PYTEST_DEBUG_TEMPROOT"] = tmp
    tempfile.tempdir = tmp
    config.stash[_KEY] = (tmp, _listing())


def pytest_sessionfinish(session, exitstatus):
    if _KEY not in session.config.stash:
        return
    tmp, before = session.config.stash[_KEY]
    left = sorted(p.name for p in Path(tmp).iterdir() if not p.name.startswith("pytest-of-"))
    new = sorted(_listing() - before)
    if left or new:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_sep("=", "files left behind by the run", red=True)
            for p in left:
                reporter.write_line(f"left in the temporary folder {tmp}: {p}")
            for p in new:
                reporter.write_line(f"written into the repository: {p}")
        return
    if exitstatus == 0:
        shutil.rmtree(tmp, ignore_errors=True)
