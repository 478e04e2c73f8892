"""Cases benchmark: the matter list, matter pages, the calendar feed and conflict checks with
10,000 matters and 100,000 parties.

    python bench/cases.py [--matters 10000] [--parties 100000] [--dates 30000] [--repeats 50]
                          [--names 200] [--seed 7]

With a throw-away test database (rightsdesk.test_settings; a SQLite file unless DATABASE_URL is
set):

1. bulk insert of matters, parties (encrypted names from English and Spanish name lists, with
   accents, double surnames, middle initials and organisations), their conflict-check name keys
   (conflicts.blind_keys, computed once per distinct name), one cleared conflict check per party,
   court dates and deadlines, team members, and an attorney who is on 200 matters and has a
   private calendar feed address;
2. p50/p95 and query counts of /staff/matters/ (page 1 and page 100), /staff/matters/<pk>/ for
   random matters and the attorney's calendar feed, after the first 1,000 matters and after all,
   with the slowest query of each page and the database's plan for it;
3. conflict_search latency over existing names, nickname/accent/order variants of them and
   unknown names, with the hits found and the name-key rows the search had to read;
4. (figures only) a matter with a few very common names added through party_add, so its page
   shows conflict checks with many stored hits.

Prints the figures; exits 1 when a target is missed, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
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
PAGE_P95_MS = 100.0
CONFLICT_P95_MS = 200.0

SMALL_TABLE = 1_000  # matters at the first measurement
MEMBER_OF = 200  # matters the benchmark's attorney is on
STAFF_POOL = 24  # other team members spread over the matters
BATCH = 500  # matters per insert transaction
LIST = "/staff/matters/"
LIST_PAGES = ["", "?page=100"]
QUERY_MIX = {"existing": 0.4, "variant": 0.35, "unknown": 0.25}

# --- Fictional names -----------------------------------------------------------------------
# Common first and family names, most common first (weights fall off gently, so García, Smith
# and María are frequent without drowning the rest, as in a real client list).

EN_GIVEN = (
    "James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel "
    "Matthew Anthony Mark Donald Steven Paul Andrew Kenneth Kevin Brian George Timothy Edward "
    "Ronald Jerome Tyrone Darnell Marcus Terrence Gregory Lawrence Mary Patricia Jennifer Linda "
    "Elizabeth Barbara Susan Jessica Sarah Karen Nancy Margaret Lisa Betty Dorothy Sandra Ashley "
    "Kimberly Donna Emily Michelle Carol Amanda Melissa Deborah Katherine Rebecca Keisha Latoya "
    "Ebony Renée Zoë Chloé André Noël Desirée"
).split()
ES_GIVEN = (
    "María José Juan Luis Carlos Jesús Miguel Francisco Antonio Jorge Alejandro Manuel Pedro "
    "Ricardo Fernando Javier Sergio Raúl Andrés Héctor Óscar Rubén Ramón Joaquín Martín Iván "
    "Ángel Tomás Nicolás Rodolfo Guillermo Eduardo Roberto Alberto Enrique Ignacio Guadalupe "
    "Rosa Ana Carmen Juana Verónica Mónica Sofía Lucía Inés Leticia Yolanda Gabriela Alejandra "
    "Adriana Elena Claudia Teresa Dolores Concepción Rocío Beatriz Marisol Noemí Araceli Isabel "
    "Begoña Consuelo Mercedes Pilar Soledad Rosario"
).split()
EN_FAMILY = (
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson "
    "Martin Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill "
    "Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans "
    "Edwards Collins Stewart Morris Murphy Cook Rogers Washington Jefferson Freeman O'Brien "
    "O'Connor McDonald MacKenzie Brooks Bennett Gray Hayes Myers Ford Hamilton Graham Sullivan "
    "Wallace Whitfield"
).split()
ES_FAMILY = [
    *(
        "García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores "
        "Rivera Gómez Díaz Reyes Cruz Morales Ortiz Gutiérrez Chávez Ramos Ruiz Álvarez Mendoza "
        "Vásquez Castillo Jiménez Moreno Romero Herrera Medina Aguilar Vargas Castro Guzmán "
        "Fernández Muñoz Salazar Núñez Ibáñez Peña Domínguez Velásquez Cárdenas Ávila Zúñiga "
        "Ordóñez Báez Quiñones Maldonado Estrada Villanueva Espinoza Sandoval Cervantes Orozco "
        "Bermúdez"
    ).split(),
    "de la Cruz",
    "del Río",
    "de León",
]
# Not in the lists above: searches for these find nobody (or only a common family name).
RARE_GIVEN = (
    "Thaddeus Zebulon Ottoline Perpetua Eustaquio Filiberta Wenceslao Leocadia Casimira "
    "Bartholomew Philippa Anacleto Hermelinda Evander Clementine Ptolomeo Saturnina Lysander "
    "Euphemia Anastasio"
).split()
RARE_FAMILY = (
    "Quackenbush Pfannenstiel Wojciechowski Ytturralde Oyervides Zubizarreta Achterberg Iturbide "
    "Kowalczyk Szymański Nakashima Okonkwo Villaseñor Arriola Goicoechea Thistlewood Bracegirdle "
    "Etxeberria Abernathy-Vance Van der Hoeven"
).split()
# What people are also called (nicknames, English/Spanish equivalents), for variant searches.
NICKNAMES: dict[str, list[str]] = {
    "José": ["Pepe", "Joe", "Joseph"],
    "Francisco": ["Paco", "Pancho", "Frank"],
    "Guadalupe": ["Lupe", "Lupita"],
    "Jesús": ["Chuy"],
    "Ignacio": ["Nacho"],
    "Antonio": ["Toño", "Tony", "Anthony"],
    "Eduardo": ["Lalo", "Eddie", "Edward"],
    "Alberto": ["Beto", "Albert"],
    "Roberto": ["Beto", "Bob", "Robert"],
    "Rodolfo": ["Fito", "Rudy"],
    "Manuel": ["Manolo", "Manny"],
    "Enrique": ["Quique", "Henry"],
    "Alejandro": ["Alex", "Alexander"],
    "Guillermo": ["Memo", "William"],
    "Dolores": ["Lola"],
    "Concepción": ["Concha", "Conchita"],
    "Rosario": ["Charo"],
    "Mercedes": ["Meche"],
    "Consuelo": ["Chelo"],
    "Soledad": ["Chole"],
    "María": ["Mary", "Marie"],
    "Juan": ["John", "Johnny"],
    "Miguel": ["Michael", "Mike"],
    "Pedro": ["Peter"],
    "Jorge": ["George"],
    "Ricardo": ["Richard", "Rico"],
    "Tomás": ["Thomas", "Tom"],
    "Teresa": ["Tere", "Terry"],
    "Ana": ["Ann", "Annie"],
    "Elena": ["Helen"],
    "Isabel": ["Elizabeth", "Chabela"],
    "James": ["Jim", "Jimmy", "Jaime"],
    "John": ["Johnny", "Jack", "Juan"],
    "Robert": ["Bob", "Bobby", "Rob"],
    "William": ["Bill", "Billy", "Will"],
    "Richard": ["Rick", "Dick"],
    "Michael": ["Mike", "Miguel"],
    "Joseph": ["Joe", "José"],
    "Thomas": ["Tom", "Tommy"],
    "Charles": ["Charlie", "Chuck", "Carlos"],
    "Christopher": ["Chris"],
    "Daniel": ["Dan", "Danny"],
    "Anthony": ["Tony"],
    "Edward": ["Ed", "Eddie", "Ted"],
    "Kenneth": ["Ken", "Kenny"],
    "Elizabeth": ["Liz", "Beth", "Betty", "Isabel"],
    "Margaret": ["Peggy", "Maggie", "Margarita"],
    "Patricia": ["Pat", "Patty"],
    "Katherine": ["Kate", "Kathy", "Catalina"],
    "Jennifer": ["Jen", "Jenny"],
    "Deborah": ["Debbie", "Deb"],
    "Susan": ["Sue", "Susana"],
    "Dorothy": ["Dot", "Dottie"],
    "Rebecca": ["Becky"],
    "Timothy": ["Tim"],
    "Gregory": ["Greg"],
    "Lawrence": ["Larry"],
    "Ronald": ["Ron"],
    "Donald": ["Don"],
}
COUNTIES = (
    "Hinds Madison Rankin Harrison DeSoto Jackson Lauderdale Forrest Lee Jones Lowndes "
    "Washington Warren Lamar Oktibbeha Lafayette Adams Bolivar Coahoma Sunflower Leflore Pike "
    "Panola Marshall Neshoba Yazoo Copiah Holmes Humphreys Tunica Quitman Noxubee Claiborne "
    "Jefferson Wilkinson Amite Tallahatchie Attala Scott"
).split()
CITIES = [
    "Jackson", "Gulfport", "Southaven", "Hattiesburg", "Biloxi", "Meridian", "Tupelo",
    "Olive Branch", "Greenville", "Horn Lake", "Clinton", "Pearl", "Ridgeland", "Starkville",
    "Columbus", "Vicksburg", "Pascagoula", "Brandon", "Oxford", "Natchez", "Clarksdale",
    "Greenwood", "Yazoo City", "McComb", "Canton", "Grenada", "Cleveland", "Indianola", "Laurel",
]  # fmt: skip
# Ways the same organisation is written; {p} a county, {c} a city, {f} a family name.
ORG_FORMS: dict[str, list[str]] = {
    "sheriff": [
        "{p} County Sheriff's Office",
        "{p} County Sheriff's Department",
        "{p} Co. Sheriff",
        "Sheriff of {p} County",
    ],
    "police": ["{c} Police Department", "{c} Police Dept.", "City of {c} Police Department"],
    "housing": ["{c} Housing Authority", "Housing Authority of {c}"],
    "landlord": ["{f} Properties LLC", "{f} Properties, L.L.C.", "{f} Properties Inc."],
    "apartments": ["{f} Apartments", "{f} Apts", "The {f} Apartments LLC"],
    "jail": ["{p} County Detention Center", "{p} County Detention Ctr."],
    "state": [
        "Mississippi Department of Corrections",
        "Mississippi Dept. of Corrections",
        "Mississippi Department of Human Services",
        "U.S. Immigration and Customs Enforcement",
        "Mississippi Highway Patrol",
    ],
}
ORG_WEIGHTS = {
    "sheriff": 5,
    "police": 5,
    "housing": 2,
    "landlord": 3,
    "apartments": 2,
    "jail": 2,
    "state": 1,
}
# Roles after a matter's first party, which is always a client.
PARTY_ROLES = {"client": 10, "adverse": 25, "agency": 15, "witness": 40, "co_counsel": 10}


def fold(text: str) -> str:
    """Without accents, as clerks and keyboards often write names."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


class Weighted:
    """random.choices with precomputed cumulative weights: the k-th item weighs 1/(k+8)."""

    def __init__(self, items: Sequence[str], *, flat: float = 8.0) -> None:
        self.items = list(items)
        self.cum = list(accumulate(1.0 / (k + flat) for k in range(len(self.items))))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.items, cum_weights=self.cum)[0]


@dataclass(frozen=True)
class Person:
    given: str
    given2: str  # a second given name ("María José"), a middle name, or ""
    initial: str  # a middle initial, or ""
    families: tuple[str, ...]
    spanish: bool


@dataclass(frozen=True)
class Org:
    kind: str
    place: str


class Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.en_given = Weighted(EN_GIVEN)
        self.es_given = Weighted(ES_GIVEN)
        self.en_family = Weighted(EN_FAMILY)
        self.es_family = Weighted(ES_FAMILY)
        self.counties = Weighted(COUNTIES, flat=4.0)
        self.cities = Weighted(CITIES, flat=4.0)
        self.roles = list(PARTY_ROLES)
        self.role_cum = list(accumulate(PARTY_ROLES.values()))
        self.org_kinds = list(ORG_WEIGHTS)
        self.org_cum = list(accumulate(ORG_WEIGHTS.values()))

    def person(self) -> Person:
        rng = self.rng
        if rng.random() < 0.45:
            families = [self.es_family.pick(rng)]
            if rng.random() < 0.6:
                families.append(self.es_family.pick(rng))
            given2 = self.es_given.pick(rng) if rng.random() < 0.2 else ""
            return Person(self.es_given.pick(rng), given2, "", tuple(families), True)
        # Some English-speaking clients carry a Spanish family name, and the other way round.
        family = self.es_family.pick(rng) if rng.random() < 0.15 else self.en_family.pick(rng)
        roll = rng.random()
        initial = rng.choice("ABCDEFGHJKLMNPRSTW") if roll < 0.15 else ""
        given2 = self.en_given.pick(rng) if 0.15 <= roll < 0.25 else ""
        return Person(self.en_given.pick(rng), given2, initial, (family,), False)

    def org(self) -> Org:
        kind = self.rng.choices(self.org_kinds, cum_weights=self.org_cum)[0]
        if kind in ("sheriff", "jail"):
            return Org(kind, self.counties.pick(self.rng))
        if kind in ("police", "housing"):
            return Org(kind, self.cities.pick(self.rng))
        if kind in ("landlord", "apartments"):
            return Org(kind, self.en_family.pick(self.rng))
        return Org(kind, str(self.rng.randrange(len(ORG_FORMS["state"]))))

    def render(self, who: Person | Org) -> str:
        rng = self.rng
        if isinstance(who, Org):
            if who.kind == "state":
                return ORG_FORMS["state"][int(who.place)]
            form = rng.choice(ORG_FORMS[who.kind])
            return form.format(p=who.place, c=who.place, f=who.place)
        family = " ".join(who.families)
        given = f"{who.given} {who.given2}" if who.given2 else who.given
        if who.initial:
            given += f" {who.initial}."
        roll = rng.random()
        if who.spanish and len(who.families) == 2 and roll < 0.06:
            name = f"{given} {who.families[0]}-{who.families[1]}"
        elif roll < 0.12:
            name = f"{family}, {given}"
        elif not who.spanish and roll < 0.16:
            name = f"{given} {family} Jr."
        else:
            name = f"{given} {family}"
        roll = rng.random()
        if roll < 0.08:
            name = fold(name)
        elif roll < 0.11:
            name = name.upper()
        return name

    def party(self, *, first: bool) -> tuple[str, Person | Org]:
        role = "client" if first else self.rng.choices(self.roles, cum_weights=self.role_cum)[0]
        if role == "agency" or (role == "adverse" and self.rng.random() < 0.6):
            return role, self.org()
        return role, self.person()

    def variant(self, who: Person | Org) -> tuple[str, str]:
        """Another way of writing a known party's name, and which way it is."""
        rng = self.rng
        if isinstance(who, Org):
            name = self.render(who)
            return (name.upper(), "org upper case") if rng.random() < 0.5 else (name, "org form")
        ways = ["accents", "order", "initial"]
        if who.given in NICKNAMES:
            ways += ["nickname", "nickname"]
        if len(who.families) == 2:
            ways.append("one surname")
        way = rng.choice(ways)
        given, families = who.given, list(who.families)
        if way == "nickname":
            given = rng.choice(NICKNAMES[who.given])
        elif way == "one surname":
            families = families[:1]
        elif way == "initial":
            given = given[0] + "."
        name = f"{given} {' '.join(families)}"
        if way == "order":
            name = f"{' '.join(families)}, {given}"
        elif way == "accents":
            name = fold(name).lower() if rng.random() < 0.5 else fold(name).upper()
        return name, way

    def unknown(self) -> str:
        given = self.rng.choice(RARE_GIVEN)
        # Half share a common family name: nobody matches, but the search still reads its keys.
        if self.rng.random() < 0.5:
            return f"{given} {self.rng.choice(RARE_FAMILY)}"
        return f"{given} {self.es_family.pick(self.rng) if self.rng.random() < 0.5 else 'Smith'}"


# --- Reporting helpers ---------------------------------------------------------------------


# --- Loading -------------------------------------------------------------------------------


def spread(total: int, buckets: int, rng: random.Random, *, at_least: int) -> list[int]:
    """``total`` items over ``buckets`` at random (at least ``at_least`` each while they last)."""
    base = min(at_least, total // max(buckets, 1))
    counts = [base] * buckets
    for _ in range(total - base * buckets):
        counts[rng.randrange(buckets)] += 1
    return counts


@dataclass
class Timings:
    names: float = 0.0
    keys: float = 0.0
    matters: float = 0.0
    parties: float = 0.0
    name_keys: float = 0.0
    checks: float = 0.0
    dates: float = 0.0
    members: float = 0.0

    @property
    def total(self) -> float:
        return sum(vars(self).values())


class Loader:
    """bulk_create in transactions of BATCH matters: matters, team members, parties (the
    encrypted name and details are part of the cost), their name keys, one conflict check per
    party and the matters' dates."""

    def __init__(
        self,
        *,
        seed: int,
        matters: int,
        parties: int,
        dates: int,
        user: Any,
        staff: list[Any],
        today: date,
    ) -> None:
        from rightsdesk.cases.conflicts import blind_keys

        self.blind_keys = blind_keys
        self.rng = random.Random(seed)
        self.names = Names(random.Random(seed + 1))
        self.total = matters
        self.party_counts = spread(parties, matters, self.rng, at_least=1)
        self.date_counts = spread(dates, matters, self.rng, at_least=0)
        self.mine = set(self.rng.sample(range(matters), k=min(MEMBER_OF, matters)))
        self.user = user
        self.staff = staff
        self.today = today
        self.now = datetime.now(UTC)
        self.key_cache: dict[str, list[tuple[str, str]]] = {}
        self.key_calls = 0
        # Every party as (name, who, matter pk): query names are drawn from these.
        self.parties: list[tuple[str, Person | Org, int]] = []
        self.inserted = 0
        self.counts: Counter[str] = Counter()
        self.t = Timings()

    def _keys(self, name: str) -> list[tuple[str, str]]:
        # Names repeat (García, María, the county sheriff): the HMACs are computed once each.
        keys = self.key_cache.get(name)
        if keys is None:
            self.key_calls += 1
            keys = [(k.partition(":")[0], k.partition(":")[2]) for k in self.blind_keys(name)]
            self.key_cache[name] = keys
        return keys

    def load(self, count: int) -> None:
        from django.db import transaction

        from rightsdesk.cases.models import (
            ConflictCheck,
            Matter,
            MatterDate,
            MatterMember,
            NameKey,
            Party,
        )

        rng = self.rng
        start = self.inserted
        indices = range(start, min(start + count, self.total))
        t0 = time.perf_counter()
        plans: list[list[tuple[str, str, Person | Org]]] = []
        for i in indices:
            plan = []
            for k in range(self.party_counts[i]):
                role, who = self.names.party(first=k == 0)
                plan.append((role, self.names.render(who), who))
            plans.append(plan)
        self.t.names += time.perf_counter() - t0

        with transaction.atomic():
            t0 = time.perf_counter()
            matters = []
            for plan in plans:
                client = plan[0][1]
                adverse = next((name for role, name, _ in plan if role == "adverse"), None)
                kind = rng.choice(Matter.Kind.values)
                opened = self.now - timedelta(days=rng.uniform(0, 8 * 365))
                matters.append(
                    Matter(
                        title=f"{client} v. {adverse}" if adverse else f"{client} ({kind})",
                        kind=kind,
                        status=rng.choices(Matter.Status.values, weights=[3, 4, 3])[0],
                        opened_at=opened,
                        opened_by_id=rng.choice(self.staff).pk,
                    )
                )
            Matter.objects.bulk_create(matters)
            t1 = time.perf_counter()
            self.t.matters += t1 - t0

            members = []
            for i, matter in zip(indices, matters, strict=True):
                for person in rng.sample(self.staff, k=rng.randint(1, 3)):
                    role = rng.choice(MatterMember.Role.values)
                    members.append(MatterMember(matter=matter, user=person, role=role))
                if i in self.mine:
                    members.append(MatterMember(matter=matter, user=self.user, role="staff"))
            MatterMember.objects.bulk_create(members)
            t2 = time.perf_counter()
            self.t.members += t2 - t1

            parties = []
            for matter, plan in zip(matters, plans, strict=True):
                for role, name, who in plan:
                    details = {"phone": f"601-555-{rng.randrange(10_000):04d}"}
                    parties.append(
                        Party(
                            matter=matter,
                            role=role,
                            name=name,
                            details=details if role == "client" else {},
                            added_at=matter.opened_at + timedelta(days=rng.uniform(0, 30)),
                            added_by_id=matter.opened_by_id,
                        )
                    )
                    self.parties.append((name, who, matter.pk))
            Party.objects.bulk_create(parties)
            t3 = time.perf_counter()
            self.t.parties += t3 - t2

            per_party = [self._keys(p.name) for p in parties]
            t4 = time.perf_counter()
            self.t.keys += t4 - t3
            keys = [
                NameKey(source="party", party=party, kind=kind, body=body)
                for party, pairs in zip(parties, per_party, strict=True)
                for kind, body in pairs
            ]
            NameKey.objects.bulk_create(keys)
            t5 = time.perf_counter()
            self.t.name_keys += t5 - t4

            # party_add stores a check per party; most are clear (no earlier hit kept here).
            checks = [
                ConflictCheck(
                    matter_id=p.matter_id,
                    name=p.name,
                    hits=[],
                    checked_at=p.added_at,
                    checked_by_id=p.added_by_id,
                    decision=ConflictCheck.Decision.CLEAR,
                )
                for p in parties
            ]
            ConflictCheck.objects.bulk_create(checks)
            t6 = time.perf_counter()
            self.t.checks += t6 - t5

            dates = []
            for i, matter in zip(indices, matters, strict=True):
                for _ in range(self.date_counts[i]):
                    dates.append(self._date(matter))
            MatterDate.objects.bulk_create(dates)
            self.t.dates += time.perf_counter() - t6

        self.inserted = indices.stop
        self.counts.update(
            matters=len(matters),
            members=len(members),
            parties=len(parties),
            keys=len(keys),
            checks=len(checks),
            dates=len(dates),
        )

    def _date(self, matter: Any) -> Any:
        from zoneinfo import ZoneInfo

        from django.conf import settings

        from rightsdesk.cases.models import MatterDate

        rng = self.rng
        # Two years back (the feed has no cut-off, so history counts) to a year ahead.
        day = self.today + timedelta(days=rng.randint(-730, 365))
        kind = rng.choices(MatterDate.Kind.values, weights=[4, 3, 3, 1])[0]
        leads = rng.choice([[], [1440], [10080, 1440], [1440, 120], [20160, 10080, 1440, 60]])
        description = rng.choice(["", "", "Courtroom 3", "Bring the lease", "Motion to dismiss"])
        if kind in ("court", "hearing") or rng.random() < 0.2:
            hour, minute = rng.choice([(9, 0), (9, 30), (10, 0), (13, 30), (14, 0)])
            starts = datetime(
                day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(settings.TIME_ZONE)
            )
            return MatterDate(
                matter=matter, kind=kind, starts=starts, lead_minutes=leads, description=description
            )
        return MatterDate(
            matter=matter, kind=kind, all_day=day, lead_minutes=leads, description=description
        )


def load_to(loader: Loader, target: int) -> None:
    started = time.perf_counter()
    while loader.inserted < min(target, loader.total):
        loader.load(min(BATCH, target - loader.inserted))
        if loader.inserted % 1_000 == 0 or loader.inserted == target:
            c, elapsed = loader.counts, time.perf_counter() - started
            print(
                f"  {loader.inserted:>7,} matters  {c['parties']:>8,} parties  "
                f"{c['keys']:>9,} name keys  {c['dates']:>7,} dates   "
                f"({loader.t.total:.1f} s in all, {elapsed:.1f} s this step)",
                flush=True,
            )


def print_load_summary(loader: Loader) -> None:
    t, c = loader.t, loader.counts
    print(
        f"  inserted {c['matters']:,} matters, {c['members']:,} team members, "
        f"{c['parties']:,} parties, {c['keys']:,} name keys ({c['keys'] / c['parties']:.1f} a "
        f"party), {c['checks']:,} conflict checks, {c['dates']:,} dates in {t.total:.1f} s"
    )
    print(
        f"  distinct names {loader.key_calls:,} of {c['parties']:,}; "
        f"the attorney is on {len(loader.mine):,} matters"
    )
    parts = [
        ("generating names", t.names, c["parties"]),
        ("blind_keys (distinct names)", t.keys, loader.key_calls),
        ("matters (encrypted title)", t.matters, c["matters"]),
        ("team members", t.members, c["members"]),
        ("parties (encrypted name, details)", t.parties, c["parties"]),
        ("name keys", t.name_keys, c["keys"]),
        ("conflict checks (encrypted name, hits)", t.checks, c["checks"]),
        ("dates (encrypted description)", t.dates, c["dates"]),
    ]
    for what, seconds, rows in parts:
        rate = f"{rows / seconds:>9,.0f}/s" if seconds else ""
        print(f"    {what:<40} {seconds:>6.1f} s  {rows:>9,} {rate}")


# --- Pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timed:
    seconds: float
    sql: str
    params: Any


class QueryTimer:
    """An execute wrapper timing each statement with perf_counter (the debug query log rounds
    to whole milliseconds). On SQLite execute() runs a statement up to its first row: a sort or
    a count is inside, fetching the other rows is not."""

    def __init__(self) -> None:
        self.queries: list[Timed] = []

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(Timed(time.perf_counter() - t0, sql, params))

    @property
    def slowest(self) -> Timed:
        return max(self.queries, key=lambda q: q.seconds, default=Timed(0.0, "", None))


@dataclass
class PageFigures:
    label: str
    queries: set[int]
    p50: float
    p95: float
    slowest_query: Timed
    note: str = ""


def _get(client: Any, url: str) -> Any:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def measure_urls(label: str, client: Any, urls: list[str], *, counted: int = 5) -> PageFigures:
    """Query counts (and the slowest query) of the first ``counted`` URLs, then one timed GET of
    each URL. The first GET of a run also creates the audit head row: warm up first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _get(client, urls[0])
    counts: set[int] = set()
    timer = QueryTimer()
    for url in urls[:counted]:
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
            _get(client, url)
        # Counted now: the next request's request_started signal empties the query log. (The
        # log also holds BEGIN/COMMIT, which the execute wrapper does not see.)
        counts.add(len(captured))
    slowest = timer.slowest
    times = []
    for url in urls:
        t0 = time.perf_counter()
        response = _get(client, url)
        times.append(time.perf_counter() - t0)
    note = ""
    if response.get("Content-Type", "").startswith("text/calendar"):
        body = response.content
        note = f"{body.count(b'BEGIN:VEVENT'):,} events, {len(body) / 1024:,.0f} KiB"
    f = PageFigures(label, counts, percentile(times, 50), percentile(times, 95), slowest, note)
    shown = "/".join(str(n) for n in sorted(counts))
    print(
        f"  {label:<34} p50 {ms(f.p50):>9}  p95 {ms(f.p95):>9}  {shown:>3} queries  "
        f"slowest query {ms(slowest.seconds)}{'  (' + note + ')' if note else ''}",
        flush=True,
    )
    return f


def measure_pages(
    *, staff_client: Callable[[], Any], token: str, repeats: int, seed: int
) -> dict[str, PageFigures]:
    from django.test import Client

    from rightsdesk.cases.models import Matter

    rng = random.Random(seed)
    pks = list(Matter.objects.values_list("pk", flat=True))
    figures: dict[str, PageFigures] = {}
    print(f"  ({load_note()})")
    with quiet_gc(), plain_templates():
        client = staff_client()
        for variant in LIST_PAGES:
            url = LIST + variant
            figures[url] = measure_urls(f"GET {url}", client, [url] * repeats)
        # A different matter each time: a matter's page is rarely opened twice in a row.
        detail = [f"{LIST}{pk}/" for pk in rng.choices(pks, k=repeats)]
        figures["detail"] = measure_urls(
            f"GET {LIST}<pk>/ ({repeats} matters)", client, detail, counted=10
        )
        feed = f"/calendar/{token}.ics"
        figures["feed"] = measure_urls("GET /calendar/<token>.ics", Client(), [feed] * repeats)
    return figures


def explain(sql: str, params: Any, indent: str = "      ") -> None:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        for line in cursor.fetchall():
            print(f"{indent}{line[-1]}")


def shorten(sql: str, width: int = 300) -> str:
    return sql if len(sql) <= width else f"{sql[: width // 2]} ... {sql[-width // 2 :]}"


def explain_slowest(figures: dict[str, PageFigures]) -> None:
    for f in figures.values():
        q = f.slowest_query
        print(f"  {f.label} ({ms(q.seconds)}): {shorten(q.sql)}")
        explain(q.sql, q.params)


# --- Conflict checks -----------------------------------------------------------------------


@dataclass
class Search:
    category: str
    way: str
    name: str
    source: tuple[str, int] | None  # the party it was made from: (name, matter pk)
    seconds: float = 0.0
    hits: int = 0
    strong: int = 0
    found_source: bool = False
    rows_read: int = 0
    rows_useful: int = 0


def query_names(loader: Loader, count: int, seed: int) -> list[Search]:
    rng = random.Random(seed)
    names = Names(random.Random(seed + 2))
    out = []
    for category, share in QUERY_MIX.items():
        for _ in range(round(count * share)):
            if category == "unknown":
                out.append(Search(category, "", names.unknown(), None))
                continue
            name, who, matter = rng.choice(loader.parties)
            if category == "existing":
                out.append(Search(category, "as stored", name, (name, matter)))
            else:
                text, way = names.variant(who)
                out.append(Search(category, way, text, (name, matter)))
    rng.shuffle(out)
    return out


def rows_read(name: str) -> tuple[int, int]:
    """Name-key rows a search for ``name`` reads (same HMAC body, any kind) and how many of
    them have a kind that can match one of the name's keys at all."""
    from django.db.models import Q

    from rightsdesk.cases.conflicts import STRONG_PAIRS, WEAK_PAIRS, blind_keys
    from rightsdesk.cases.models import NameKey

    pairs = STRONG_PAIRS | WEAK_PAIRS
    kinds_for: dict[str, set[str]] = {}
    for key in blind_keys(name):
        kind, _, body = key.partition(":")
        kinds_for.setdefault(body, set()).update(b for a, b in pairs if a == kind)
    if not kinds_for:
        return 0, 0
    read = NameKey.objects.filter(body__in=list(kinds_for)).count()
    useful = Q()
    for body, kinds in kinds_for.items():
        useful |= Q(body=body, kind__in=sorted(kinds))
    return read, NameKey.objects.filter(useful).count()


def run_conflicts(loader: Loader, *, count: int, seed: int, report: Report) -> None:
    from django.db import connection

    from rightsdesk.cases.conflicts import blind_keys
    from rightsdesk.cases.services import conflict_search

    searches = query_names(loader, count, seed)
    print(f"  ({load_note()})")
    key_times = []
    conflict_search(searches[0].name)  # warm up
    for s in searches:
        t0 = time.perf_counter()
        hits = conflict_search(s.name)
        s.seconds = time.perf_counter() - t0
        s.hits = len(hits)
        s.strong = sum(h.strength == "strong" for h in hits)
        if s.source:
            s.found_source = any((h.name, h.matter_id) == s.source for h in hits)
        t0 = time.perf_counter()
        blind_keys(s.name)
        key_times.append(time.perf_counter() - t0)
    for s in searches:
        s.rows_read, s.rows_useful = rows_read(s.name)

    def line(label: str, group: list[Search]) -> None:
        times = [s.seconds for s in group]
        sourced = [s for s in group if s.source]
        found = (
            f"  source party found {sum(s.found_source for s in sourced)}/{len(sourced)}"
            if sourced
            else ""
        )
        print(
            f"  {label:<10} {len(group):>4} names  p50 {ms(percentile(times, 50)):>9}  "
            f"p95 {ms(percentile(times, 95)):>9}  "
            f"hits avg {statistics.mean(s.hits for s in group):>7.1f}"
            f" (strong {statistics.mean(s.strong for s in group):.1f}, "
            f"median {statistics.median(s.hits for s in group):.0f}, "
            f"max {max(s.hits for s in group):,})  "
            f"key rows read avg {statistics.mean(s.rows_read for s in group):,.0f}{found}",
            flush=True,
        )

    for category in QUERY_MIX:
        line(category, [s for s in searches if s.category == category])
    line("all", searches)
    ways = Counter(s.way for s in searches if s.category == "variant")
    print(f"  variants: {', '.join(f'{w} {n}' for w, n in ways.most_common())}")
    read = sum(s.rows_read for s in searches)
    useful = sum(s.rows_useful for s in searches)
    print(
        f"  blind_keys alone: p50 {ms(percentile(key_times, 50))}; name-key rows read per "
        f"search avg {read / len(searches):,.0f}, of which of a kind that can match "
        f"{useful / len(searches):,.0f} ({useful / max(read, 1):.0%})"
    )
    missed = [s for s in searches if s.source and not s.found_source]
    for s in missed[:5]:
        print(f"    not found from {s.way}: {s.name!r} (stored as {s.source[0]!r})")  # type: ignore[index]

    # Timed once more: a second time far below the first means the first met a busy CPU.
    print("  slowest searches (time, and time when run again):")
    for s in sorted(searches, key=lambda s: -s.seconds)[:5]:
        t0 = time.perf_counter()
        conflict_search(s.name)
        again = time.perf_counter() - t0
        print(
            f"    {ms(s.seconds):>9} {ms(again):>9}  {s.category:<8} {s.name!r}: {s.hits:,} hits, "
            f"{s.rows_read:,} key rows read ({s.rows_useful:,} of a matching kind)"
        )
    worst = max(searches, key=lambda s: s.seconds)
    timer = QueryTimer()
    with connection.execute_wrapper(timer):
        t0 = time.perf_counter()
        conflict_search(worst.name)
        total = time.perf_counter() - t0
    if timer.queries:
        q = timer.queries[0]
        with connection.cursor() as cursor:
            t0 = time.perf_counter()
            cursor.execute(q.sql, q.params)
            fetched = len(cursor.fetchall())
            raw = time.perf_counter() - t0
        print(
            f"  the slowest again: {ms(total)}; its one query alone, all {fetched:,} rows "
            f"fetched as tuples: {ms(raw)} (the rest: model instances, decrypting party names, "
            f"matching and explaining)"
        )
        print(f"  its query: {shorten(q.sql)}")
        explain(q.sql, q.params)

    times = [s.seconds for s in searches]
    report.check(
        percentile(times, 95) < CONFLICT_P95_MS / 1000,
        f"conflict_search over {len(searches)} names: p50 {ms(percentile(times, 50))}, "
        f"p95 {ms(percentile(times, 95))} (target < {CONFLICT_P95_MS:.0f} ms); "
        f"{statistics.mean(s.hits for s in searches):.1f} hits on average",
    )


def run_busy_matter(
    loader: Loader, *, user: Any, staff_client: Callable[[], Any], repeats: int
) -> None:
    """A matter whose parties carry the most common names, added the way staff add them (with
    their conflict checks): its page lists every stored hit of every check."""
    from rightsdesk.cases.models import Matter, Party
    from rightsdesk.cases.services import party_add

    common = [
        name
        for name, _ in Counter(
            n for n, w, _ in loader.parties if isinstance(w, Person)
        ).most_common(5)
    ]
    matter = Matter.objects.order_by("?").first()
    assert matter is not None
    stored = 0
    for name in common:
        t0 = time.perf_counter()
        _party, check = party_add(matter=matter, role=Party.Role.CLIENT, name=name, by=user)
        stored += len(check.hits)
        print(
            f"  party_add {name!r}: {len(check.hits):,} hits stored, {ms(time.perf_counter() - t0)}"
        )
    with plain_templates():
        f = measure_urls(
            f"GET {LIST}{matter.pk}/ ({stored:,} hits)",
            staff_client(),
            [f"{LIST}{matter.pk}/"] * repeats,
        )
    print(
        f"  (figures only, not a target: the bulk data stores no hits; p95 {ms(f.p95)} "
        f"vs the {PAGE_P95_MS:.0f} ms page target)"
    )


# --- Main ----------------------------------------------------------------------------------


def make_staff(count: int) -> list[Any]:
    from rightsdesk.accounts.models import User

    rng = random.Random(3)
    roles = [
        User.Role.ATTORNEY,
        User.Role.INTAKE,
        User.Role.VOLUNTEER_ATTORNEY,
        User.Role.INTERPRETER,
    ]
    users = []
    for i in range(count):
        user = User(
            username=f"bench-staff-{i}",
            role=roles[i % len(roles)],
            first_name=rng.choice(EN_GIVEN + ES_GIVEN),
            last_name=rng.choice(EN_FAMILY + ES_FAMILY),
        )
        user.set_unusable_password()
        users.append(user)
    return User.objects.bulk_create(users)


def run(args: argparse.Namespace, report: Report) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "rightsdesk.test_settings"
    import django

    django.setup()
    from django.test import Client
    from django.utils import timezone

    from rightsdesk.accounts.models import User
    from rightsdesk.cases.services import calendar_token_new
    from rightsdesk.conftest import PASSWORD, sign_in

    with bench_database():
        user = User(username="bench-attorney", role=User.Role.ATTORNEY, first_name="Ana")
        user.set_password(PASSWORD)
        user.save()
        token = calendar_token_new(user=user)
        staff = make_staff(STAFF_POOL)

        def staff_client() -> Any:
            # A fresh session each time: the idle limit would end one left over from before.
            return sign_in(Client(), user)

        loader = Loader(
            seed=args.seed,
            matters=args.matters,
            parties=args.parties,
            dates=args.dates,
            user=user,
            staff=staff,
            today=timezone.localdate(),
        )
        small_size = min(SMALL_TABLE, args.matters)
        heading(f"1. insert: {small_size:,} matters first")
        load_to(loader, small_size)
        if args.matters == small_size:
            print_load_summary(loader)

        heading(f"2a. pages with {loader.inserted:,} matters")
        small = measure_pages(
            staff_client=staff_client, token=token, repeats=args.repeats, seed=args.seed
        )

        large = small
        if args.matters > small_size:
            heading(f"1b. insert: the other {args.matters - small_size:,} matters")
            load_to(loader, args.matters)
            print_load_summary(loader)
        if args.matters > small_size:
            heading(f"2b. pages with {loader.inserted:,} matters")
            large = measure_pages(
                staff_client=staff_client, token=token, repeats=args.repeats, seed=args.seed + 1
            )

        heading("2c. page targets")
        for f in large.values():
            report.check(
                f.p95 < PAGE_P95_MS / 1000,
                f"p95 {f.label}: {ms(f.p95)} (target < {PAGE_P95_MS:.0f} ms)",
            )
        page1, page100 = large[LIST].queries, large[LIST + "?page=100"].queries
        report.check(
            page1 == page100 and len(page1) == 1, f"queries page 1 = page 100: {page1} vs {page100}"
        )
        for key, f in large.items():
            a, b = small[key].queries, f.queries
            report.check(
                a == b and len(b) == 1,
                f"queries {f.label}: {sorted(a)} at {small_size:,} matters, {sorted(b)} at "
                f"{loader.inserted:,}",
            )
        heading("2d. slowest query per page, with its plan")
        explain_slowest(large)

        heading(f"3. conflict_search with {loader.counts['parties']:,} parties")
        with quiet_gc():  # section 3 is timing from start to end
            run_conflicts(loader, count=args.names, seed=args.seed, report=report)

        heading("4. a matter whose parties have the commonest names")
        with quiet_gc():
            run_busy_matter(loader, user=user, staff_client=staff_client, repeats=args.repeats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matters", type=int, default=10_000)
    parser.add_argument("--parties", type=int, default=100_000)
    parser.add_argument("--dates", type=int, default=None, help="default: 3 per matter")
    parser.add_argument("--repeats", type=int, default=50, help="GETs per page")
    parser.add_argument("--names", type=int, default=200, help="conflict searches")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.dates is None:
        args.dates = 3 * args.matters
    if args.matters < 1 or args.parties < args.matters:
        parser.error("need at least one matter and a party per matter")

    report = Report()
    wall = time.perf_counter()
    run(args, report)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    heading(
        f"done in {time.perf_counter() - wall:.0f} s, peak RSS {peak_rss:,.0f} MiB; {load_note()}"
    )
    if report.failures:
        print(f"{len(report.failures)} target(s) missed:")
        for failure in report.failures:
            print(f"  - {failure}")
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
