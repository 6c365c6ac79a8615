"""The pool many accounts share (adopt/scan/fair_pool.py), driven with tasks
that wait on events, so which task runs when is decided by the pool alone."""

from __future__ import annotations

import threading
import time

import pytest

from adopt.scan.fair_pool import FairPool

WAIT = 10  # seconds an event may take before the test fails (never reached when the pool is right)


class Tasks:
    """Tasks that report they started and then wait until released, one by one."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.running: dict[str, int] = {}
        self.most: dict[str, int] = {}
        self.done: dict[str, int] = {}
        self.gates: list[threading.Event] = []

    def make(self) -> threading.Event:
        gate = threading.Event()
        self.gates.append(gate)
        return gate

    def run(self, lane: str, gate: threading.Event) -> None:
        with self.lock:
            self.running[lane] = self.running.get(lane, 0) + 1
            self.most[lane] = max(self.most.get(lane, 0), self.running[lane])
            self.lock.notify_all()
        assert gate.wait(WAIT)
        with self.lock:
            self.running[lane] -= 1
            self.done[lane] = self.done.get(lane, 0) + 1
            self.lock.notify_all()

    def wait_for(self, condition) -> None:
        with self.lock:
            assert self.lock.wait_for(condition, WAIT), (self.running, self.done)

    def submit(self, lane, name: str, count: int) -> list[threading.Event]:
        gates = [self.make() for _ in range(count)]
        for gate in gates:
            lane.submit(self.run, name, gate)
        return gates


def test_a_free_worker_goes_to_the_account_with_the_fewest_calls_running():
    tasks = Tasks()
    with FairPool(4) as pool:
        slow, other = pool.lane("slow"), pool.lane("other")
        slow_gates = tasks.submit(slow, "slow", 8)
        tasks.wait_for(lambda: tasks.running.get("slow") == 4)  # it came first: every worker is its
        other_gates = tasks.submit(other, "other", 8)
        slow_gates[0].set()
        tasks.wait_for(lambda: tasks.running.get("other") == 1)
        slow_gates[1].set()
        tasks.wait_for(lambda: tasks.running.get("other") == 2)
        slow_gates[2].set()
        # Two each now: the next free worker goes back to the slow account, which has fewer.
        tasks.wait_for(lambda: tasks.done.get("slow") == 3 and tasks.running.get("slow") == 2)
        assert tasks.running["other"] == 2
        for gate in slow_gates + other_gates:
            gate.set()
    assert tasks.done == {"slow": 8, "other": 8}


def test_a_throttled_account_holds_one_worker_and_the_others_go_on():
    tasks = Tasks()
    with FairPool(4) as pool:
        throttled, other = pool.lane("throttled"), pool.lane("other")
        for _ in range(3):
            throttled.throttled()
        assert throttled.limit == 1 and throttled.lowest_limit == 1 and throttled.throttles == 3
        held = tasks.submit(throttled, "throttled", 6)
        tasks.wait_for(lambda: tasks.running.get("throttled") == 1)
        others = tasks.submit(other, "other", 6)
        tasks.wait_for(lambda: tasks.running.get("other") == 3)
        for gate in others:
            gate.set()
        tasks.wait_for(lambda: tasks.done.get("other") == 6)  # all of them, while it still waits
        assert tasks.running["throttled"] == 1 and tasks.most["throttled"] == 1
        # Answers without throttling give it its workers back, a little at a time.
        for _ in range(4):
            throttled.answered()
        assert 2 <= throttled.limit < 4
        tasks.wait_for(lambda: tasks.running.get("throttled") == int(throttled.limit))
        for gate in held:
            gate.set()
    assert tasks.done == {"other": 6, "throttled": 6}


def test_the_limit_never_falls_below_one_nor_rises_above_the_pool():
    with FairPool(8) as pool:
        lane = pool.lane("a")
        for _ in range(20):
            lane.throttled()
        assert lane.limit == 1
        for _ in range(1000):
            lane.answered()
        assert lane.limit == 8 and lane.lowest_limit == 1


def test_tasks_submitted_by_tasks_run_before_the_pool_closes_and_a_failing_task_kills_no_worker():
    ran = []

    def child(n: int) -> None:
        time.sleep(0.01)
        ran.append(n)

    def parent(lane) -> None:
        for n in range(5):
            lane.submit(child, n)
        raise RuntimeError("a task's own failure")

    with FairPool(2) as pool:
        lane = pool.lane("a")
        lane.submit(parent, lane)
        lane.submit(parent, lane)
    assert sorted(ran) == sorted([*range(5), *range(5)])
    with pytest.raises(RuntimeError, match="shut down"):
        lane.submit(child, 9)
