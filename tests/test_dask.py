"""A real distributed run: null ensembles and robustness variants on a dask.distributed cluster.

A local cluster of two worker processes stands in for a remote one: joblib's
"dask" backend sends the chunks of samples to the cluster's workers exactly as
it would to machines elsewhere (docs/scale.md, "Bigger data and parallel runs").
"""

import joblib
import networkx as nx
import numpy as np
import pytest

from graph import io, networks
from graph.claims import assess_bridge_claim
from graph.nulls import null_test

# end-to-end: subprocesses, whole runs (`make test-fast` leaves them out)
pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    import dask

    scratch = tmp_path_factory.mktemp("dask")  # the scheduler's and workers' scratch space
    with dask.config.set({"temporary-directory": str(scratch)}):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            local_directory=scratch,
        )
        with distributed.Client(cluster) as c:
            yield c
        cluster.close()


def test_two_worker_processes(client):
    info = client.scheduler_info()["workers"]
    assert len(info) == 2
    pids = set(client.run(lambda: __import__("os").getpid()).values())
    assert len(pids) == 2
    assert __import__("os").getpid() not in pids


def test_null_ensemble_on_the_cluster_equals_one_process(client):
    G = nx.florentine_families_graph()
    stat = ("betweenness", "Medici")
    kw = {"samples": 1000, "seed": 4, "progress": False}
    local = null_test(G, stat, n_jobs=1, **kw)
    with distributed.get_task_stream(client) as stream, joblib.parallel_config(backend="dask"):
        remote = null_test(G, stat, n_jobs=-1, **kw)
        sequential = null_test(G, stat, n_jobs=-1, sequential=True, stop_after=20, **kw)
    assert np.array_equal(local.samples, remote.samples)
    assert local.p_value == remote.p_value
    assert np.array_equal(
        null_test(G, stat, n_jobs=1, sequential=True, stop_after=20, **kw).samples,
        sequential.samples,
    )
    workers = {t["worker"] for t in stream.data}
    assert len(stream.data) >= 4  # the 4 chunks of 250 samples ran on the cluster
    assert workers <= set(client.scheduler_info()["workers"])


def test_claim_and_robustness_variants_on_the_cluster_equal_one_process(client):
    views = networks.build_views(io.load_dataset())
    G, others = views["actors"], {k: v for k, v in views.items() if k != "actors"}
    kw = {"samples": 300, "seed": 2, "alternatives": others, "progress": False}
    local = assess_bridge_claim(G, "azerbaijan", n_jobs=1, **kw)
    with distributed.get_task_stream(client) as stream, joblib.parallel_config(backend="dask"):
        remote = assess_bridge_claim(G, "azerbaijan", n_jobs=-1, **kw)
    assert len(stream.data) >= 2  # chunks of samples ran on the cluster
    assert remote.verdict == local.verdict
    assert [c.status for c in remote.criteria] == [c.status for c in local.criteria]
    for key, test in local.nulls.items():
        assert np.array_equal(test.samples, remote.nulls[key].samples)
    assert remote.variants.equals(local.variants)
    assert len(local.variants) >= 4
