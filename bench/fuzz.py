"""Fuzzing the public forms: generated hostile requests, and not one server error.

Sends at least --requests generated requests (rightsdesk/intake/tests/fuzzing.py: overlong
values, control characters, NUL, invalid UTF-8, wrong types, duplicated fields, missing or
garbled CSRF tokens, odd content types and charsets, path-traversal file names, huge and empty
files) to every public form: each complaint step, the check-and-send page, resume by code, the
status page and its answer, files and permissions forms, leaving the status page, the paper-form
request, the language switch and the staff sign-in (password and code) pages. Django's test
client with CSRF checks on, on a throw-away database (benchkit.bench_database()).

    python bench/fuzz.py [--requests 10000] [--seed 2026]

Prints requests per second, the count of responses by status and by form, and every failure with
a reproducer. Exits 1 on any 5xx, anything django.request logs at ERROR, or a draft or complaint
whose earlier answers no longer load.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchkit import Report, bench_database, heading, load_note  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="generated requests to send")
    parser.add_argument(
        "--seed", type=int, default=2026, help="hypothesis seed (same seed, same run)"
    )
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "rightsdesk.test_settings"
    import django

    django.setup()
    from hypothesis import HealthCheck, Phase, given, seed, settings

    from rightsdesk.intake.tests import fuzzing

    report = Report()
    heading(f"fuzzing the public forms: {args.requests} generated requests, seed {args.seed}")
    print(f"  {load_note()}", flush=True)
    with bench_database():
        fuzzer = fuzzing.Fuzzer()
        started = time.perf_counter()
        last_note = [started]

        # Hypothesis counts examples, not requests: ask for plenty and stop at the target.
        @seed(args.seed)
        @settings(
            max_examples=args.requests,
            database=None,
            deadline=None,
            phases=[Phase.generate],  # every failure is reported, none shrunk away
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=True,
        )
        @given(visit=fuzzing.visits())
        def run(visit: fuzzing.Visit) -> None:
            if fuzzer.sent >= args.requests:
                return
            for failure in fuzzer.run(visit):
                print("  FAIL " + failure.report(), flush=True)
            now = time.perf_counter()
            if now - last_note[0] >= 15:
                last_note[0] = now
                rate = fuzzer.sent / (now - started)
                print(f"  {fuzzer.sent} requests, {rate:.0f}/s", flush=True)

        while fuzzer.sent < args.requests:
            run()
        elapsed = time.perf_counter() - started

    heading("results")
    total = fuzzer.sent + fuzzer.checks
    print(
        f"  {fuzzer.sent} generated requests and {fuzzer.checks} follow-up page views in "
        f"{elapsed:.1f} s: {fuzzer.sent / elapsed:.0f} generated requests/s, "
        f"{total / elapsed:.0f} requests/s in all"
    )
    print("  by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(fuzzer.statuses.items())))
    print("  by form:   " + ", ".join(f"{t}: {n}" for t, n in sorted(fuzzer.by_target.items())))
    refused = ", ".join(f"{k}: {n}" for k, n in fuzzer.refused_csrf.most_common(8))
    print(f"  403s by CSRF token, method and body: {refused}")
    server_errors = sum(n for s, n in fuzzer.statuses.items() if s >= 500)
    report.check(fuzzer.sent >= args.requests, f"at least {args.requests} generated requests")
    report.check(server_errors == 0, f"no 5xx ({server_errors})")
    report.check(not fuzzer.failures, f"no failures ({len(fuzzer.failures)})")
    for failure in fuzzer.failures:
        print("\n" + failure.report())
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
