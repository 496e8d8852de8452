"""What a run is asked to do: the claim's settings, the test's options, the world layer's.

:func:`claim_settings` resolves the claim (focus, view, statement, sides) once,
from arguments and the dataset's ``analysis.toml``, and checks it against the
data; :class:`ClaimOptions` and :class:`WorldOptions` say how the tests run;
:func:`check_output_folder` refuses an output folder that would write over
inputs.

Examples
--------
>>> from graph import io
>>> s = claim_settings(io.load_dataset())
>>> s.focus, s.view, s.between
('azerbaijan', 'actors', ('brics', 'sco'))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph import build, io, world
from graph.errors import DataError, Problem, did_you_mean

__all__ = [
    "DEFAULT_SAMPLES",
    "ClaimSettings",
    "ClaimOptions",
    "WorldOptions",
    "dataset_config",
    "claim_settings",
    "check_output_folder",
]

#: Null-model samples by default (an upper bound: sampling stops once the decision is settled).
DEFAULT_SAMPLES = 10_000


@dataclass(frozen=True)
class ClaimSettings:
    """The claim to test: its focus, the view, the statement quoted from the text, and the sides.

    ``between``: what the claim says the focus connects (bloc names or node
    ids; None: every bloc). ``claim_ties``: ties whose evidence is the claim
    itself, beside the ``links`` ties. ``include_claim_ties``, ``ties`` and
    ``places``: what the test graph holds (:func:`graph.claims.claim_graph`).

    Examples
    --------
    >>> ClaimSettings("azerbaijan", "states").view
    'states'
    """

    focus: str
    view: str
    statement: str | None = None
    paragraph: int | None = None
    between: tuple[str, ...] | None = None
    claim_ties: tuple[int, ...] = ()
    include_claim_ties: bool = False
    ties: str = "channels"
    places: bool = False


@dataclass(frozen=True)
class ClaimOptions:
    """How the claim test runs: null-model samples, seed, alpha, workers, progress bar.

    Examples
    --------
    >>> ClaimOptions(samples=500).seed
    0
    """

    samples: int = DEFAULT_SAMPLES
    seed: int = 0
    alpha: float = 0.05
    n_jobs: int = 1
    progress: bool = True
    robustness: bool = True


@dataclass(frozen=True)
class WorldOptions:
    """Which world layers the claim is tested on, for which years, around which states.

    ``year`` or ``period`` (first, last) applies to every layer; by default
    each layer uses its own latest years (:data:`graph.world.DEFAULT_PERIODS`).
    ``scope``: ``neighbours`` (the text's states and every state the data tie
    to one of them) or ``text`` (the text's states alone). ``samples``: null
    samples per test on a layer, at most (default: the claim's, capped at
    :data:`graph.world.WORLD_SAMPLES`).

    Examples
    --------
    >>> WorldOptions(layers=("votes",), period=(2010, 2014)).scope
    'neighbours'
    """

    layers: tuple[str, ...] = world.LAYERS
    year: int | None = None
    period: tuple[int, int] | None = None
    scope: str = "neighbours"
    samples: int | None = None


def dataset_config(dataset: io.Dataset) -> dict:
    """The ``[claim]`` settings in ``analysis.toml`` beside the dataset's edges file.

    A dataset without such a file has no default claim (an empty dict): the
    focus must then be given.

    Examples
    --------
    >>> dataset_config(io.load_dataset())["view"]
    'actors'
    """
    path = Path(dataset.paths["edges"]).parent / "analysis.toml"
    return io.load_config(path) if path.is_file() else {}


def claim_settings(
    dataset: io.Dataset,
    *,
    focus: str | None = None,
    view: str | None = None,
    config: Mapping | None = None,
    **options,
) -> ClaimSettings:
    """Resolve the claim's settings from arguments, then the dataset's config.

    Parameters
    ----------
    dataset : Dataset
    focus, view : str, optional
        Override the config's ``focus`` and ``view`` (default view: states).
    config : mapping, optional
        The ``[claim]`` table (default: :func:`dataset_config`); its
        ``statement``, ``paragraph``, ``between`` and ``claim_ties`` are used,
        once checked against the data (:func:`graph.io.check_claim`).
    **options
        ``between``, ``claim_ties`` (override the config's),
        ``include_claim_ties``, ``ties``, ``places``: see :class:`ClaimSettings`.

    Raises
    ------
    graph.errors.DataError
        If a setting of the config does not fit the data (naming its file and
        line), no focus is given or configured, the focus is not a node id, the
        view is unknown, or the view folds the focus away (the message names
        the views that keep it). A problem with an argument names the
        parameter (``focus``, ``view``).

    Examples
    --------
    >>> claim_settings(io.load_dataset()).focus
    'azerbaijan'
    >>> claim_settings(io.load_dataset(), focus="cis_plus", view="actors")
    Traceback (most recent call last):
    ...
    graph.errors.DataError: view: 'actors' folds 'cis_plus' (a platform) away; use the view full
    """
    conf = config if config is not None else dataset_config(dataset)
    io.check_claim(conf, dataset.article, nodes=dataset.nodes, edges=dataset.edges)
    focus = focus or conf.get("focus")
    view = view or conf.get("view") or "states"
    ids = set(dataset.nodes["id"])
    where = dataset.paths.get("nodes", "nodes.csv")
    if not focus:
        raise DataError([Problem(where, message="no focus actor given", fix="give a focus")])
    if focus not in ids:
        fix = did_you_mean(focus, ids, cutoff=0.6) or "give the id of a node in nodes.csv"
        raise DataError(
            [Problem("", column_name="focus", value=focus, message="is not a node id", fix=fix)]
        )
    if view not in build.VIEWS:
        raise DataError(
            [
                Problem(
                    "",
                    column_name="view",
                    value=view,
                    message="is not a view",
                    fix=f"choose one of {', '.join(build.VIEWS)}",
                )
            ]
        )
    row = dataset.nodes.set_index("id").loc[focus]
    keeping = build.views_keeping(row["type"], country=row["country"])
    if view not in keeping:
        raise DataError(
            [
                Problem(
                    "",
                    column_name="view",
                    value=view,
                    message=f"folds {focus!r} (a {row['type']}) away",
                    fix=f"use the view {' or '.join(keeping)}",
                )
            ]
        )
    between = options.pop("between", None) or conf.get("between")
    claim_ties = options.pop("claim_ties", None) or conf.get("claim_ties") or ()
    return ClaimSettings(
        focus,
        view,
        conf.get("statement"),
        conf.get("paragraph"),
        between=tuple(between) if between else None,
        claim_ties=tuple(int(t) for t in claim_ties),
        **options,
    )


def check_output_folder(out: str | Path, dataset: io.Dataset) -> Path:
    """Refuse an output folder that is a data folder (inputs are never written over).

    Raises
    ------
    graph.errors.DataError
        Naming the parameter ``out``.

    Examples
    --------
    >>> check_output_folder(io.data_dir(), io.load_dataset())
    Traceback (most recent call last):
    ...
    graph.errors.DataError: out: '...data' is the data folder; choose another folder, e.g. out/
    """
    out = Path(out)
    out_r = out.resolve()
    shipped = io.data_dir().resolve()
    data_dirs = {Path(p).resolve().parent for p in dataset.paths.values()} | {shipped}
    if out_r in data_dirs or out_r.is_relative_to(shipped):
        message, fix = "is the data folder", "choose another folder, e.g. out/"
    elif out_r.is_file():
        message, fix = "is a file", "give a folder"
    else:
        return out
    raise DataError([Problem("", column_name="out", value=str(out), message=message, fix=fix)])
