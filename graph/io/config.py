"""The analysis settings of a dataset: ``analysis.toml``.

Examples
--------
>>> load_config()["focus"]
'azerbaijan'
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from graph.errors import DataError, Problem
from graph.io.csvfile import read_text
from graph.io.dataset import default_paths

__all__ = ["load_config"]


def load_config(path: str | Path | None = None) -> dict:
    """Read the dataset's analysis settings (``[claim]`` focus, view, statement).

    Parameters
    ----------
    path : str or Path, optional
        A TOML file; defaults to the shipped ``analysis.toml``. A missing default
        file gives an empty configuration.

    Returns
    -------
    dict
        The ``[claim]`` table (possibly empty).

    Examples
    --------
    >>> load_config()["focus"]
    'azerbaijan'
    """
    p = Path(path) if path is not None else default_paths()["config"]
    if path is None and not p.exists():
        return {}
    name, text = read_text(p)
    try:
        conf = tomllib.loads(text)
    except RecursionError:
        raise DataError(
            [Problem(name, message="is nested too deeply to read as TOML", fix="fix the syntax")]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        raise DataError(
            [
                Problem(
                    name, line, column, message=f"is not valid TOML ({exc})", fix="fix the syntax"
                )
            ]
        ) from None
    claim = conf.get("claim", {})
    if not isinstance(claim, dict):
        raise DataError(
            [
                Problem(
                    name,
                    column_name="claim",
                    value=str(claim),
                    message="is not a table",
                    fix="put the settings under a line [claim]",
                )
            ]
        )
    return dict(claim)
