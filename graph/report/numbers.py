"""Numbers for people: the one number formatter (JSON values come from :mod:`graph.jsondata`).

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

from graph.jsondata import jsonable, records

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
