"""Volunteer network benchmark: the visit matcher and the coordinator's visit pages with 2,000
volunteers, 50,000 availability rows and 200 facility visits.

    python bench/network.py [--volunteers 2000] [--availability 50000] [--visits 200]
                            [--repeats 50] [--seed 7]

With a throw-away test database (rightsdesk.test_settings; a SQLite file unless DATABASE_URL is
set):

1. bulk insert of approved volunteers (attorneys and interpreters; encrypted names and emails),
   their languages (self-rated, some verified), weekly and one-date availability, a required
   "detention visit orientation" most have attended, and planned visits to the seeded facilities
   with people to be seen and some places taken;
2. the matcher for every visit, end to end (visits.selectors.candidates_for, which reads the
   candidates in a constant number of queries, then visits.matching.rank), and rank alone;
3. p50/p95 and query counts of the coordinator's home (/staff/network/), visit list
   (/staff/network/visits/, pages 1 and 4) and visit pages (/staff/network/visits/<pk>/) for
   random visits, each after the first tenth of the volunteers and after all of them, so a
   count that grows with the table shows.

Prints the figures; exits 1 when a target is missed, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from datetime import time as clock
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
    ms,
    percentile,
    plain_templates,
    quiet_gc,
)

# Targets.
MATCHER_P95_MS = 50.0
PAGE_P95_MS = 100.0

# The coordinator's home (applications, visits with gaps, quiet pairs, trainings, conflicts)
# and the visit list, first and a later page.
LIST_PAGES = ["/staff/network/", "/staff/network/visits/", "/staff/network/visits/?page=4"]

LANGUAGE_MIX = ["es"] * 10 + ["mam"] * 3 + ["quc"] * 3 + ["kjb", "knj", "pt", "fr", "ar", "ht"]
LEVELS = ["basic", "conversational", "fluent", "native"]
PURPOSES = ["outreach", "consultations", "credible_fear", "bond", "representation"]
FIRST = ["Ana", "Luis", "Maria", "José", "Grace", "Tom", "Keisha", "Ivan", "Rosa", "Dan"]
LAST = ["García", "Smith", "López", "Johnson", "Pérez", "Brown", "Xol", "Tzul", "Lee", "Ortiz"]


def load(*, volunteers: int, availability: int, visits: int, seed: int) -> dict[str, Any]:
    from django.utils import timezone

    from rightsdesk.geo.county_names import MS_COUNTY_NAMES
    from rightsdesk.network.models import (
        Availability,
        Facility,
        Requirement,
        Training,
        TrainingRegistration,
        TrainingTopic,
        Visit,
        VisitPerson,
        VisitSignup,
        Volunteer,
        VolunteerLanguage,
    )

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    counties = list(MS_COUNTY_NAMES)
    started = time.perf_counter()
    people = []
    for n in range(volunteers):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        people.append(
            Volunteer(
                reference=f"VB-{n:05d}",
                status_code_hash="0" * 64,
                kind="attorney" if n % 3 == 0 else "interpreter",
                status="approved" if n % 20 else "applied",
                language=rng.choice(["en", "es"]),
                name=name,
                email=f"bench{n}@example.org",
                county=rng.choice(counties),
                applied_at=now,
                status_changed_at=now,
                last_visit_on=today - timedelta(days=rng.randrange(1, 200)) if n % 4 else None,
            )
        )
    Volunteer.objects.bulk_create(people, batch_size=500)
    ids = list(Volunteer.objects.order_by("pk").values_list("pk", "kind"))
    languages = []
    for pk, kind in ids:
        count = rng.choice([0, 1]) if kind == "attorney" else rng.choice([1, 2, 2, 3])
        for code in sorted({rng.choice(LANGUAGE_MIX) for _ in range(count)}):
            level = rng.choice(LEVELS)
            languages.append(
                VolunteerLanguage(
                    volunteer_id=pk,
                    code=code,
                    self_level=level,
                    verified_level=rng.choice(LEVELS) if rng.random() < 0.4 else "",
                )
            )
    VolunteerLanguage.objects.bulk_create(languages, batch_size=2000)
    rows = []
    for i in range(availability):
        pk = ids[i % len(ids)][0]
        start = rng.choice([7, 8, 9, 10, 12, 13])
        end = min(20, start + rng.choice([2, 3, 4, 6, 8]))
        if rng.random() < 0.3:
            rows.append(
                Availability(
                    volunteer_id=pk,
                    weekday=rng.randrange(7),
                    starts=clock(start),
                    ends=clock(end),
                )
            )
        else:
            rows.append(
                Availability(
                    volunteer_id=pk,
                    on_date=today + timedelta(days=rng.randrange(1, 150)),
                    starts=clock(start),
                    ends=clock(end),
                )
            )
    Availability.objects.bulk_create(rows, batch_size=2000)
    topic = TrainingTopic.objects.create(
        key="visit-orientation", name="Detention visit orientation"
    )
    Requirement.objects.create(applies_to="visit", topic=topic)
    training = Training.objects.create(
        topic=topic, title="Orientation", starts_at=now, ends_at=now + timedelta(hours=2)
    )
    TrainingRegistration.objects.bulk_create(
        [
            TrainingRegistration(
                training=training, volunteer_id=pk, registered_at=now, attended=True
            )
            for pk, _kind in ids
            if rng.random() < 0.7
        ],
        batch_size=2000,
    )
    facilities = list(Facility.objects.all())
    made = []
    for n in range(visits):
        start = rng.choice([8, 9, 13])
        made.append(
            Visit(
                facility=rng.choice(facilities),
                on=today + timedelta(days=1 + n * 140 // visits),
                starts=clock(start),
                ends=clock(start + rng.choice([3, 4])),
                purpose=rng.choice(PURPOSES),
                attorneys_needed=rng.choice([1, 1, 2, 3]),
                created_at=now,
            )
        )
    Visit.objects.bulk_create(made)
    visit_ids = list(Visit.objects.values_list("pk", flat=True))
    seen = []
    signups = []
    approved = [(pk, kind) for pk, kind in ids if pk % 20]
    for visit_id in visit_ids:
        for _ in range(rng.randint(1, 6)):
            seen.append(
                VisitPerson(
                    visit_id=visit_id,
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    languages=rng.sample(["es", "mam", "quc", "en", "kjb"], k=rng.choice([1, 2])),
                )
            )
        for pk, kind in rng.sample(approved, k=rng.randint(1, 3)):
            signups.append(
                VisitSignup(
                    visit_id=visit_id,
                    volunteer_id=pk,
                    role="attorney" if kind == "attorney" else "interpreter",
                    language="" if kind == "attorney" else "es",
                    created_at=now,
                )
            )
    VisitPerson.objects.bulk_create(seen, batch_size=2000)
    VisitSignup.objects.bulk_create(signups, batch_size=2000)
    from django.db import connection

    if connection.vendor == "postgresql":
        # PostgreSQL's autovacuum gathers statistics soon after a bulk load; without them the
        # planner guesses, and the figures would be of the first minute only.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    seconds = time.perf_counter() - started
    print(
        f"  inserted {len(people):,} volunteers, {len(languages):,} languages, "
        f"{len(rows):,} availability rows, {len(visit_ids):,} visits with {len(seen):,} people "
        f"and {len(signups):,} signups in {seconds:.1f} s",
        flush=True,
    )
    return {"visits": visit_ids}


def run_matcher(visit_ids: list[int], report: Report) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rightsdesk.network.models import Visit
    from rightsdesk.network.visits.matching import rank
    from rightsdesk.network.visits.selectors import state_of

    states = [
        state_of(v)
        for v in Visit.objects.select_related("facility").prefetch_related("people")
        if v.pk in set(visit_ids)
    ]
    totals, ranks, counts, offered, queries = [], [], [], [], set()
    with quiet_gc():
        for state in states:
            need = state.need()
            t0 = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                candidates = state.candidates()
            t1 = time.perf_counter()
            # As many as the visit page shows (and the command's default).
            suggestions = rank(candidates, need, limit=10)
            offered.append(len(candidates))
            t2 = time.perf_counter()
            totals.append(t2 - t0)
            ranks.append(t2 - t1)
            counts.append(len(suggestions))
            if need.attorneys and need.languages:
                queries.add(len(captured))
    print(
        f"  {len(states)} visits: candidates + rank p50 {ms(percentile(totals, 50))}, "
        f"p95 {ms(percentile(totals, 95))}, max {ms(max(totals))}; rank alone p95 "
        f"{ms(percentile(ranks, 95))}; {min(offered)}-{max(offered)} candidates ranked each",
        flush=True,
    )
    report.check(
        percentile(totals, 95) < MATCHER_P95_MS / 1000,
        f"matcher p95 {ms(percentile(totals, 95))} (target < {MATCHER_P95_MS:.0f} ms)",
    )
    report.check(len(queries) == 1, f"candidate queries per visit: {sorted(queries)}")


def measure(client: Any, url: str, repeats: int) -> tuple[int, float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if client.get(url).status_code != 200:
        raise RuntimeError(f"GET {url} failed")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
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
    print(f"  GET {url:<32} p50 {ms(p50):>9}  p95 {ms(p95):>9}  {queries} queries", flush=True)
    return queries, p50, p95


def run_pages(client: Any, visit_ids: list[int], repeats: int, seed: int) -> dict[str, Any]:
    sample = random.Random(seed).sample(visit_ids, k=min(5, len(visit_ids)))
    figures = {}
    for url in LIST_PAGES:
        figures[url] = measure(client, url, repeats)
    visit_figures = [measure(client, f"/staff/network/visits/{pk}/", repeats) for pk in sample]
    figures["visit"] = (
        sorted({q for q, _, _ in visit_figures}),
        max(p50 for _, p50, _ in visit_figures),
        max(p95 for _, _, p95 in visit_figures),
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=2_000)
    parser.add_argument("--availability", type=int, default=50_000)
    parser.add_argument("--visits", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "rightsdesk.test_settings"
    import django

    django.setup()
    from django.test import Client

    from rightsdesk.accounts.models import User
    from rightsdesk.conftest import PASSWORD, sign_in

    report = Report()
    wall = time.perf_counter()
    print(f"  {load_note()}")
    with bench_database():
        coordinator = User(username="bench-coordinator", role=User.Role.COORDINATOR)
        coordinator.set_password(PASSWORD)
        coordinator.save()
        heading(f"1. small: {args.volunteers // 10:,} volunteers")
        small_data = load(
            volunteers=args.volunteers // 10,
            availability=args.availability // 10,
            visits=args.visits,
            seed=args.seed,
        )
        small = run_pages(sign_in(Client(), coordinator), small_data["visits"], 5, args.seed)
        from rightsdesk.network.models import Visit, Volunteer

        Visit.objects.all().delete()
        Volunteer.objects.all().delete()

        heading(
            f"2. full: {args.volunteers:,} volunteers, {args.availability:,} availability rows, "
            f"{args.visits:,} visits"
        )
        from rightsdesk.network.models import Requirement, Training, TrainingTopic

        Requirement.objects.all().delete()
        Training.objects.all().delete()
        TrainingTopic.objects.all().delete()
        data = load(
            volunteers=args.volunteers,
            availability=args.availability,
            visits=args.visits,
            seed=args.seed + 1,
        )
        heading("3. the matcher")
        run_matcher(data["visits"], report)
        heading("4. the coordinator's pages")
        large = run_pages(sign_in(Client(), coordinator), data["visits"], args.repeats, args.seed)

        heading("5. targets")
        for url in LIST_PAGES:
            report.check(
                large[url][2] < PAGE_P95_MS / 1000,
                f"p95 {url}: {ms(large[url][2])} (target < {PAGE_P95_MS:.0f} ms)",
            )
            report.check(
                small[url][0] == large[url][0],
                f"queries {url}: {small[url][0]} small, {large[url][0]} full",
            )
        report.check(
            large["visit"][2] < PAGE_P95_MS / 1000,
            f"p95 visit page (worst of 5 visits): {ms(large['visit'][2])} "
            f"(target < {PAGE_P95_MS:.0f} ms)",
        )
        report.check(
            small["visit"][0] == large["visit"][0] and len(large["visit"][0]) == 1,
            f"queries visit page: {small['visit'][0]} small, {large['visit'][0]} full",
        )

    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    heading(f"done in {time.perf_counter() - wall:.0f} s, peak RSS {peak_rss:,.0f} MiB")
    if report.failures:
        print(f"{len(report.failures)} target(s) missed:")
        for failure in report.failures:
            print(f"  - {failure}")
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
