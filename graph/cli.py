"""Command line: ``actor-graph`` (also ``python -m graph``).

A thin layer over the library. It is the only place that catches
:class:`graph.io.DataError`: bad input becomes one line per problem on stderr
and exit status 2, never a traceback.

Exit status: 0 success; 2 bad input or usage; 1 an internal error (a bug:
please report it; ``--debug`` shows the traceback); 130 interrupted.

Examples
--------
>>> main(["validate", "--quiet"])
0
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

import pandas as pd

from graph import __version__, build, io
from graph._files import atomic_path

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_INTERNAL, EXIT_DATA = 0, 1, 2
_ISSUES = "https://github.com/actor-graph/actor-graph/issues"


class UsageError(Exception):
    """A command-line option that cannot work (exit status 2)."""


# ------------------------------------------------------------------- options


def _data_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("data (default: the shipped, coded article)")
    g.add_argument("--nodes", type=Path, help="nodes CSV (default: shipped data/nodes.csv)")
    g.add_argument("--edges", type=Path, help="edges CSV (default: shipped data/edges.csv)")
    g.add_argument("--article", type=Path, help="the coded text (default: data/article.txt)")
    g.add_argument(
        "--no-text",
        action="store_true",
        help="data without a source text (event data): skip the quote checks",
    )


def _out_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")


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
    ['analyze', 'validate']
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
        "validate, build every view and write the measures to the output folder",
        "actor-graph analyze --out results/",
    )
    _data_options(p)
    _out_option(p)
    p.set_defaults(func=cmd_analyze)
    return parser


# ------------------------------------------------------------------ commands


def _load(args) -> io.Dataset:
    return io.load_dataset(args.nodes, args.edges, args.article, check_text=not args.no_text)


def _check_out(out: Path, ds: io.Dataset) -> Path:
    """Refuse an output folder that is the data folder or would overwrite an input."""
    out_r = out.resolve()
    data_dirs = {Path(p).resolve().parent for p in ds.paths.values()} | {io.data_dir().resolve()}
    if out_r in data_dirs:
        raise UsageError(f"--out {out} is the data folder; choose another folder, e.g. out/")
    inputs = {Path(p).resolve() for p in ds.paths.values()}
    if out_r in inputs or out_r.is_file():
        raise UsageError(f"--out {out} is a file; give a folder")
    return out


def _write_csv(df: pd.DataFrame, path: Path) -> Path:
    with atomic_path(path) as tmp:
        df.to_csv(tmp, index=True, lineterminator="\n")
    return path


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
    """Validate, build the views and write the measures."""
    ds = _load(args)
    out = _check_out(args.out, ds)
    views = build.build_views(ds)
    import networkx as nx

    rows = []
    for name, G in views.items():
        S = build.simple(G)
        bc = nx.betweenness_centrality(S)
        for n, d in S.nodes(data=True):
            rows.append(
                {
                    "view": name,
                    "actor": n,
                    "label": d.get("label"),
                    "type": d.get("type"),
                    "bloc": d.get("bloc"),
                    "degree": S.degree(n),
                    "betweenness": bc[n],
                }
            )
    table = pd.DataFrame(rows).set_index(["view", "actor"])
    path = _write_csv(table, out / "centrality.csv")
    print(f"wrote {path}")
    return EXIT_OK


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
        0 success, 2 bad input or usage, 1 internal error, 130 interrupted.

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
    try:
        return args.func(args)
    except io.DataError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DATA
    except UsageError as exc:
        print(f"actor-graph: error: {exc}", file=sys.stderr)
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
