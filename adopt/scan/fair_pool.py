"""One bounded pool of workers shared fairly by many accounts.

Each account submits its tasks to a :class:`Lane` of its own.  A free worker
takes the next task from the lane with the fewest tasks running (ties go round
the lanes in turn), so an account with a thousand queued calls does not make
the others wait behind them, and a slow account holds no more workers than the
others it shares the pool with.

Each lane also has a limit on its tasks running at once, adapted to AWS's
answers: halved (down to one) when a call of the account is throttled, and
raised again by about one per limit's worth of calls that are not.  botocore's
retries sleep in the worker that made the call, so without the limit an
account AWS throttles would soon hold every worker in back-off; with it, it
holds one, and the other accounts go on at full speed.  botocore's adaptive
mode still paces each (account, service, region) client on its own.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any


class Lane:
    """One account's queue in a :class:`FairPool`; ``submit`` as an Executor's."""

    def __init__(self, pool: FairPool, name: str) -> None:
        self.name = name
        self._pool = pool
        self.queue: deque[tuple[Callable[..., Any], tuple]] = deque()
        self.running = 0
        self.limit = float(pool.workers)  # tasks at once; adapted by throttled() and answered()
        self.throttles = 0
        self.lowest_limit = pool.workers  # the least it was allowed, for the run's report

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        self._pool._enqueue(self, fn, args)

    def throttled(self) -> None:
        """AWS throttled one of this account's calls: allow half as many at once."""
        with self._pool._ready:
            self.throttles += 1
            self.limit = max(1.0, self.limit / 2)
            self.lowest_limit = min(self.lowest_limit, int(self.limit))

    def answered(self) -> None:
        """A call of this account was answered without throttling: allow a little more."""
        with self._pool._ready:
            if self.limit < self._pool.workers:
                self.limit = min(float(self._pool.workers), self.limit + 1 / self.limit)
                self._pool._ready.notify()

    def _can_start(self) -> bool:
        return bool(self.queue) and self.running < int(self.limit)


class FairPool:
    """``workers`` threads serving any number of lanes; a context manager that
    waits, on exit, for every task submitted."""

    def __init__(self, workers: int, thread_name_prefix: str = "adopt-pool") -> None:
        self.workers = max(1, workers)
        self._lanes: list[Lane] = []
        self._turn = 0  # where the round of the lanes starts next
        self._ready = threading.Condition()
        self._closing = False
        self._threads = [
            threading.Thread(target=self._work, name=f"{thread_name_prefix}_{n}", daemon=True)
            for n in range(self.workers)
        ]
        for thread in self._threads:
            thread.start()

    def lane(self, name: str) -> Lane:
        with self._ready:
            lane = Lane(self, name)
            self._lanes.append(lane)
            return lane

    def _enqueue(self, lane: Lane, fn: Callable[..., Any], args: tuple) -> None:
        with self._ready:
            if self._closing and not any(other.running for other in self._lanes):
                raise RuntimeError("the pool is shut down")  # only running tasks may still submit
            lane.queue.append((fn, args))
            self._ready.notify()

    def _next(self) -> tuple[Lane, Callable[..., Any], tuple] | None:
        """The task to run next (call holding the lock); ``None``: nothing may start."""
        count = len(self._lanes)
        order = [self._lanes[(self._turn + k) % count] for k in range(count)]
        ready = [lane for lane in order if lane._can_start()]
        if not ready:
            return None
        lane = min(ready, key=lambda candidate: candidate.running)  # min keeps the first of equals
        self._turn = (self._lanes.index(lane) + 1) % count
        fn, args = lane.queue.popleft()
        lane.running += 1
        return lane, fn, args

    def _work(self) -> None:
        while True:
            with self._ready:
                task = self._next()
                while task is None:
                    if self._closing and not any(lane.queue or lane.running for lane in self._lanes):
                        self._ready.notify_all()
                        return
                    self._ready.wait()
                    task = self._next()
            lane, fn, args = task
            try:
                fn(*args)
            except BaseException:  # noqa: BLE001 - the task reports its own failures; a worker never dies
                pass
            finally:
                with self._ready:
                    lane.running -= 1
                    # This worker takes the next task itself; wake one more in
                    # case the freed slot lets a lane held at its limit go on.
                    self._ready.notify()

    def shutdown(self) -> None:
        """Wait for every task submitted, including those submitted meanwhile."""
        with self._ready:
            self._closing = True
            self._ready.notify_all()
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> FairPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.shutdown()
