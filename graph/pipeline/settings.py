"""What a run is asked to do: the claim's settings, the test's options, the world layer's.

:func:`claim_settings` resolves the claim (focus, view, statement, sides) once,
from arguments and the dataset's ``analysis.toml``, and checks it against the
data; :class:`WorldOptions` says which world layers the claim is tested on
(:class:`graph.claims.ClaimOptions`, the claim test's own options, is the
same object for every caller: its samples, seed, alpha, workers, progress);
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

from graph import io, networks, world
from graph.claims import DEFAULT_SAMPLES, ClaimOptions
from graph.errors import DataError, Problem, did_you_mean

__all__ = [
    "DEFAULT_SAMPLES",
    "ClaimSettings",
    "ClaimOptions",
    "WorldOptions",
    "dataset_config",
    "claim_settings",
    "has_claim",
    "check_output_folder",
]


@dataclass(frozen=True)
class ClaimSettings:
    """The claim to test: its focus, the view, the statement quoted from the text, and the sides.

    ``between``: what the claim says the focus connects (bloc names or node
    ids; None: every bloc). ``claim_ties``: ties whose evidence is the claim
    itself, beside the ``links`` ties. ``include_claim_ties``, ``ties`` and
    ``places``: what the test graph holds (:func:`graph.claims.claim_graph`).
    ``date``: when the claim was made (``2025-10``): the world layer uses the
    data nearest before it (:mod:`graph.world.years`).

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
    date: str | None = None


@dataclass(frozen=True)
class WorldOptions:
    """Which world layers the claim is tested on, for which years, around which states.

    ``year`` or ``period`` (first, last) applies to every layer; by default
    each layer uses the years nearest before the claim's ``date``
    (:func:`graph.world.layer_years`), or its latest years without one.
    ``scope``: the states of a signed layer: ``world`` (every state of the
    source), ``neighbours`` (the text's states and every state the data tie
    to one of them) or ``text`` (the text's states alone). ``samples``: null
    samples per test on a layer, at most (default: the claim's, capped at
    :data:`graph.claims.plan.WORLD_SAMPLES`).

    Examples
    --------
    >>> WorldOptions(layers=("votes",), period=(2010, 2014)).scope
    'world'
    """

    layers: tuple[str, ...] = world.LAYERS
    year: int | None = None
    period: tuple[int, int] | None = None
    scope: str = "world"
    samples: int | None = None


def dataset_config(dataset: io.Dataset) -> Mapping:
    """The ``[claim]`` settings of the dataset's ``analysis.toml`` (empty without one).

    Examples
    --------
    >>> dataset_config(io.load_dataset())["view"]
    'actors'
    """
    return dataset.config


def has_claim(dataset: io.Dataset, focus: str | None = None) -> bool:
    """Whether there is a claim to test: a focus given, or one in the dataset's settings.

    Examples
    --------
    >>> has_claim(io.load_dataset())
    True
    """
    return bool(focus or dataset_config(dataset).get("focus"))


def _default_view(node_type: str, country) -> str:
    """The narrowest view that keeps the focus: states for a state, else actors, else full."""
    keeping = networks.views_keeping(node_type, country=country)
    return next(v for v in ("states", "actors", "full") if v in keeping)


def claim_settings(
    dataset: io.Dataset,
    *,
    focus: str | None = None,
    view: str | None = None,
    config: Mapping | None = None,
    statement: str | None = None,
    paragraph: int | None = None,
    **options,
) -> ClaimSettings:
    """Resolve the claim's settings from arguments, then the dataset's config.

    Length: each setting is resolved in the one order of precedence (argument, then
    analysis.toml, then the default) and checked against the data where it is resolved.

    A focus given here that is not the config's own focus is a claim of its
    own: the config's statement, paragraph, sides and claim ties (all about
    another actor) are not used, and its view only if given here. A
    statement given here is checked against the text like any quote.

    Parameters
    ----------
    dataset : Dataset
    focus, view : str, optional
        Override the config's ``focus`` and ``view`` (default view: the
        narrowest that keeps the focus: states, actors, full).
    config : mapping, optional
        The ``[claim]`` table (default: the dataset's ``analysis.toml``).
    statement, paragraph : optional
        The claim quoted from the text, and its paragraph.
    **options
        ``between``, ``claim_ties`` (override the config's),
        ``include_claim_ties``, ``ties``, ``places``: see :class:`ClaimSettings`.

    Raises
    ------
    graph.errors.DataError
        If a setting does not fit the data (naming its file and line), no
        focus is given or configured (naming the settings file looked for),
        the focus is not a node id, the view is unknown, or the view folds
        the focus away (the message names the views that keep it). A problem
        with an argument names the parameter (``focus``, ``view``,
        ``statement``).

    Examples
    --------
    >>> claim_settings(io.load_dataset()).focus
    'azerbaijan'
    >>> s = claim_settings(io.load_dataset(), focus="armenia")
    >>> s.view, s.statement, s.between
    ('states', None, None)
    >>> claim_settings(io.load_dataset(), focus="cis_plus", view="actors")
    Traceback (most recent call last):
    ...
    graph.errors.DataError: view: 'actors' folds 'cis_plus' (a platform) away; use the view full
    """
    if config is not None:  # the dataset's own settings were checked as it was loaded
        io.check_claim(config, dataset.article, nodes=dataset.nodes, edges=dataset.edges)
    conf = config if config is not None else dataset_config(dataset)
    date = options.pop("date", None) or conf.get("date")  # the text's date: every claim's
    if date is not None and not isinstance(date, str):
        date = date.isoformat()
    if focus and conf.get("focus") and focus != conf.get("focus"):
        conf = {}  # the config's claim is about another actor
    focus = focus or conf.get("focus")
    ids = set(dataset.nodes["id"])
    if not focus:
        where = getattr(conf, "path", None) or str(Path(dataset.folder) / "analysis.toml")
        raise DataError(
            [
                Problem(
                    where,
                    message="names no claim to test (no [claim] table with a focus)",
                    fix='give --focus ID, or add [claim] focus = "ID" to the file',
                )
            ]
        )
    if focus not in ids:
        fix = did_you_mean(focus, ids, cutoff=0.6) or "give the id of a node in nodes.csv"
        raise DataError([Problem.setting("focus", focus, "is not a node id", fix)])
    row = dataset.nodes.set_index("id").loc[focus]
    view = view or conf.get("view") or _default_view(row["type"], row["country"])
    if view not in networks.VIEWS:
        raise DataError(
            [
                Problem.setting(
                    "view", view, "is not a view", f"choose one of {', '.join(networks.VIEWS)}"
                )
            ]
        )
    keeping = networks.views_keeping(row["type"], country=row["country"])
    if view not in keeping:
        raise DataError(
            [
                Problem.setting(
                    "view",
                    view,
                    f"folds {focus!r} (a {row['type']}) away",
                    f"use the view {' or '.join(keeping)}",
                )
            ]
        )
    if statement is not None or paragraph is not None:
        _check_statement(dataset, statement, paragraph)
    else:
        statement, paragraph = conf.get("statement"), conf.get("paragraph")
    given = options.pop("between", None)
    between = given or conf.get("between")
    if between:
        _check_between(dataset, focus, view, between, conf if not given else None)
    claim_ties = options.pop("claim_ties", None) or conf.get("claim_ties") or ()
    return ClaimSettings(
        focus,
        view,
        statement,
        paragraph,
        between=tuple(between) if between else None,
        claim_ties=tuple(int(t) for t in claim_ties),
        date=date,
        **options,
    )


def _check_between(dataset: io.Dataset, focus: str, view: str, between, conf) -> None:
    """Refuse a side that means nothing in the view: the focus, or what the view lacks.

    Each side must be neither the focus itself, nor a node the view folds
    away, nor a bloc with no actor in the view.

    ``conf``: the settings file the sides come from (problems name its file and
    line), or None for sides given as an argument.
    """
    nodes = dataset.nodes
    keeps = {
        i: networks.views_keeping(t, country=c)
        for i, t, c in zip(nodes["id"], nodes["type"], nodes["country"], strict=True)
    }
    kind = dict(zip(nodes["id"], nodes["type"], strict=True))
    members: dict[str, list] = {}
    for i, b in zip(nodes["id"], nodes["bloc"], strict=True):
        if isinstance(b, str):
            members.setdefault(b, []).append(i)
    problems = []

    def add(side, message, fix):
        if conf is None:
            problems.append(Problem.setting("between", side, message, fix))
        else:
            line = conf.line_of("between", side) if hasattr(conf, "line_of") else None
            where = getattr(conf, "path", "analysis.toml")
            problems.append(Problem(where, line, None, "between", side, message, fix))

    for side in between:
        if side == focus:
            add(side, "is the focus itself", "name the blocs or actors it is said to connect")
        elif side in keeps and view not in keeps[side]:
            add(
                side,
                f"is {_a(kind[side])}, which the {view} view folds away",
                f"use the view {' or '.join(keeps[side])}, or name its bloc",
            )
        elif side not in keeps and side in members:
            if not any(view in keeps[m] for m in members[side]):
                where = sorted(
                    {v for m in members[side] for v in keeps[m]}, key=networks.VIEWS.index
                )
                add(
                    side,
                    f"is a bloc with no actor in the {view} view",
                    f"use the view {' or '.join(where)}, or name another side",
                )
        elif side not in keeps and conf is None:
            hint = did_you_mean(side, [*keeps, *members])
            add(side, "is neither a bloc nor a node id", hint or "check nodes.csv")
    if problems:
        more = max(0, len(problems) - io.MAX_PROBLEMS)
        raise DataError(problems[: io.MAX_PROBLEMS], more=more)


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _check_statement(dataset: io.Dataset, statement: str | None, paragraph: int | None) -> None:
    """A statement given as an argument stands in its paragraph of the text, as any quote."""
    if not statement:
        raise DataError(
            [
                Problem.setting(
                    "statement",
                    statement,
                    "is missing for the paragraph given",
                    "quote the claim from that paragraph",
                )
            ]
        )
    conf = io.Config({"statement": statement} | ({"paragraph": paragraph} if paragraph else {}))
    try:
        io.check_claim(conf, dataset.article)
    except DataError as err:  # the argument, not a line of analysis.toml
        raise DataError(
            [Problem.setting(p.column_name, p.value, p.message, p.fix) for p in err.problems]
        ) from None


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
    raise DataError([Problem.setting("out", out, message, fix)])
