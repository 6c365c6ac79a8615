"""Building large inventories and modules without the cyclic garbage collector.

Loading or generating 100,000 resources allocates millions of small objects
that all live until the end; the collector would walk them again and again,
which makes the work grow faster than the estate.  Nothing here creates
reference cycles that need it, so it is paused for the duration.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
