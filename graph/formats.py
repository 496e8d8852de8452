"""Numbers for people: the one number formatter and share formatter, for words and figures.

The report's sentences and tables and the figures' labels format numbers here
(JSON values come from :mod:`graph.jsondata`).

Examples
--------
>>> fmt(0.123456), fmt(12345.6), fmt(float("nan")), fmt(True)
('0.123', '12,346', '-', 'yes')
>>> pct(0.25), pct(0.001, small=True)
('25%', '<1%')
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["fmt", "pct"]


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


def pct(share: float | None, *, small: bool = False, missing: str = "-") -> str:
    """Format a share in [0, 1] as a whole percentage (``missing`` when it is None or NaN).

    With ``small``, a share above 0 that would round to 0% is "<1%" (a figure's
    label must not say 0% of a share that is there).

    Examples
    --------
    >>> pct(0.8421), pct(float("nan")), pct(0.001), pct(0.001, small=True)
    ('84%', '-', '0%', '<1%')
    """
    if share is None or share != share:
        return missing
    if small and 0 < share < 0.005:
        return "<1%"
    return f"{100 * share:.0f}%"
