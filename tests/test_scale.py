"""Scanning under concurrency: the same inventory whatever the concurrency, and
a pool that is really bounded.  Also keeps the benchmark harness honest (the
floor replays exactly the scan's calls; synthetic inventories generate cleanly).

The timings themselves are ``make bench``'s business, not the suite's."""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from helpers import MOTO_CANNOT_LIST, ROOT

from adopt.catalog import registry
from adopt.emit.generate import Generator
from adopt.scan.engine import Scanner
from adopt.schema import load

sys.path.insert(0, str(ROOT))  # the benchmark harness lives in bench/, next to tests/

from bench.floor import replay  # noqa: E402
from bench.record import Recorder, RecordingSession  # noqa: E402
from bench.seed import CREDENTIALS, REGIONS, seed_estate  # noqa: E402
from bench.synthetic import synthetic_inventory  # noqa: E402


@pytest.fixture(scope="module")
def estate(moto_server):
    """Two benchmark stacks, one per region: about 110 resources of 30 types, with references."""
    moto_server.reset()
    seed_estate(moto_server.endpoint, stacks=2, workers=2)
    return moto_server


def scan(endpoint: str, concurrency: int, recorder: Recorder):
    session = RecordingSession(endpoint_url=endpoint, credentials=CREDENTIALS, recorder=recorder)
    specs = [s for s in registry.all_specs() if s.tf_type not in MOTO_CANNOT_LIST]
    return Scanner(session, list(REGIONS), specs, concurrency=concurrency).run()


def test_same_inventory_at_concurrency_1_and_8(estate):
    serial_calls = Recorder()
    serial = scan(estate.endpoint, 1, serial_calls)
    # Calls held a random few ms each, so that units finish in another order than they started.
    shuffled_calls = Recorder(jitter=0.004, seed=3)
    concurrent = scan(estate.endpoint, 8, shuffled_calls)

    assert serial.dumps() == concurrent.dumps()  # byte for byte what `adopt scan` writes
    assert not serial.errors
    types = Counter(r.type for r in serial.resources)
    assert sum(types.values()) >= 100 and len(types) >= 25, types
    assert {r.region for r in serial.resources} == {*REGIONS, "global"}
    assert serial_calls.max_in_flight == 1
    assert 1 < shuffled_calls.max_in_flight <= 8
    # The same calls, whatever the order they were made in.
    made = [Counter((c.service, c.region, c.operation) for c in r.calls) for r in (serial_calls, shuffled_calls)]
    assert made[0] == made[1]


@pytest.mark.parametrize("concurrency", [2, 5])
def test_pool_is_bounded(estate, concurrency):
    # Every call is held 5 ms, so that calls overlap as much as the pool lets them.
    recorder = Recorder(delay=0.005)
    scan(estate.endpoint, concurrency, recorder)
    assert recorder.max_in_flight <= concurrency, "more calls in flight than --concurrency allows"
    assert recorder.max_in_flight >= 2, "the scan made its calls one at a time"
    assert all(c.thread.startswith("adopt-scan") for c in recorder.calls if c.unit)


def test_floor_replays_exactly_the_scan_calls(estate):
    recorded = Recorder()
    scan(estate.endpoint, 4, recorded)
    replayed = Recorder(attribute=False)
    session = RecordingSession(endpoint_url=estate.endpoint, credentials=CREDENTIALS, recorder=replayed)
    replay(session, recorded.calls, concurrency=4)

    def key(c):
        return c.service, c.region, c.operation, repr(sorted(c.params.items()))

    assert Counter(map(key, replayed.calls)) == Counter(map(key, recorded.calls))
    assert replayed.max_in_flight <= 4


def test_synthetic_inventories_generate_cleanly():
    inventory = synthetic_inventory(900)
    assert len(inventory.resources) == 900
    assert len({r.key for r in inventory.resources}) == 900
    assert synthetic_inventory(900).dumps() == inventory.dumps()
    module = Generator(inventory, load(None), source="synthetic.json").build()
    assert not module.warnings
    assert len(module.entries) == 900
    # Every reference resolves: each points back at a resource written before it.
    assert "kept as a literal" not in "".join(module.files.values())
