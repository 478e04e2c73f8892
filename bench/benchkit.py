"""What the benchmarks share: pass/fail reporting, percentiles, and a test database that
behaves like production (a SQLite file in WAL mode, templates rendered without the test
environment's instrumentation)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> None:
        print(f"  [{'ok' if ok else 'FAIL'}] {what}", flush=True)
        if not ok:
            self.failures.append(what)


def heading(text: str) -> None:
    print(f"\n== {text}", flush=True)


def load_note() -> str:
    # Anything else running on the machine shows up in the p95s: say how busy it was.
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} CPUs"


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


@contextmanager
def quiet_gc() -> Iterator[None]:
    """The benchmark holds 100,000 generated records (a server never does); every full
    collection would scan them and show up as 100+ ms spikes in the timings. Freezing moves
    what exists now out of the collector's sight; what the requests allocate is still
    collected as usual."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


_PLAIN_RENDER: list[Any] = []


@contextmanager
def plain_templates() -> Iterator[None]:
    """The test environment wraps every template render to record its context for
    response.context (a signal and a context copy per render): time pages with Django's own
    render, as a server runs them. Only inside bench_database()."""
    from django.template.base import Template

    instrumented = Template._render
    Template._render = _PLAIN_RENDER[0]  # type: ignore[method-assign]
    try:
        yield
    finally:
        Template._render = instrumented  # type: ignore[method-assign]


@contextmanager
def bench_database() -> Iterator[None]:
    """A throw-away test database: on SQLite a file, as in production (WAL, synchronous=FULL),
    not Django's in-memory one."""
    from django.conf import settings
    from django.db import connection
    from django.template.base import Template
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment, teardown_test_environment

    if connection.vendor == "sqlite":
        scratch = Path(settings.DATA_DIR)
        scratch.mkdir(parents=True, exist_ok=True)
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(scratch / "bench.sqlite3")
    _PLAIN_RENDER[:] = [Template._render]
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        print(f"  database: {connection.vendor} {connection.settings_dict['NAME']}", flush=True)
        yield
    finally:
        runner.teardown_databases(old_config)
        teardown_test_environment()


def measure_get(client: Any, url: str, repeats: int, *, width: int = 34) -> tuple[int, float]:
    """(queries, p95 seconds) of GET url: one warm-up, one counted, then ``repeats`` timed."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if client.get(url).status_code != 200:
        raise RuntimeError(f"GET {url} failed")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # Counted now: every request starts by emptying the log the capture reads.
    queries = len(captured)
    times = []
    with plain_templates(), quiet_gc():
        for _ in range(repeats):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t0)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
    p50, p95 = percentile(times, 50), percentile(times, 95)
    print(f"  GET {url:<{width}} p50 {ms(p50):>9}  p95 {ms(p95):>9}  {queries} queries")
    return queries, p95
