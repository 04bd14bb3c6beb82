"""Batches: one pure function mapped over chunks of work, here or on a Dask cluster.

A long analysis (every pair of falls, millions of Monte Carlo trials) splits
into *chunks*: small, picklable descriptors of a part of the work, such as a
range of first places or a range of blocks of trials. :func:`run_chunks` maps
one pure function over them and returns the results in chunk order, whoever
computed them:

- serially, in this process (the default);
- with ``workers=N``, on a local ``dask.distributed`` cluster of N worker
  processes, one thread each, started for the run and closed after it;
- with ``scheduler="tcp://host:port"``, on a cluster that is already running.

Dask is imported only when a cluster is asked for. Without the ``dask``
extra installed, or with a scheduler that cannot be reached, the run is
refused with one :class:`~sim.errors.InputError`.

Random work does not follow the chunks. It is split into fixed *blocks*
fixed by the total work alone (never by the number of workers or chunks),
and each block draws from its own generator, :func:`block_rng`, seeded by
the run's seed and the block's number. A chunk is a run of whole blocks, so
the same seed gives the same draws, and the same results byte for byte,
serially, on any number of workers and with any chunking.

>>> def square_sum(offset, chunk):
...     return sum((offset + x) ** 2 for x in chunk)
>>> run_chunks(square_sum, split(range(6), 3), 1)
[5, 25, 61]
>>> [int(block_rng(7, 2).integers(100)) for _ in range(2)] == [int(block_rng(7, 2).integers(100))] * 2
True
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .errors import InputError

#: How long a run waits to reach a scheduler, and for a worker to join it, in seconds.
CONNECT_TIMEOUT = 10.0
#: The words of a refusal for want of the extra.
NEEDS_DASK = "a cluster needs the dask extra: pip install 'sim[dask]'"


def block_rng(seed: int, block: int) -> np.random.Generator:
    """The generator of one block of random work: seeded by ``seed`` and the block's number
    alone, so every block draws the same numbers wherever and whenever it runs."""
    return np.random.default_rng(np.random.SeedSequence([int(seed), int(block)]))


def fresh_seed() -> int:
    """A seed of fresh entropy (128 bits), for a run asked for with no seed."""
    return int(np.random.SeedSequence().entropy)


def split(items: Sequence, parts: int) -> list:
    """``items`` cut into at most ``parts`` contiguous runs of near-equal length, in order.

    >>> split(list("abcdefg"), 3)
    [['a', 'b', 'c'], ['d', 'e'], ['f', 'g']]
    >>> split(range(2), 5)
    [range(0, 1), range(1, 2)]
    """
    n = len(items)
    parts = max(1, min(int(parts), n))
    size, extra = divmod(n, parts)
    out, start = [], 0
    for k in range(parts):
        stop = start + size + (k < extra)
        out.append(items[start:stop])
        start = stop
    return [part for part in out if len(part)]


def check_cluster(workers: int | None, scheduler: str | None) -> None:
    """Refuse a cluster asked for in two ways, or with fewer than one worker."""
    if workers is not None and scheduler is not None:
        raise InputError("give a number of workers or a scheduler's address, not both",
                         key="workers")
    if workers is not None and workers < 1:
        raise InputError(f"workers must be at least 1, got {workers}", key="workers")
    if scheduler is not None and not str(scheduler).strip():
        raise InputError("is empty: give the scheduler's address, e.g. tcp://host:8786",
                         key="scheduler")


#: The chunks of a run on a cluster named by its scheduler, whose workers are not counted
#: in advance: four each for eight workers.
SCHEDULER_CHUNKS = 32


def default_chunks(workers: int | None, scheduler: str | None, serial: int) -> int:
    """How many chunks a run is cut into: ``serial`` when it runs here, four for each
    worker of a local cluster (so that a slow worker never holds the others up for
    long), and :data:`SCHEDULER_CHUNKS` on a cluster named by its scheduler."""
    if workers is not None:
        return 4 * workers
    return serial if scheduler is None else SCHEDULER_CHUNKS


def run_chunks(func: Callable[[Any, Any], Any], chunks: Sequence, context: Any = None, *,
               workers: int | None = None, scheduler: str | None = None,
               weights: Sequence[int] | None = None,
               progress: Callable[[int, int], None] | None = None,
               timeout: float = CONNECT_TIMEOUT) -> list:
    """``[func(context, chunk) for chunk in chunks]``, serially or on a cluster.

    ``func`` must be a pure function importable by name (a module-level
    function) and ``context`` and the chunks picklable: on a cluster the
    context is sent once to every worker. ``progress``, if given, is called
    with ``(chunks done, chunks)`` as chunks finish, or with the sums of
    their ``weights`` when given (trials, say). ``timeout``: seconds to wait
    for the scheduler and for a worker to join.
    """
    check_cluster(workers, scheduler)
    chunks = list(chunks)
    sizes = [1] * len(chunks) if weights is None else [int(w) for w in weights]
    total = sum(sizes)
    if workers is None and scheduler is None:
        out, done = [], 0
        for chunk, size in zip(chunks, sizes):
            out.append(func(context, chunk))
            done += size
            if progress is not None:
                progress(done, total)
        return out
    distributed = _distributed("workers" if workers is not None else "scheduler")
    if not chunks:  # nothing to share out: no cluster to start
        return []
    if workers is not None:
        with _local_cluster(distributed, workers) as cluster, \
                distributed.Client(cluster, set_as_default=False) as client:
            return _on_cluster(client, distributed, func, chunks, context, sizes, progress)
    client = _connect(distributed, str(scheduler).strip(), timeout)
    with client:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (TimeoutError, OSError):
            raise InputError(f"the scheduler at {scheduler} has no worker (start one with "
                             f"dask worker {scheduler})", key="scheduler") from None
        return _on_cluster(client, distributed, func, chunks, context, sizes, progress)


def _distributed(key: str):
    """The ``distributed`` module, or the refusal that says which extra to install."""
    try:
        import distributed
    except ImportError:
        raise InputError(NEEDS_DASK, key=key) from None
    return distributed


def _local_cluster(distributed, workers: int):
    """A local cluster of ``workers`` processes, one thread each, no dashboard port of its
    own. Its workers start without the small ``MALLOC_TRIM_THRESHOLD_`` Dask gives them
    by default: returning memory to the system that often made each sweep about 20%
    slower, and these workers live only as long as one run."""
    import dask

    key = "distributed.nanny.pre-spawn-environ"
    environ = {k: v for k, v in dask.config.get(key, {}).items()
               if k != "MALLOC_TRIM_THRESHOLD_"}
    with dask.config.set({key: environ}):
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                        processes=True, dashboard_address=":0")


def _connect(distributed, address: str, timeout: float):
    """A client of the scheduler at ``address``, or one line saying why there is none.

    A TCP address is tried with a plain socket first, so that a scheduler that is not
    there is refused at once rather than after the client's retries.
    """
    host_port = address.split("://", 1)[1] if "://" in address else address
    if address.startswith("tcp://") or "://" not in address:
        host, _, port = host_port.rpartition(":")
        if not host or not port.isdigit():
            raise InputError(f"the scheduler's address must be tcp://HOST:PORT, got "
                             f"{address!r}", key="scheduler")
        try:
            socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
        except OSError as exc:
            why = (f"no answer in {timeout:g} s" if isinstance(exc, TimeoutError)
                   else (exc.strerror or type(exc).__name__).lower())
            raise InputError(f"cannot reach the scheduler at {address}: {why}",
                             key="scheduler") from None
    try:
        return distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"cannot reach the scheduler at {address}: {why}",
                         key="scheduler") from None


def _on_cluster(client, distributed, func, chunks: list, context, sizes: list[int],
                progress) -> list:
    """Run the chunks on ``client``'s cluster; results in chunk order."""
    shared = client.scatter(context, broadcast=True, hash=False)
    futures = client.map(func, [shared] * len(chunks), chunks, pure=False)
    where = {f.key: k for k, f in enumerate(futures)}
    out: list = [None] * len(chunks)
    done, total = 0, sum(sizes)
    try:
        for future in distributed.as_completed(futures, loop=client.loop):
            k = where[future.key]
            out[k] = future.result()
            done += sizes[k]
            if progress is not None:
                progress(done, total)
    except BaseException:
        client.cancel(futures)
        raise
    return out
