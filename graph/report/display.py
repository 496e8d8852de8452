"""Rich display of the results in a notebook: registered here, so that results import no words.

:class:`~graph.claims.ClaimResult`, :class:`~graph.nulls.NullTest` and
:class:`~graph.brokerage.BrokerageResult` hold numbers and have plain reprs.
:func:`register_display` tells IPython to show them as :mod:`graph.report`
writes them: the printed form of :mod:`graph.report.text` and the HTML tables
of :mod:`graph.report.html`. Importing :mod:`graph.report` in a running
IPython (Jupyter) registers them; elsewhere it does nothing.

Examples
--------
>>> register_display(None)
False
"""

from __future__ import annotations

import sys

from graph.brokerage import BrokerageResult
from graph.claims import ClaimResult
from graph.nulls import NullTest
from graph.report.html import brokerage_html, claim_result_html, null_test_html
from graph.report.text import brokerage_repr, claim_result_repr, null_test_repr

__all__ = ["DISPLAYS", "register_display"]

#: Result class -> (printed form, HTML form).
DISPLAYS = {
    ClaimResult: (claim_result_repr, claim_result_html),
    NullTest: (null_test_repr, null_test_html),
    BrokerageResult: (brokerage_repr, brokerage_html),
}


def _current_shell():
    # A running shell has imported IPython already: importing it here (0.1 s) would only
    # slow down the command line and scripts, where no shell can display anything.
    ipython = sys.modules.get("IPython")
    return None if ipython is None else ipython.get_ipython()


def register_display(shell=...) -> bool:
    """Register the results' printed and HTML forms with an IPython shell.

    Parameters
    ----------
    shell : IPython shell or None, optional
        Default: the running one (none outside IPython).

    Returns
    -------
    bool
        Whether a shell took them.
    """
    shell = _current_shell() if shell is ... else shell
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    for cls, (text, page) in DISPLAYS.items():
        formatters["text/plain"].for_type(cls, lambda obj, p, cycle, text=text: p.text(text(obj)))
        formatters["text/html"].for_type(cls, page)
    return True
