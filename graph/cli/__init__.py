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

import errno
import os
import shlex
import signal
import sys
import textwrap
from pathlib import Path

from graph import io, networks, outdir, pipeline, report, workers, world
from graph.cli.parser import (
    EXIT_CODES,
    EXIT_DATA,
    EXIT_HUP,
    EXIT_INT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_PIPE,
    EXIT_TERM,
    FLAGS,
    MAX_SAMPLES,
    MAX_SEED,
    build_parser,
)
from graph.errors import DataError, Problem, printable, shorten
from graph.report.text import criterion_name, criterion_sentence, verdict_sentence

__all__ = ["main", "build_parser", "EXIT_CODES", "MAX_SAMPLES", "MAX_SEED"]

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


class _OutputFailed(Exception):
    """Standard output could not be written (a full disk, an I/O error; not a closed pipe)."""


def _write(text: str, stream) -> None:
    """Print a line; characters the stream's encoding lacks become escapes."""
    try:
        print(text, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def _say(text: str = "") -> None:
    """Print one line of output, with control characters escaped."""
    if sys.stdout is None:  # closed before the program started: said to no one
        return
    try:
        _write(printable(text), sys.stdout)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputFailed(exc.strerror or str(exc)) from None


def _flush() -> None:
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputFailed(exc.strerror or str(exc)) from None


def _warn(text: str) -> None:
    _err(printable(f"actor-graph: {text}"))


def _err(text: str) -> None:
    """Print to stderr; a closed stderr is not an error of its own."""
    if sys.stderr is None:  # print(file=None) would write to stdout
        return
    try:
        _write(text, sys.stderr)
    except (OSError, ValueError):
        pass


# ------------------------------------------------------------------ commands


def _load(args) -> io.Dataset:
    """Load the dataset; say once on stderr what it lacked and what was done instead."""
    ds = io.load_dataset(
        args.nodes,
        args.edges,
        args.article,
        config=args.config,
        data=args.data,
        check_text=not args.no_text,
    )
    for note in ds.notes:
        _warn(f"note: {note}")
    return ds


def _settings(args, ds: io.Dataset) -> pipeline.ClaimSettings:
    view = getattr(args, "view", None)  # plot's --view names the views drawn, not the claim's
    return pipeline.claim_settings(
        ds,
        focus=args.focus,
        view=view if isinstance(view, str) else None,
        statement=args.statement,
        paragraph=args.paragraph,
        include_claim_ties=args.with_claim_ties,
        ties="all" if args.all_ties else "channels",
        places=args.with_places,
    )


def _options(args) -> pipeline.ClaimOptions:
    jobs, cpus = args.jobs, workers.available_cpus()
    if jobs > cpus:
        _warn(f"--jobs {jobs} is more than the {cpus} CPUs available; using {cpus}")
        jobs = cpus
    progress = args.progress
    if progress is None:
        progress = sys.stderr is not None and sys.stderr.isatty()
    return pipeline.ClaimOptions(
        samples=args.samples, seed=args.seed, alpha=args.alpha, n_jobs=jobs, progress=progress
    )


def _print_result(result) -> None:
    _say(f"{result.focus_label} as a bridge ({result.view} view): {result.verdict}")
    _say(f"  {verdict_sentence(result)}")
    for c in result.criteria:
        _say(f"  {c.status:<12} {criterion_name(c.key)}: {criterion_sentence(result, c)}")


def _print_written(run: pipeline.Run, out: Path) -> None:
    files = run.files
    folders = sorted({str(Path(p).parent) for p in files}) or [str(out)]
    noun = "file" if len(files) == 1 else "files"
    _say(f"wrote {len(files)} {noun} to {', '.join(folders)}/ (listed in {outdir.MANIFEST})")


def cmd_validate(args) -> int:
    """Validate the data and print a summary."""
    ds = _load(args)
    if args.quiet:
        return EXIT_OK
    nodes, edges = ds.nodes, ds.edges
    _say(f"nodes: {len(nodes)} in {ds.paths.get('nodes', 'the ids of the edges')}")
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
    elif args.no_text:
        _say("quotes: not checked (--no-text)")
    else:
        _say("quotes: not checked (no text)")
    if "config" in ds.paths:
        claim = ds.config.get("focus")
        _say(
            f"settings: {ds.paths['config']}"
            + (f" (claim about {claim!r}, checked against the data)" if claim else " (no claim)")
        )
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
        settings=_settings(args, ds) if pipeline.has_claim(ds, args.focus) else None,
        figures=not args.no_figures,
        options=_options(args),
        world_options=None if args.no_world else _world(args),
    )
    result = run.result
    if result is None:
        _say(report.NO_CLAIM)
    else:
        _say(f"{result.focus_label} as a bridge ({result.view} view): {result.verdict}")
    if run.world:
        _say(f"  in the world: {report.world_headline(run.world)}")
    for note in run.notes:
        if note != report.NO_CLAIM:
            _warn(f"note: {note}")
    _print_written(run, args.out)
    _say(f"read {next(p for p in run.paths['report'] if p.suffix == '.md')}")
    return EXIT_OK


def cmd_claim(args) -> int:
    """Test the claim; write the report and the view's measures."""
    ds = _load(args)
    run = pipeline.run_claim(ds, args.out, settings=_settings(args, ds), options=_options(args))
    _print_result(run.result)
    _print_written(run, args.out)
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
        verdict = w.verdict + (f" ({w.reason})" if w.reason else "")
        _say(f"  {report.LAYER_NAMES[key]:<34} {report.years_words(w.period):<10} {verdict}")
    _print_written(run, args.out)
    _say(f"read {next(p for p in run.paths['report'] if p.suffix == '.md')}")
    return EXIT_OK


def cmd_plot(args) -> int:
    """Draw the chosen figures."""
    ds = _load(args)
    run = pipeline.run_plot(
        ds,
        args.out,
        settings=_settings(args, ds) if pipeline.has_claim(ds, args.focus) else None,
        which=tuple(args.figure or pipeline.FIGURE_KINDS),
        network_views=tuple(args.view) if args.view else None,
        options=_options(args),
    )
    for note in run.notes:
        _warn(f"note: {note}")
    _print_written(run, args.out)
    return EXIT_OK


def cmd_export(args) -> int:
    """Write the views in the chosen formats."""
    ds = _load(args)
    run = pipeline.run_export(
        ds,
        args.out,
        views=tuple(args.view or networks.VIEWS),
        formats=tuple(args.format or report.EXPORT_FORMATS),
    )
    _print_written(run, args.out)
    return EXIT_OK


def cmd_draft(args) -> int:
    """Draft a dataset folder from a raw text."""
    run = pipeline.run_draft(args.article, args.out)
    d = run.draft
    rows = d.edge_rows()
    rules = sum(float(r["score"]) >= 0.35 for r in rows)
    _say(
        f"drafted {args.out}/ from {args.article} in {run.seconds:.1f} s: {len(d.nodes)} nodes, "
        f"{len(rows)} proposed ties ({rules} from rules), {len(d.candidates)} claim candidates"
    )
    if d.candidates:
        c = d.candidates[0]
        sides = ", ".join(c.between) or "no sides named"
        _say(f"  best claim (paragraph {c.paragraph}): {c.focus} between {sides}")
    _say(
        f"read {args.out}/draft.md; review {args.out}/proposed_edges.csv (or open "
        f"{args.out}/review.html), then: actor-graph accept {args.out}/"
    )
    return EXIT_OK


def cmd_accept(args) -> int:
    """Write edges.csv from the reviewed proposals; validate the folder."""
    done = pipeline.run_accept(args.folder, replace=args.replace)
    n = done.accepted + done.edited
    _say(
        f"{'replaced' if done.replaced else 'wrote'} {done.path}: {n} ties ({done.accepted} "
        f"accepted, {done.edited} edited; {done.rejected} rejected, {done.unreviewed} not reviewed)"
    )
    if done.problems:
        _err(printable(f"actor-graph: {args.folder}/ does not validate yet:"))
        _err("\n".join(printable(line) for line in done.problems))
        return EXIT_DATA
    _say(f"validated {args.folder}/; next: actor-graph analyze --data {args.folder}/ --out OUT/")
    return EXIT_OK


#: The function that runs each subcommand.
COMMANDS = {
    "validate": cmd_validate,
    "analyze": cmd_analyze,
    "world": cmd_world,
    "claim": cmd_claim,
    "plot": cmd_plot,
    "export": cmd_export,
    "draft": cmd_draft,
    "accept": cmd_accept,
}


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


_OUT_OF_MEMORY = (
    "actor-graph: error: out of memory; nothing was written (try fewer --samples, a smaller "
    "view, or a machine with more memory)"
)


def _out_of_memory(exc: BaseException) -> bool:
    """An error that memory running out caused (a library that could not even be loaded)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, MemoryError) or getattr(exc, "errno", None) == errno.ENOMEM:
            return True
        if isinstance(exc, OSError) and "failed to map segment" in str(exc):
            return True  # dlopen under an address-space limit (llvmlite, for numba)
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _internal_error(exc: Exception) -> int:
    """Say what went wrong: memory that ran out (exit 2), or a bug (exit 1)."""
    if _out_of_memory(exc):
        _err(_OUT_OF_MEMORY)
        return EXIT_DATA
    msg = textwrap.shorten(f"{type(exc).__name__}: {exc}", 300)
    _err(
        printable(f"actor-graph: internal error: {msg}")
        + "\nThis is a bug: please report it with the command you ran and the traceback "
        "that --debug prints."
    )
    return EXIT_INTERNAL


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
    folder_notes = outdir.NOTES.set([])
    code = EXIT_OK
    try:
        with workers.tied_workers():
            code = COMMANDS[args.command](args)
            if signals.first is not None:
                # the signal's exception landed in code that swallowed it (a library's
                # cleanup, an import's lock callback) and the run went on to its end:
                # it still ends with the signal's status, and says what was written
                raise _Stopped
        _flush()
        if sys.stdout is None and code == EXIT_OK:
            code = EXIT_PIPE  # the output had no reader, as with a closed pipe
    except (KeyboardInterrupt, _Stopped):
        code = _SIGNAL_EXIT.get(signals.first or signal.SIGINT, EXIT_INT)
        _err(printable(_stopped_message(code, args, commits_before)))
    except DataError as exc:
        lines = [_problem_line(p) for p in exc.problems]
        lines += exc.more_lines
        _err("\n".join(lines))
        code = EXIT_DATA
    except BrokenPipeError:
        _close_stdout()
        code = EXIT_PIPE
    except _OutputFailed as exc:
        _close_stdout()
        _err(printable(f"actor-graph: error: standard output cannot be written ({exc})"))
        code = EXIT_DATA
    except MemoryError:
        _err(_OUT_OF_MEMORY)
        code = EXIT_DATA
    except Exception as exc:
        if args.debug:
            raise
        code = _internal_error(exc)
    finally:
        for note in outdir.NOTES.get():
            _warn(f"note: {note}")
        outdir.NOTES.reset(folder_notes)
        outdir.COMMAND.reset(command)
        if program and signals.first is not None:
            for s in previous:  # the process is ending: no signal may interrupt that now
                signal.signal(s, signal.SIG_IGN)
        else:
            for s, handler in previous.items():
                signal.signal(s, handler)
    return code
