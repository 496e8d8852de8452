"""Values made plain for JSON, tables and attributes: the one JSON sanitizer of the package.

- :func:`jsonable`: any value as what JSON holds (NaN and infinities as null);
- :func:`records`: a table's rows as dicts of Python values;
- :func:`plain`: one value as a Python scalar (numpy scalars unwrapped, NA as None);
- :func:`json_for_html`: JSON that can stand inside a ``<script>`` element,
  :func:`csp_hash`, the hash a page's content security policy allows it by, and
  :func:`html_page`, a page of one script and one style that allows nothing else.

Examples
--------
>>> jsonable({"p": float("nan"), "n": np.int64(3), "t": (1, 2)})
{'p': None, 'n': 3, 't': [1, 2]}
>>> plain(np.float64(0.5)), plain(pd.NA), plain(float("nan"), finite=True)
(0.5, None, None)
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["jsonable", "records", "plain", "json_for_html", "csp_hash", "html_page"]


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
    if isinstance(value, Mapping):  # a dict, or a view's record of a direct tie
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


def plain(value: Any, *, finite: bool = False) -> Any:
    """A Python value: numpy scalars unwrapped, pandas' NA and NaT as None, tuples as lists.

    With ``finite``, NaN and infinities are None too (an export's missing number).

    Examples
    --------
    >>> plain((1, 2)), plain(np.int64(2)), plain(float("nan"))
    ([1, 2], 2, nan)
    """
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, tuple):
        return list(value)
    if finite and isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def json_for_html(data: Any) -> str:
    r"""JSON that cannot end its ``<script>`` element nor open a comment.

    Examples
    --------
    >>> json_for_html({"a": "</script>"})
    '{"a":"\\u003c/script\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def csp_hash(text: str) -> str:
    """The ``'sha256-...'`` source a content security policy allows an inline script by.

    Examples
    --------
    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def html_page(title: str, body: str, data: str, *, data_id: str, script: str, style: str) -> str:
    """A self-contained page: ``body``, its data as JSON, one script and one style.

    Its content security policy allows that script and that style (by their
    hashes) and nothing else: no other script, style, request or form.
    ``title`` is escaped HTML; ``data`` is :func:`json_for_html`'s.

    Examples
    --------
    >>> page = html_page("t", "<p>x</p>", "{}", data_id="d", script="", style="")
    >>> page.startswith("<!DOCTYPE html>"), '<script type="application/json" id="d">' in page
    (True, True)
    """
    csp = (
        "default-src 'none'; base-uri 'none'; form-action 'none'; "
        f"script-src {csp_hash(script)}; style-src {csp_hash(style)}"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"{body}"
        f'<script type="application/json" id="{data_id}">{data}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
