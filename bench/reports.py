"""Reports benchmark: the staff dashboard and the public statistics over 1,000,000 complaints.

    python bench/reports.py [--complaints 1000000] [--repeats 30] [--seed 7]

With a throw-away test database (rightsdesk.test_settings; a SQLite file unless DATABASE_URL is
set):

1. synthetic facts for each complaint (three years of receipt days, the 82 counties weighted
   towards the big ones, one to three areas, classes and actors from the taxonomy, languages,
   sources, answers and days to answer) go through ``reports.facts.fact_keys`` — the function
   screening uses — and the counted tallies are bulk-inserted (the pages never scan complaints);
2. p50/p95 and query counts of /staff/reports/ (by area, by county, a three-year period) and
   /statistics/ (this year, last year), first with a tenth of the complaints, then with all.

Prints the figures; exits 1 when a target is missed, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchkit import (  # noqa: E402
    Report,
    bench_database,
    heading,
    load_note,
    measure_get,
    ms,
)

DASHBOARD_P95_MS = 200.0
PUBLIC_P95_MS = 100.0
OUTCOMES = ["accept", "refer", "decline", "need_info", "waiting", "waiting"]


def load(*, complaints: int, seed: int) -> tuple[int, float]:
    """Tally ``complaints`` synthetic complaints; answers (cells, seconds spent counting)."""
    from django.utils import timezone

    from rightsdesk.geo.places import counties
    from rightsdesk.reports.facts import Facts, fact_keys
    from rightsdesk.reports.models import Tally
    from rightsdesk.triage.taxonomy import tags

    rng = random.Random(seed)
    names = [str(c) for c in counties()]
    weights = [
        40 if n.startswith(("Hinds", "Harrison", "DeSoto", "Rankin", "Madison")) else 3
        for n in names
    ]
    areas, classes, actors = tags("areas"), tags("classes"), tags("actors")
    today = timezone.localdate()
    first = today - timedelta(days=3 * 365)
    t0 = time.perf_counter()
    totals: Counter = Counter()
    county_draws = rng.choices(names + ["unknown"], weights + [20], k=complaints)
    for n in range(complaints):
        received = first + timedelta(days=rng.randrange(3 * 365 + 1))
        outcome = rng.choice(OUTCOMES)
        answered = outcome != "waiting"
        first_days = rng.randrange(0, 30) if answered else None
        decided = answered and outcome != "need_info"
        facts = Facts(
            received=received,
            county=county_draws[n],
            areas=tuple(sorted(rng.sample(areas, rng.randint(1, 3)))),
            classes=tuple(sorted(rng.sample(classes, rng.randint(0, 2)))),
            actors=tuple(sorted(rng.sample(actors, rng.randint(0, 1)))),
            language=rng.choice(["en", "en", "es", "es", "mam"]),
            source=rng.choice(["online", "online", "paper", "import"]),
            kind=rng.choice(["help", "help", "tip"]),
            outcome=outcome,
            first_answer_days=first_days,
            decision_days=(first_days or 0) + rng.randrange(0, 60) if decided else None,
        )
        totals.update(fact_keys(facts))
    counting = time.perf_counter() - t0
    Tally.objects.all().delete()
    Tally.objects.bulk_create(
        [Tally(cube=c, period=p, a=a, b=b, count=k) for (c, p, a, b), k in totals.items()],
        batch_size=5000,
    )
    return len(totals), counting


def pages(repeats: int) -> dict[str, tuple[int, float, float]]:
    """name -> (queries, p95, target)."""
    from django.test import Client
    from django.utils import timezone

    from rightsdesk.accounts.models import User
    from rightsdesk.conftest import sign_in

    user, _ = User.objects.get_or_create(username="bench-director", role="legal_director")
    staff = sign_in(Client(), user)
    today = timezone.localdate()
    two_years = f"?start={today.year - 2}-{today.month:02d}&end={today.year}-{today.month:02d}"
    public = Client()
    last_year = today.year - 1
    return {
        "dashboard by area": (
            *measure_get(staff, "/staff/reports/", repeats, width=44),
            DASHBOARD_P95_MS,
        ),
        "dashboard by county": (
            *measure_get(staff, "/staff/reports/?by=county", repeats, width=44),
            DASHBOARD_P95_MS,
        ),
        "dashboard, two years": (
            *measure_get(staff, f"/staff/reports/{two_years}&by=class", repeats, width=44),
            DASHBOARD_P95_MS,
        ),
        "public statistics": (
            *measure_get(public, "/statistics/", repeats, width=44),
            PUBLIC_P95_MS,
        ),
        "public statistics, last year": (
            *measure_get(public, f"/statistics/?year={last_year}", repeats, width=44),
            PUBLIC_P95_MS,
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "rightsdesk.test_settings"
    import django

    django.setup()

    report = Report()
    wall = time.perf_counter()
    print(f"  {load_note()}")
    with bench_database():
        heading(f"1. small: {args.complaints // 10:,} complaints")
        cells, seconds = load(complaints=args.complaints // 10, seed=args.seed)
        print(f"  {cells:,} tallies, counted in {seconds:.1f} s")
        small = pages(5)
        heading(f"2. large: {args.complaints:,} complaints")
        cells, seconds = load(complaints=args.complaints, seed=args.seed)
        print(
            f"  {cells:,} tallies, counted in {seconds:.1f} s "
            f"({args.complaints / seconds:,.0f} complaints a second through fact_keys)"
        )
        large = pages(args.repeats)
        heading("3. targets")
        for name, (queries, p95, target) in large.items():
            report.check(p95 < target / 1000, f"{name} p95 {ms(p95)} (target < {target:.0f} ms)")
            report.check(
                queries == small[name][0],
                f"{name} queries: {small[name][0]} small, {queries} large (constant)",
            )
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    heading(f"done in {time.perf_counter() - wall:.0f} s, peak RSS {peak_rss:,.0f} MiB")
    if report.failures:
        print(f"{len(report.failures)} target(s) missed:")
        for failure in report.failures:
            print(f"  - {failure}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
