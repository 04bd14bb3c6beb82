"""Batches: the same chunks give the same bytes serially, in any chunking and on a cluster.

One real ``dask.distributed`` cluster of two worker processes is started for the
module; ``sim`` reaches it by its address, as ``--scheduler`` does.
"""

from __future__ import annotations

import socket
import subprocess
import sys

import numpy as np
import pytest
from typer.testing import CliRunner

import sim
from sim import batch
from sim.cli import app
from sim.errors import InputError

runner = CliRunner()
RISK = ["risk", "syria-2024-12-06", "-f", "government", "--p", "homs=0.7", "--p",
        "qusayr=0.3", "--trials", "30000", "--seed", "5", "--json"]
PAIRS = ["critical", "syria-2024-12-06", "-f", "government", "--pairs", "--top", "15",
         "--json"]


@pytest.fixture(scope="module")
def cluster():
    """A local cluster of two worker processes (one thread each), for the whole module."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as c:
        yield c.scheduler_address


def offset_squares(offset, chunk):
    return [(offset + x) ** 2 for x in chunk]


def seeded_draws(seed, blocks):
    return [batch.block_rng(seed, b).integers(0, 1000, 3).tolist() for b in blocks]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- serial

def test_chunks_come_back_in_order_with_progress_by_weight():
    calls = []
    out = batch.run_chunks(offset_squares, batch.split(range(7), 3), 1, weights=[5, 1, 1],
                           progress=lambda done, total: calls.append((done, total)))
    assert out == [[1, 4, 9], [16, 25], [36, 49]]
    assert calls == [(5, 7), (6, 7), (7, 7)]


def test_a_block_draws_the_same_numbers_whatever_runs_before_it():
    assert seeded_draws(3, [4]) == seeded_draws(3, range(5))[4:]
    assert seeded_draws(3, [4]) != seeded_draws(4, [4])


def test_a_cluster_is_asked_for_one_way_and_with_a_worker_at_least():
    with pytest.raises(InputError) as both:
        batch.check_cluster(2, "tcp://127.0.0.1:1")
    with pytest.raises(InputError) as none:
        batch.check_cluster(0, None)
    assert both.value.key == none.value.key == "workers"


def test_without_the_extra_a_cluster_is_refused_in_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(InputError) as refused:
        batch.run_chunks(offset_squares, [[1]], 0, workers=2)
    assert refused.value.message == batch.NEEDS_DASK and refused.value.key == "workers"
    r = runner.invoke(app, RISK + ["--workers", "2"])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == "error: [--workers]: a cluster needs the dask extra: pip install " \
                       "'sim[dask]'\n"


def test_an_unreachable_scheduler_is_one_line_and_no_traceback():
    address = f"tcp://127.0.0.1:{free_port()}"
    for args in (RISK, PAIRS):
        r = runner.invoke(app, args + ["--scheduler", address])
        assert r.exit_code == 2 and r.stdout == "" and "Traceback" not in r.output
        assert r.stderr == f"error: [--scheduler]: cannot reach the scheduler at {address}: " \
                           f"connection refused\n"
    bad = runner.invoke(app, RISK + ["--scheduler", "tcp://nowhere"])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1


def test_serial_runs_never_import_dask():
    code = ("import sys, sim; s = sim.load(); "
            "sim.critical(s, faction='government', pairs=True, chunks=3); "
            "sim.risk(s, faction='government', trials=500, chunks=2); "
            "print(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_risk_is_the_same_in_any_number_of_chunks():
    scen = sim.load("syria-2024-12-06")
    args = dict(faction="government", chances={"homs": 0.7, "qusayr": 0.3}, trials=30000,
                seed=5)
    serial = sim.risk(scen, **args)
    for chunks in (1, 2, 3, 7):
        other = sim.risk(scen, **args, chunks=chunks)
        assert other.value == serial.value and other.json() == serial.json()
    # The trials are fixed blocks: a smaller search (memory) changes nothing either.
    from sim.analysis.risk import risk_arrays

    graph_args = _risk_arrays_args(scen)
    assert all(np.array_equal(a, b) for a, b in zip(
        risk_arrays(*graph_args, 30000, 5).values(),
        risk_arrays(*graph_args, 30000, 5, chunk=64 * 3).values()))


def _risk_arrays_args(scen):
    from sim.analysis.arrays import held_mask, passable_arrays

    gov = scen.factions["government"]
    graph = passable_arrays(scen.theatre, scen.control, gov.side)
    idx = graph.arrays.index
    at_risk = np.asarray([idx["homs"], idx["qusayr"]])
    strong = np.asarray([idx[s] for s in gov.strongholds])
    return (graph, at_risk, np.asarray([0.7, 0.3]), idx[gov.capital], strong,
            [(idx["damascus"], np.asarray([idx["latakia"], idx["tartus"]]))],
            held_mask(scen.control, gov.id, graph.arrays))


# ---------------------------------------------------------------- on a cluster

def test_chunks_on_a_cluster_come_back_in_order(cluster):
    calls = []
    out = batch.run_chunks(seeded_draws, batch.split(range(9), 4), 11, scheduler=cluster,
                           progress=lambda done, total: calls.append((done, total)))
    assert out == [seeded_draws(11, part) for part in batch.split(range(9), 4)]
    assert sorted(calls) == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_the_json_is_byte_identical_on_a_cluster(cluster):
    for args in (RISK, PAIRS):
        here = runner.invoke(app, args)
        there = runner.invoke(app, args + ["--scheduler", cluster])
        assert here.exit_code == there.exit_code == 0, there.output
        assert there.stdout == here.stdout and there.stderr == ""


def test_library_results_are_the_same_on_a_cluster(cluster):
    scen = sim.load("syria-2024-12-06")
    pairs = sim.critical(scen, faction="opposition", pairs=True, top=30)
    assert sim.critical(scen, faction="opposition", pairs=True, top=30, scheduler=cluster,
                        chunks=7).value == pairs.value
    risk = sim.risk(scen, faction="government", trials=9000, seed=2)
    assert sim.risk(scen, faction="government", trials=9000, seed=2, scheduler=cluster,
                    chunks=3).value == risk.value


def test_a_local_cluster_of_one_worker_gives_the_same_numbers():
    pytest.importorskip("distributed")
    scen = sim.load("syria-2024-12-06")
    risk = sim.risk(scen, faction="government", trials=5000, seed=9)
    assert sim.risk(scen, faction="government", trials=5000, seed=9, workers=1).value == \
        risk.value


def test_a_scheduler_without_workers_is_refused(monkeypatch):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as c:
        with pytest.raises(InputError) as empty:
            batch.run_chunks(offset_squares, [[1]], 0, scheduler=c.scheduler_address,
                             timeout=0.5)
    assert empty.value.key == "scheduler" and "has no worker" in empty.value.message
