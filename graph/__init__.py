"""actor-graph: who connects whom, according to a text.

Turn the ties a text states between states, leaders and organizations into a
network, measure centrality and brokerage, and test a claim about one actor's
position ("X is a bridge between blocs") with null models and robustness checks.

Examples
--------
>>> import graph
>>> graph.__version__
'0.1.0'
"""

__version__ = "0.1.0"
