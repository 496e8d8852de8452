"""``python -m graph``: the same as the ``actor-graph`` command."""

import sys

from graph.cli import main

if __name__ == "__main__":
    sys.exit(main())
