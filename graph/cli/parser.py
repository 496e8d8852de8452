"""The command line's arguments: subcommands, options, their checks, exit statuses.

:func:`build_parser` builds the parser; each subcommand's name is
``args.command``. The option types check a value as it is parsed (a seed out
of range, a period that ends before it starts) so that a bad value is a usage
error naming the option, before any work. :data:`FLAGS` names the option that
sets each parameter the library may name in an error.

Examples
--------
>>> build_parser().parse_args(["world", "--period", "2015-2019"]).period
(2015, 2019)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from graph import __version__, networks, pipeline, report, world
from graph.claims import MAX_SAMPLES

__all__ = [
    "EXIT_OK",
    "EXIT_INTERNAL",
    "EXIT_DATA",
    "EXIT_HUP",
    "EXIT_INT",
    "EXIT_PIPE",
    "EXIT_TERM",
    "EXIT_CODES",
    "FLAGS",
    "MAX_SAMPLES",
    "MAX_SEED",
    "build_parser",
]

EXIT_OK, EXIT_INTERNAL, EXIT_DATA = 0, 1, 2
EXIT_HUP, EXIT_INT, EXIT_PIPE, EXIT_TERM = 129, 130, 141, 143

#: Exit status -> meaning, as ``--help`` and the command reference (docs/commands.md) list them.
EXIT_CODES: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_INTERNAL: "internal error (a bug; --debug shows the traceback)",
    EXIT_DATA: "bad input or usage (one line per problem on stderr)",
    EXIT_HUP: "hung up (SIGHUP)",
    EXIT_INT: "interrupted (Ctrl-C, SIGINT)",
    EXIT_PIPE: "standard output closed early (a pipe into head)",
    EXIT_TERM: "terminated (SIGTERM)",
}

#: Largest ``--seed`` (seeds run from 0 to 2**32 - 1, as numpy's and networkx's generators take).
MAX_SEED = 2**32 - 1

_EXIT_SHORT = (
    "0 ok, 1 internal error, 2 bad input or usage, 129 hung up, 130 interrupted,\n"
    "  141 output closed early, 143 terminated (actor-graph --help says more)"
)


def _data_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(
        "data (a folder of edges.csv, nodes.csv, article.txt, analysis.toml; default: the "
        "shipped article; a file given alone: the others beside it)"
    )
    g.add_argument("--data", type=Path, metavar="DIR", help="the dataset's folder")
    g.add_argument("--edges", type=Path, help="edges CSV (default: DIR/edges.csv)")
    g.add_argument(
        "--nodes",
        type=Path,
        help="nodes CSV (default: DIR/nodes.csv; without one, the edges' ids are the nodes)",
    )
    g.add_argument(
        "--article",
        type=Path,
        help="the coded text (default: DIR/article.txt; without one, quotes are not checked)",
    )
    g.add_argument(
        "--config", type=Path, help="claim settings (default: DIR/analysis.toml, if any)"
    )
    g.add_argument(
        "--no-text",
        action="store_true",
        help="data without a source text (event data): skip the quote checks",
    )


def _out_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out", type=_out_folder, default=Path("out"), help="output folder (default: out/)"
    )


def _out_folder(text: str) -> Path:
    """A path the system can look up (a name too long for the disk is a usage error)."""
    if not text:
        raise argparse.ArgumentTypeError("is empty; give a folder")
    try:
        Path(text).stat()
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: {exc.strerror}") from None
    return Path(text)


def _claim_options(
    p: argparse.ArgumentParser,
    *,
    samples: bool = True,
    default: int = pipeline.DEFAULT_SAMPLES,
    view: bool = True,
) -> None:
    """Add the claim test's options (focus, view, sides, samples, seed, ...) to a parser.

    Length: a declarative list of the claim test's options, one call each, read top to bottom as
    --help lists them.
    """
    g = p.add_argument_group("claim (default: the [claim] of the dataset's analysis.toml)")
    g.add_argument(
        "--focus", type=_node_id, metavar="ID", help="node id of the actor the claim is about"
    )
    if view:
        g.add_argument(
            "--view",
            choices=networks.VIEWS,
            help="view to test the claim in (default: the narrowest that keeps the focus)",
        )
    g.add_argument(
        "--statement",
        metavar="TEXT",
        help="the claim, quoted from the text (checked like any quote; a --focus other than "
        "the settings' own is tested with no statement unless one is given)",
    )
    g.add_argument(
        "--paragraph", type=_positive_int, metavar="N", help="the paragraph of --statement"
    )
    g.add_argument(
        "--with-claim-ties",
        action="store_true",
        help="test with the ties whose evidence is the claim itself (`links` ties and the "
        "settings' claim_ties; left out by default: a claim is not its own evidence)",
    )
    g.add_argument(
        "--all-ties",
        action="store_true",
        help="paths, brokerage and nulls over every tie, conflicts included (default: "
        "cooperative and neutral ties: a war is not a channel)",
    )
    g.add_argument(
        "--with-places",
        action="store_true",
        help="keep places (regions) in the test graph (left out by default: not actors)",
    )
    if samples:
        g.add_argument(
            "--samples",
            type=_samples,
            default=default,
            metavar="N",
            help=f"null-model samples, at most (default {default}, "
            f"largest {MAX_SAMPLES:,}; sampling stops once the decision is settled)",
        )
        g.add_argument(
            "--seed",
            type=_seed,
            default=0,
            metavar="S",
            help=f"random seed, a whole number from 0 to {MAX_SEED} (default 0)",
        )
        g.add_argument("--alpha", type=_probability, default=0.05, help="significance level")
        g.add_argument(
            "--jobs",
            type=_positive_int,
            default=1,
            metavar="J",
            help="parallel workers (default 1; more than the CPUs available are not started)",
        )
        g.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="progress bar on stderr (default: only when stderr is a terminal)",
        )


def _world_options(p: argparse.ArgumentParser, *, skip: bool = False) -> None:
    g = p.add_argument_group(
        "world layer (the claim on independent data: alliances, events, IGO memberships, UN "
        "ideal points, corridors)"
    )
    g.add_argument(
        "--layers",
        type=_layers,
        metavar="L,L",
        help=f"layers, comma-separated (default: all of {','.join(world.LAYERS)})",
    )
    when = g.add_mutually_exclusive_group()
    when.add_argument(
        "--year",
        type=_year,
        metavar="YYYY",
        help="one year for every layer (default: each layer's years nearest before the "
        "claim's date in analysis.toml; without a date, each layer's latest: "
        + ", ".join(
            f"{k} {a}" if a == b else f"{k} {a}-{b}" for k, (a, b) in world.DEFAULT_PERIODS.items()
        )
        + ")",
    )
    when.add_argument(
        "--period", type=_period, metavar="YYYY-YYYY", help="a period for every layer"
    )
    g.add_argument(
        "--scope",
        choices=world.SCOPES,
        default="world",
        help="the states of the signed layers (alliances, events): every state of the data "
        "(world, the default), the text's states with every state tied to one of them "
        "(neighbours), or the text's states alone (text)",
    )
    if skip:
        g.add_argument(
            "--no-world", action="store_true", help="skip the world layer (faster; no network)"
        )


def _layers(text: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    bad = [n for n in names if n not in world.LAYERS]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"{', '.join(map(repr, bad)) or repr(text)} is not a world layer; "
            f"choose from {', '.join(world.LAYERS)}"
        )
    return names


def _year(text: str) -> int:
    value = _whole_number(text)
    if not 1800 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year")
    return value


def _period(text: str) -> tuple[int, int]:
    first, sep, last = text.partition("-")
    if not sep:
        raise argparse.ArgumentTypeError(f"{text!r} is not a period; write it as 2015-2019")
    a, b = _year(first.strip()), _year(last.strip())
    if a > b:
        raise argparse.ArgumentTypeError(f"{text!r} ends before it starts; write it as 2015-2019")
    return a, b


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _positive_int(text: str) -> int:
    value = _whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _samples(text: str) -> int:
    value = _positive_int(text)
    if value > MAX_SAMPLES:
        raise argparse.ArgumentTypeError(
            f"{text!r} is more than the largest number accepted, {MAX_SAMPLES:,}"
        )
    return value


def _seed(text: str) -> int:
    value = _whole_number(text)
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to {MAX_SEED}")
    return value


def _node_id(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty; give the id of a node in nodes.csv")
    return text


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must lie between 0 and 1")
    return value


def _subparser(sub, name: str, help_: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help_,
        description=help_,
        epilog="example:\n  " + example + "\n\nexit status: " + _EXIT_SHORT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (one subparser per subcommand).

    Length: a declarative list of the subcommands and their options, one call each, read top to
    bottom as --help lists them.

    Examples
    --------
    >>> sorted(build_parser()._subparsers._group_actions[0].choices)
    ['accept', 'analyze', 'claim', 'draft', 'export', 'plot', 'validate', 'world']
    """
    parser = argparse.ArgumentParser(
        prog="actor-graph",
        description="Who connects whom, according to a text: validate coded ties,\n"
        "measure centrality and brokerage, test a bridge claim.",
        epilog="exit status:\n"
        + "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"actor-graph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _subparser(
        sub,
        "validate",
        "check the coded data: columns, ids, vocabularies, and every quote against the text",
        "actor-graph validate --edges my-text/edges.csv   (nodes.csv, article.txt beside it)",
    )
    _data_options(p)
    p.add_argument("--quiet", action="store_true", help="print nothing on success")

    p = _subparser(
        sub,
        "analyze",
        "the full analysis: measures of every view, the claim test, figures, exports, report",
        "actor-graph analyze --focus azerbaijan --view full --samples 2000 --seed 1 --out out/",
    )
    _data_options(p)
    _out_option(p)
    _claim_options(p)
    p.add_argument("--no-figures", action="store_true", help="skip the PNG figures")
    _world_options(p, skip=True)

    p = _subparser(
        sub,
        "world",
        "test the claim on independent data about the same states, and set the text beside it",
        "actor-graph world --layers votes,igo --period 2015-2019 --out world/",
    )
    _data_options(p)
    _out_option(p)
    _claim_options(p, default=world.WORLD_SAMPLES)
    _world_options(p)

    p = _subparser(
        sub,
        "claim",
        "test the bridge claim; write report.md, report.json and measures_<view>.csv",
        "actor-graph claim --focus azerbaijan --view actors --samples 2000 --seed 7",
    )
    _data_options(p)
    _out_option(p)
    _claim_options(p)

    p = _subparser(
        sub,
        "plot",
        "draw figures (PNG) into the output folder",
        "actor-graph plot --figure network --figure ego --view actors --out figures/",
    )
    _data_options(p)
    _out_option(p)
    _claim_options(p, view=False)
    p.add_argument(
        "--figure",
        action="append",
        choices=pipeline.FIGURE_KINDS,
        help="figure to draw (repeatable; default: all)",
    )
    p.add_argument(
        "--view",
        action="append",
        choices=networks.VIEWS,
        help="view(s) drawn by --figure network (repeatable; default: full, the claim's "
        "view, states); the other figures use the claim's view",
    )

    p = _subparser(
        sub,
        "export",
        "write the views for Gephi, R/statnet, Pajek, D3, and the explorer network.html",
        "actor-graph export --format gexf --view actors --out gephi/",
    )
    _data_options(p)
    _out_option(p)
    p.add_argument(
        "--format",
        action="append",
        choices=report.EXPORT_FORMATS,
        help="format (repeatable; default: all)",
    )
    p.add_argument(
        "--view", action="append", choices=networks.VIEWS, help="view (repeatable; default: all)"
    )
    p = _subparser(
        sub,
        "draft",
        "draft a dataset from a raw text: actors, proposed ties with quotes, claim candidates "
        "(needs the extra actor-graph[draft])",
        "actor-graph draft my-text/article.txt --out my-draft/",
    )
    p.add_argument(
        "article", type=Path, metavar="TEXT", help="the text, UTF-8, blank lines between paragraphs"
    )
    p.add_argument(
        "--out",
        type=_out_folder,
        required=True,
        metavar="DIR",
        help="the draft's folder (new, or an earlier draft's that nobody changed)",
    )

    p = _subparser(
        sub,
        "accept",
        "write edges.csv from the reviewed rows of a draft's proposed_edges.csv, then validate",
        "actor-graph accept my-draft/   (after reviewing my-draft/proposed_edges.csv)",
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="the draft's folder")
    p.add_argument(
        "--replace",
        action="store_true",
        help="overwrite an edges.csv that holds rows no proposal gives",
    )
    return parser


#: The option that sets each parameter the library may name in an error.
FLAGS: dict[str, str] = {
    "focus": "--focus",
    "view": "--view",
    "out": "--out",
    "samples": "--samples",
    "seed": "--seed",
    "statement": "--statement",
    "paragraph": "--paragraph",
    "layers": "--layers",
    "year": "--year",
    "period": "--period",
    "scope": "--scope",
}
