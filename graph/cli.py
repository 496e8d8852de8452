"""Command line: ``actor-graph`` (also ``python -m graph``).

A thin layer over :mod:`graph.pipeline`: each subcommand parses its options,
makes one pipeline call and prints what it did. It is the only place that
catches :class:`graph.errors.DataError`: bad input becomes one line per
problem on stderr and exit status 2, never a traceback; a problem with a
setting is named by its option (``--focus``). Everything printed from the
data is escaped (:func:`graph.errors.printable`), so no control character
or terminal escape in a label reaches the terminal raw.

Exit status (:data:`EXIT_CODES`): 0 success; 1 an internal error (a bug:
``--debug`` shows the traceback); 2 bad input or usage; 129 hung up (SIGHUP);
130 interrupted (Ctrl-C, SIGINT); 141 standard output closed early (a pipe
into ``head``); 143 terminated (SIGTERM). A run stopped by a signal, a second
signal during its cleanup included, leaves the earlier results in the output
folder as they were, or, when the signal came after its results were in
place, says so; process workers end with the command, even when it is killed.

Examples
--------
>>> main(["validate", "--quiet"])
0
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import textwrap
from pathlib import Path

from graph import __version__, build, io, outdir, pipeline, report, workers, world
from graph.errors import DataError, Problem, printable, shorten
from graph.report.text import criterion_name, criterion_sentence, verdict_sentence

__all__ = ["main", "build_parser", "EXIT_CODES", "MAX_SAMPLES", "MAX_SEED"]

EXIT_OK, EXIT_INTERNAL, EXIT_DATA = 0, 1, 2
EXIT_HUP, EXIT_INT, EXIT_PIPE, EXIT_TERM = 129, 130, 141, 143

#: Exit status -> meaning, as ``--help`` and the README list them.
EXIT_CODES: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_INTERNAL: "internal error (a bug; --debug shows the traceback)",
    EXIT_DATA: "bad input or usage (one line per problem on stderr)",
    EXIT_HUP: "hung up (SIGHUP)",
    EXIT_INT: "interrupted (Ctrl-C, SIGINT)",
    EXIT_PIPE: "standard output closed early (a pipe into head)",
    EXIT_TERM: "terminated (SIGTERM)",
}

#: Most null-model samples accepted by ``--samples`` (each costs 8 bytes and a rewiring).
MAX_SAMPLES = 10_000_000
#: Largest ``--seed`` (seeds run from 0 to 2**32 - 1, as numpy's and networkx's generators take).
MAX_SEED = 2**32 - 1

_EXIT_SHORT = (
    "0 ok, 1 internal error, 2 bad input or usage, 129 hung up, 130 interrupted,\n"
    "  141 output closed early, 143 terminated (actor-graph --help says more)"
)

_SIGNAL_EXIT = {signal.SIGINT: EXIT_INT, signal.SIGTERM: EXIT_TERM}
if hasattr(signal, "SIGHUP"):
    _SIGNAL_EXIT[signal.SIGHUP] = EXIT_HUP
_SIGNAL_WORDS = {EXIT_INT: "interrupted", EXIT_TERM: "terminated", EXIT_HUP: "hung up"}


class _Stopped(BaseException):
    """SIGTERM or SIGHUP, turned into an exception so that cleanup code runs."""


class _Signals:
    """The first SIGINT, SIGTERM or SIGHUP stops the run; later ones are noted and ignored."""

    def __init__(self) -> None:
        self.first: int | None = None

    def handle(self, signum, frame) -> None:
        if self.first is not None:  # already stopping: let the cleanup finish
            return
        self.first = signum
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise _Stopped

    def install(self) -> dict:
        return {s: signal.signal(s, self.handle) for s in _SIGNAL_EXIT}


def _say(text: str = "") -> None:
    """Print one line of output, with control characters escaped."""
    print(printable(text))


def _warn(text: str) -> None:
    _err(printable(f"actor-graph: {text}"))


def _err(text: str) -> None:
    """Print to stderr; a closed stderr is not an error of its own."""
    try:
        print(text, file=sys.stderr)
    except (OSError, ValueError):
        pass


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
    p: argparse.ArgumentParser, *, samples: bool = True, default: int = pipeline.DEFAULT_SAMPLES
) -> None:
    g = p.add_argument_group("claim (default: the focus and view in data/analysis.toml)")
    g.add_argument(
        "--focus", type=_node_id, metavar="ID", help="node id of the actor the claim is about"
    )
    g.add_argument("--view", choices=build.VIEWS, help="view to test the claim in")
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
        "world layer (the claim on independent data: IGO memberships, alliances, UN votes, events)"
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
        help="one year for every layer (default: each "
        "layer's latest: "
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
        default="neighbours",
        help="the text's states with every state the data tie to one of them (neighbours, "
        "the default), or the text's states alone (text)",
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

    Examples
    --------
    >>> sorted(build_parser()._subparsers._group_actions[0].choices)
    ['analyze', 'claim', 'export', 'plot', 'validate', 'world']
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
    _world_options(p, skip=True)
    p.set_defaults(func=cmd_analyze)

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
    p.set_defaults(func=cmd_world)

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
        help="view(s) drawn by --figure network (repeatable; default: full, the claim's view, "
        "states)",
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
    "layers": "--layers",
    "year": "--year",
    "period": "--period",
    "scope": "--scope",
}


# ------------------------------------------------------------------ commands


def _load(args) -> io.Dataset:
    return io.load_dataset(args.nodes, args.edges, args.article, check_text=not args.no_text)


def _config(args) -> dict | None:
    return io.load_config(args.config) if args.config is not None else None


def _settings(args, ds: io.Dataset) -> pipeline.ClaimSettings:
    return pipeline.claim_settings(ds, focus=args.focus, view=args.view, config=_config(args))


def _options(args) -> pipeline.ClaimOptions:
    jobs, cpus = args.jobs, workers.available_cpus()
    if jobs > cpus:
        _warn(f"--jobs {jobs} is more than the {cpus} CPUs available; using {cpus}")
        jobs = cpus
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    return pipeline.ClaimOptions(
        samples=args.samples, seed=args.seed, alpha=args.alpha, n_jobs=jobs, progress=progress
    )


def _print_result(result) -> None:
    _say(f"{result.focus_label} as a bridge ({result.view} view): {result.verdict}")
    _say(f"  {verdict_sentence(result)}")
    for c in result.criteria:
        _say(f"  {c.status:<12} {criterion_name(c.key)}: {criterion_sentence(result, c)}")


def _print_written(run: pipeline.Run) -> None:
    files = run.files
    folders = sorted({str(Path(p).parent) for p in files})
    noun = "file" if len(files) == 1 else "files"
    _say(f"wrote {len(files)} {noun} to {', '.join(folders)}/ (listed in {outdir.MANIFEST})")


def cmd_validate(args) -> int:
    """Validate the data and print a summary."""
    ds = _load(args)
    if args.quiet:
        return EXIT_OK
    nodes, edges = ds.nodes, ds.edges
    _say(f"nodes: {len(nodes)} in {ds.paths['nodes']}")
    for t, n in nodes["type"].value_counts().sort_index().items():
        _say(f"  {t:<14} {n}")
    _say(f"ties: {len(edges)} in {ds.paths['edges']}")
    for r, n in edges["relation"].value_counts().sort_index().items():
        _say(f"  {r:<16} {n}")
    stated = edges["stated"].value_counts()
    _say("  " + ", ".join(f"{k} {v}" for k, v in stated.items()))
    if ds.article is not None:
        _say(
            f"quotes: {len(edges)} of {len(edges)} verified against {ds.paths['article']} "
            f"({ds.article.n_paragraphs} paragraphs)"
        )
    else:
        _say("quotes: not checked (--no-text)")
    return EXIT_OK


def _world(args) -> pipeline.WorldOptions:
    return pipeline.WorldOptions(
        layers=args.layers or world.LAYERS,
        year=args.year,
        period=args.period,
        scope=args.scope,
        samples=getattr(args, "world_samples", None),
    )


def cmd_analyze(args) -> int:
    """The full analysis into the output folder."""
    ds = _load(args)
    run = pipeline.run_analysis(
        ds,
        args.out,
        settings=_settings(args, ds),
        figures=not args.no_figures,
        options=_options(args),
        world_options=None if args.no_world else _world(args),
    )
    result = run.result
    _say(f"{result.focus_label} as a bridge ({result.view} view): {result.verdict}")
    if run.world:
        _say(f"  in the world: {report.world_headline(run.world)}")
    for note in run.notes:
        _warn(f"world layer skipped: {note}")
    _print_written(run)
    _say(f"read {next(p for p in run.paths['report'] if p.suffix == '.md')}")
    return EXIT_OK


def cmd_claim(args) -> int:
    """Test the claim; write the report and the view's measures."""
    ds = _load(args)
    run = pipeline.run_claim(ds, args.out, settings=_settings(args, ds), options=_options(args))
    _print_result(run.result)
    _print_written(run)
    return EXIT_OK


def cmd_world(args) -> int:
    """The claim on the world layers, beside the text."""
    ds = _load(args)
    args.world_samples = args.samples
    run = pipeline.run_world(
        ds,
        args.out,
        settings=_settings(args, ds),
        world_options=_world(args),
        options=_options(args),
    )
    focus = ds.nodes.set_index("id").at[run.settings.focus, "label"]
    _say(f"{focus} as a bridge, in the world: {report.world_headline(run.world)}")
    for key, w in run.world.items():
        r = w.result
        verdict = r.verdict if r is not None else f"not run ({w.reason})"
        _say(f"  {report.LAYER_NAMES[key]:<26} {report.years_words(w.period):<10} {verdict}")
    _print_written(run)
    _say(f"read {next(p for p in run.paths['report'] if p.suffix == '.md')}")
    return EXIT_OK


def cmd_plot(args) -> int:
    """Draw the chosen figures."""
    ds = _load(args)
    run = pipeline.run_plot(
        ds,
        args.out,
        settings=_settings(args, ds),
        which=tuple(args.figure or pipeline.FIGURE_KINDS),
        network_views=tuple(args.network_view) if args.network_view else None,
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


def _stopped_message(code: int, args, commits_before: int) -> str:
    """What a signal did to the run, truly: results intact, or written before it came."""
    word = _SIGNAL_WORDS[code]
    out = getattr(args, "out", None)
    if out is None:
        return f"actor-graph: {word}"
    if outdir.commits() > commits_before:
        return f"actor-graph: {word} after the results were written to {out}/ in full"
    return f"actor-graph: {word}; the earlier results in {out}/ are intact"


def _close_stdout() -> None:
    """Standard output was closed by its reader: send what is left nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        pass


# --------------------------------------------------------------------- entry


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.
        Without it (the ``actor-graph`` program itself), a run stopped by a
        signal keeps ignoring signals until the process has exited.

    Returns
    -------
    int
        One of :data:`EXIT_CODES`.

    Examples
    --------
    >>> main(["validate", "--edges", "no/such.csv"])
    2
    """
    program = argv is None
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    signals = _Signals()
    previous = signals.install()
    commits_before = outdir.commits()
    command = outdir.COMMAND.set(shlex.join(["actor-graph", *(sys.argv[1:] if program else argv)]))
    code = EXIT_OK
    try:
        with workers.tied_workers():
            code = args.func(args)
        sys.stdout.flush()
    except (KeyboardInterrupt, _Stopped):
        code = _SIGNAL_EXIT.get(signals.first or signal.SIGINT, EXIT_INT)
        _err(printable(_stopped_message(code, args, commits_before)))
    except DataError as exc:
        lines = [_problem_line(p) for p in exc.problems]
        if exc.more:
            lines.append(str(exc).splitlines()[-1])
        _err("\n".join(lines))
        code = EXIT_DATA
    except BrokenPipeError:
        _close_stdout()
        code = EXIT_PIPE
    except Exception as exc:
        if args.debug:
            raise
        msg = textwrap.shorten(f"{type(exc).__name__}: {exc}", 300)
        _err(
            printable(f"actor-graph: internal error: {msg}")
            + "\nThis is a bug: please report it with the command you ran and the traceback "
            "that --debug prints."
        )
        code = EXIT_INTERNAL
    finally:
        outdir.COMMAND.reset(command)
        if program and signals.first is not None:
            for s in previous:  # the process is ending: no signal may interrupt that now
                signal.signal(s, signal.SIG_IGN)
        else:
            for s, handler in previous.items():
                signal.signal(s, handler)
    return code
