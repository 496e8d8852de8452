"""The whole analysis of a dataset, as plain functions the command line and notebooks share.

Each ``run_*`` function does one job from a loaded dataset to files in an output
folder and returns a :class:`Run`: the result it computed and the paths it
wrote. :func:`claim_settings` resolves the claim's focus, view and statement
once; :func:`claim_for`, :func:`measures_for` and :func:`figures_for` are the
steps, usable on their own.

Every run writes into a staging folder and moves its files into the output
folder only when it completes: a failed or interrupted run leaves earlier
results intact and no partial files.

Examples
--------
>>> from graph import io
>>> ds = io.load_dataset()
>>> r = claim_for(ds, options=ClaimOptions(samples=99, progress=False))
>>> r.focus, r.view
('azerbaijan', 'actors')
"""

from graph.pipeline.analysis import run_analysis
from graph.pipeline.drafting import DraftRun, run_accept, run_draft
from graph.pipeline.figures import (
    FIGURE_KINDS,
    FIGURES,
    WORLD_FIGURES,
    figures_for,
    world_figures_for,
)
from graph.pipeline.runs import (
    Run,
    claim_for,
    measures_for,
    run_claim,
    run_export,
    run_plot,
    run_world,
    text_graph_for,
    world_for,
)
from graph.pipeline.settings import (
    DEFAULT_SAMPLES,
    ClaimOptions,
    ClaimSettings,
    WorldOptions,
    check_output_folder,
    claim_settings,
    dataset_config,
    has_claim,
)

__all__ = [
    "DraftRun",
    "run_draft",
    "run_accept",
    "DEFAULT_SAMPLES",
    "FIGURES",
    "FIGURE_KINDS",
    "ClaimSettings",
    "ClaimOptions",
    "WorldOptions",
    "Run",
    "dataset_config",
    "claim_settings",
    "has_claim",
    "check_output_folder",
    "claim_for",
    "world_for",
    "text_graph_for",
    "measures_for",
    "figures_for",
    "WORLD_FIGURES",
    "world_figures_for",
    "run_analysis",
    "run_claim",
    "run_plot",
    "run_export",
    "run_world",
]
