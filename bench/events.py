"""Events benchmark: the public calendar and event pages with 5,000 events and 200,000
registrations.

    python bench/events.py [--events 5000] [--registrations 200000] [--repeats 50] [--seed 7]

With a throw-away test database (rightsdesk.test_settings; a SQLite file unless DATABASE_URL is
set):

1. bulk insert of events over two years (half past, half to come) in every county, kinds and
   languages mixed, some cancelled, some sensitive; registrations spread over them (some
   waiting, some cancelled; a share with encrypted names and emails, as real sign-ups);
2. p50/p95 and query counts of the public calendar (/events/, a later page, filtered by county,
   by language and by kind) and of event pages (which count places left), first with a tenth
   of the data and then with all of it, so a query count that grows with the tables shows.

Prints the figures; exits 1 when a target is missed, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

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

PAGE_P95_MS = 100.0
KINDS = ["know_your_rights"] * 5 + ["immigration_101"] * 2 + ["town_hall"] * 2 + ["other"]
LANGUAGES = [",es,en,", ",en,", ",es,", ",en,", ",es,en,"]
INTERPRETATION = ["", "", ",es,", ",mam,", ",mam,quc,"]


def load(*, events: int, registrations: int, seed: int) -> list[int]:
    from django.utils import timezone

    from rightsdesk.events.models import Event, Registration
    from rightsdesk.geo.places import counties

    rng = random.Random(seed)
    fips = [county.fips for county in counties()]
    now = timezone.now()
    t0 = time.perf_counter()
    rows = []
    for n in range(events):
        starts = now + timedelta(days=rng.uniform(-365, 365), hours=rng.randint(0, 12))
        place = rng.choice(["address"] * 6 + ["online", "after_signup"])
        rows.append(
            Event(
                kind=rng.choice(KINDS),
                title=f"Workshop {n}: know your rights at home and at work",
                description="Bring your questions. Free, with snacks and childcare.",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place=place,
                address="" if place == "online" else f"{n} Main St",
                county="" if place == "online" else rng.choice(fips),
                languages=rng.choice(LANGUAGES),
                interpretation=rng.choice(INTERPRETATION),
                capacity=rng.choice([None, 30, 40, 60, 120]),
                walk_ins=rng.random() < 0.7,
                sensitive=rng.random() < 0.2,
                cancelled_at=now if rng.random() < 0.03 else None,
            )
        )
    Event.objects.bulk_create(rows, batch_size=1000)
    ids = list(Event.objects.values_list("pk", flat=True))
    statuses = ["confirmed"] * 8 + ["waiting", "cancelled"]
    batch: list[Any] = []
    for n in range(registrations):
        named = n % 10 == 0  # encrypting every row would make the load, not the pages, slow
        batch.append(
            Registration(
                event_id=rng.choice(ids),
                status=rng.choice(statuses),
                name=f"Person {n}" if named else "",
                email=f"person{n}@example.org" if named else "",
                party_size=rng.choice([1, 1, 1, 2, 3]),
                cancel_code_hash=f"bench-{n:08d}",
                created_at=now,
                status_changed_at=now,
            )
        )
        if len(batch) == 5000:
            Registration.objects.bulk_create(batch)
            batch = []
    Registration.objects.bulk_create(batch)
    print(
        f"  loaded {events:,} events and {registrations:,} registrations in "
        f"{time.perf_counter() - t0:.0f} s",
        flush=True,
    )
    return ids


def run_pages(client: Any, ids: list[int], repeats: int, seed: int) -> dict[str, tuple[int, float]]:
    from rightsdesk.events.models import Event

    upcoming = list(
        Event.objects.filter(starts_at__gt=time_now()).values_list("pk", flat=True)[:500]
    )
    sample = random.Random(seed).sample(upcoming, k=min(5, len(upcoming)))
    county = Event.objects.exclude(county="").values_list("county", flat=True).first()
    urls = {
        "calendar": "/events/",
        "later page": "/events/?page=5",
        "county": f"/events/?county={county}",
        "language": "/events/?language=mam",
        "kind": "/events/?kind=town_hall",
    }
    figures = {name: measure_get(client, url, repeats) for name, url in urls.items()}
    pages = [measure_get(client, f"/events/{pk}/", repeats) for pk in sample]
    figures["event page"] = (max(q for q, _ in pages), max(p for _, p in pages))
    return figures


def time_now() -> Any:
    from django.utils import timezone

    return timezone.now()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--registrations", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "rightsdesk.test_settings"
    import django

    django.setup()
    from django.test import Client

    from rightsdesk.events.models import Event, Registration

    report = Report()
    wall = time.perf_counter()
    print(f"  {load_note()}")
    with bench_database():
        heading(f"1. small: {args.events // 10:,} events")
        load(events=args.events // 10, registrations=args.registrations // 10, seed=args.seed)
        small = run_pages(Client(), [], 5, args.seed)
        heading(f"2. large: {args.events:,} events, {args.registrations:,} registrations")
        Registration.objects.all().delete()
        Event.objects.all().delete()
        ids = load(events=args.events, registrations=args.registrations, seed=args.seed)
        large = run_pages(Client(), ids, args.repeats, args.seed)
        heading("3. targets")
        for name, (queries, p95) in large.items():
            report.check(
                p95 < PAGE_P95_MS / 1000, f"{name} p95 {ms(p95)} (target < {PAGE_P95_MS:.0f} ms)"
            )
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
