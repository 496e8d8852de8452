"""Shared by the drafting tests: spaCy's model loaded once per session, or a skip saying why."""

from __future__ import annotations

import pytest

from graph.errors import DataError


@pytest.fixture(scope="session")
def nlp():
    """The checked spaCy pipeline (skips, naming the install command, where it is missing)."""
    pytest.importorskip("spacy", reason="drafting needs the extra actor-graph[draft]")
    from graph.draft import load_model

    try:
        return load_model()
    except DataError as err:  # pragma: no cover - only without the extra
        pytest.skip(str(err))
