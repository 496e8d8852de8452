"""Numbers for people and for JSON: the one number formatter and the one JSON sanitizer.

Examples
--------
>>> fmt(0.123456), fmt(12345.6), fmt(float("nan")), fmt(True)
('0.123', '12,346', '-', 'yes')
>>> jsonable({"p": float("nan"), "n": np.int64(3), "t": (1, 2)})
{'p': None, 'n': 3, 't': [1, 2]}
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["fmt", "pct", "jsonable", "records"]


def fmt(value: Any) -> str:
    """Format a value for a table cell or a sentence: 3 significant digits, "-" when missing.

    Floats of 1,000 or more are written in full with thousands separators;
    booleans as yes/no; anything else as ``str``.

    Examples
    --------
    >>> fmt(None), fmt(2), fmt(0.00012345)
    ('-', '2', '0.000123')
    """
    if value is None:
        return "-"
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, float | np.floating):
        value = float(value)
        if math.isnan(value):
            return "-"
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def pct(share: float) -> str:
    """Format a share in [0, 1] as a whole percentage ("-" when missing).

    Examples
    --------
    >>> pct(0.8421), pct(float("nan"))
    ('84%', '-')
    """
    return "-" if share is None or share != share else f"{100 * share:.0f}%"


def jsonable(value: Any) -> Any:
    """Turn a value into what JSON holds.

    NaN and infinities become None, numpy scalars Python ones, tuples and sets
    lists, mapping keys strings; other objects their ``str``.

    Examples
    --------
    >>> jsonable([np.float64("inf"), {1: np.bool_(True)}, {"b", "a"}])
    [None, {'1': True}, ['a', 'b']]
    """
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return [jsonable(v) for v in sorted(value, key=str)]
    if isinstance(value, list | tuple | np.ndarray):
        return [jsonable(v) for v in value]
    return str(value)


def records(df: pd.DataFrame | None) -> list[dict]:
    """The rows of a table (index included) as dicts of Python values; [] when empty.

    Examples
    --------
    >>> records(pd.DataFrame({"x": [1.5]}, index=pd.Index(["a"], name="actor")))
    [{'actor': 'a', 'x': 1.5}]
    """
    if df is None or df.empty:
        return []
    return [
        {k: v.item() if isinstance(v, np.generic) else v for k, v in row.items()}
        for row in df.reset_index().to_dict("records")
    ]
