"""Command line: ``actor-graph`` (also ``python -m graph``).

A thin layer over :mod:`graph.pipeline`: each subcommand parses its options,
makes one pipeline call and prints what it did. It is the only place that
catches :class:`graph.errors.DataError`: bad input becomes one line per
problem on stderr and exit status 2, never a traceback; a problem with a
setting is named by its option (``--focus``).

Exit status: 0 success; 2 bad input or usage; 1 an internal error (a bug:
please report it; ``--debug`` shows the traceback); 130 interrupted (Ctrl-C),
143 terminated (SIGTERM). An interrupted run leaves earlier results intact.

Examples
--------
>>> main(["validate", "--quiet"])
0
"""

from __future__ import annotations

import argparse
import signal
import sys
import textwrap
from pathlib import Path

from graph import __version__, build, io, pipeline, report
from graph.errors import DataError, Problem, printable, shorten
from graph.report.text import criterion_name, criterion_sentence, verdict_sentence

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_INTERNAL, EXIT_DATA = 0, 1, 2
_ISSUES = "https://github.com/actor-graph/actor-graph/issues"


class _Terminated(BaseException):
    """SIGTERM, turned into an exception so that cleanup code runs."""


def _on_sigterm(signum, frame):
    raise _Terminated


# ------------------------------------------------------------------- options


def _data_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("data (default: the shipped, coded article)")
    g.add_argument("--nodes", type=Path, help="nodes CSV (default: shipped data/nodes.csv)")
    g.add_argument("--edges", type=Path, help="edges CSV (default: shipped data/edges.csv)")
    g.add_argument("--article", type=Path, help="the coded text (default: data/article.txt)")
    g.add_argument(
        "--config",
        type=Path,
        help="claim settings (default: analysis.toml beside the edges file, if any)",
    )
    g.add_argument(
        "--no-text",
        action="store_true",
        help="data without a source text (event data): skip the quote checks",
    )


def _out_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")


def _claim_options(p: argparse.ArgumentParser, *, samples: bool = True) -> None:
    g = p.add_argument_group("claim (default: the focus and view in data/analysis.toml)")
    g.add_argument("--focus", metavar="ID", help="node id of the actor the claim is about")
    g.add_argument("--view", choices=build.VIEWS, help="view to test the claim in")
    if samples:
        g.add_argument(
            "--samples",
            type=_positive_int,
            default=pipeline.DEFAULT_SAMPLES,
            metavar="N",
            help=f"null-model samples, at most (default {pipeline.DEFAULT_SAMPLES}; "
            "sampling stops once the decision is settled)",
        )
        g.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
        g.add_argument("--alpha", type=_probability, default=0.05, help="significance level")
        g.add_argument(
            "--jobs", type=_positive_int, default=1, metavar="J", help="parallel workers"
        )
        g.add_argument("--no-progress", action="store_true", help="no progress bar")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


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
        epilog="example:\n  " + example,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (one subparser per subcommand).

    Examples
    --------
    >>> sorted(build_parser()._subparsers._group_actions[0].choices)
    ['analyze', 'claim', 'export', 'plot', 'validate']
    """
    parser = argparse.ArgumentParser(
        prog="actor-graph",
        description="Who connects whom, according to a text: validate coded ties, "
        "measure centrality and brokerage, test a bridge claim.",
        epilog="exit status: 0 ok, 2 bad input or usage, 1 internal error",
    )
    parser.add_argument("--version", action="version", version=f"actor-graph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _subparser(
        sub,
        "validate",
        "check the coded data: columns, ids, vocabularies, and every quote against the text",
        "actor-graph validate --nodes my/nodes.csv --edges my/edges.csv --article my/text.txt",
    )
    _data_options(p)
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(func=cmd_validate)

    p = _subparser(
        sub,
        "analyze",
        "the full analysis: measures of every view, the claim test, figures, exports, report",
        "actor-graph analyze --focus azerbaijan --view states --samples 10000 --seed 1 --out out/",
    )
    _data_options(p)
    _out_option(p)
    _claim_options(p)
    p.add_argument("--no-figures", action="store_true", help="skip the PNG figures")
    p.set_defaults(func=cmd_analyze)

    p = _subparser(
        sub,
        "claim",
        "test the bridge claim; write report.md, report.json and measures_<view>.csv",
        "actor-graph claim --focus azerbaijan --view actors --samples 2000 --seed 7",
    )
    _data_options(p)
    _out_option(p)
    _claim_options(p)
    p.set_defaults(func=cmd_claim)

    p = _subparser(
        sub,
        "plot",
        "draw figures (PNG) into the output folder",
        "actor-graph plot --figure network --figure ego --network-view actors",
    )
    _data_options(p)
    _out_option(p)
    _claim_options(p)
    p.add_argument(
        "--figure",
        action="append",
        choices=pipeline.FIGURE_KINDS,
        help="figure to draw (repeatable; default: all)",
    )
    p.add_argument(
        "--network-view",
        action="append",
        choices=build.VIEWS,
        help="view(s) drawn by --figure network (repeatable; default: full and states)",
    )
    p.set_defaults(func=cmd_plot)

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
        "--view", action="append", choices=build.VIEWS, help="view (repeatable; default: all)"
    )
    p.set_defaults(func=cmd_export)
    return parser


#: The option that sets each parameter the library may name in an error.
FLAGS: dict[str, str] = {
    "focus": "--focus",
    "view": "--view",
    "out": "--out",
    "samples": "--samples",
    "seed": "--seed",
}


# ------------------------------------------------------------------ commands


def _load(args) -> io.Dataset:
    return io.load_dataset(args.nodes, args.edges, args.article, check_text=not args.no_text)


def _config(args) -> dict | None:
    return io.load_config(args.config) if args.config is not None else None


def _settings(args, ds: io.Dataset) -> pipeline.ClaimSettings:
    return pipeline.claim_settings(ds, focus=args.focus, view=args.view, config=_config(args))


def _options(args) -> pipeline.ClaimOptions:
    return pipeline.ClaimOptions(
        samples=args.samples,
        seed=args.seed,
        alpha=args.alpha,
        n_jobs=args.jobs,
        progress=not args.no_progress,
    )


def _print_result(result) -> None:
    print(f"{result.focus_label} as a bridge ({result.view} view): {result.verdict}")
    print(f"  {verdict_sentence(result)}")
    for c in result.criteria:
        print(f"  {c.status:<12} {criterion_name(c.key)}: {criterion_sentence(result, c)}")


def _print_written(run: pipeline.Run) -> None:
    files = run.files
    folders = sorted({str(Path(p).parent) for p in files})
    print(f"wrote {len(files)} files to {', '.join(folders)}/")


def cmd_validate(args) -> int:
    """Validate the data and print a summary."""
    ds = _load(args)
    if args.quiet:
        return EXIT_OK
    nodes, edges = ds.nodes, ds.edges
    print(f"nodes: {len(nodes)} in {ds.paths['nodes']}")
    for t, n in nodes["type"].value_counts().sort_index().items():
        print(f"  {t:<14} {n}")
    print(f"ties: {len(edges)} in {ds.paths['edges']}")
    for r, n in edges["relation"].value_counts().sort_index().items():
        print(f"  {r:<16} {n}")
    stated = edges["stated"].value_counts()
    print("  " + ", ".join(f"{k} {v}" for k, v in stated.items()))
    if ds.article is not None:
        print(
            f"quotes: {len(edges)} of {len(edges)} verified against {ds.paths['article']} "
            f"({ds.article.n_paragraphs} paragraphs)"
        )
    else:
        print("quotes: not checked (--no-text)")
    return EXIT_OK


def cmd_analyze(args) -> int:
    """The full analysis into the output folder."""
    ds = _load(args)
    run = pipeline.run_analysis(
        ds,
        args.out,
        settings=_settings(args, ds),
        figures=not args.no_figures,
        options=_options(args),
    )
    result = run.result
    print(f"{result.focus_label} as a bridge ({result.view} view): {result.verdict}")
    _print_written(run)
    print(f"read {next(p for p in run.paths['report'] if p.suffix == '.md')}")
    return EXIT_OK


def cmd_claim(args) -> int:
    """Test the claim; write the report and the view's measures."""
    ds = _load(args)
    run = pipeline.run_claim(ds, args.out, settings=_settings(args, ds), options=_options(args))
    _print_result(run.result)
    _print_written(run)
    return EXIT_OK


def cmd_plot(args) -> int:
    """Draw the chosen figures."""
    ds = _load(args)
    run = pipeline.run_plot(
        ds,
        args.out,
        settings=_settings(args, ds),
        which=tuple(args.figure or pipeline.FIGURE_KINDS),
        network_views=tuple(args.network_view or ("full", "states")),
        options=_options(args),
    )
    _print_written(run)
    return EXIT_OK


def cmd_export(args) -> int:
    """Write the views in the chosen formats."""
    ds = _load(args)
    run = pipeline.run_export(
        ds,
        args.out,
        views=tuple(args.view or build.VIEWS),
        formats=tuple(args.format or report.EXPORT_FORMATS),
    )
    _print_written(run)
    return EXIT_OK


def _problem_line(problem: Problem) -> str:
    """A problem as one line; a problem with a setting named by its option."""
    if problem.file or problem.column_name not in FLAGS:
        return str(problem)
    flag = FLAGS[problem.column_name]
    value = "" if problem.value is None else f" {shorten(problem.value)!r}"
    fix = f"; {problem.fix}" if problem.fix else ""
    return printable(f"actor-graph: error: {flag}{value} {problem.message}{fix}")


# --------------------------------------------------------------------- entry


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        0 success, 2 bad input or usage, 1 internal error, 130 interrupted,
        143 terminated.

    Examples
    --------
    >>> main(["validate", "--edges", "no/such.csv"])
    2
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return args.func(args)
    except _Terminated:
        print(
            "actor-graph: terminated; earlier results in the output folder are intact",
            file=sys.stderr,
        )
        return 143
    except DataError as exc:
        lines = [_problem_line(p) for p in exc.problems]
        if exc.more:
            lines.append(str(exc).splitlines()[-1])
        print("\n".join(lines), file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print(
            "actor-graph: interrupted; earlier results in the output folder are intact",
            file=sys.stderr,
        )
        return 130
    except Exception as exc:
        if args.debug:
            raise
        msg = textwrap.shorten(f"{type(exc).__name__}: {exc}", 300)
        print(
            f"actor-graph: internal error: {msg}\n"
            f"This is a bug. Rerun with --debug for the traceback and report it at {_ISSUES}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        signal.signal(signal.SIGTERM, previous)
