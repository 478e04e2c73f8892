"""Speed and memory benchmark for triage pattern finding (rightsdesk.triage.patterns).

Generates N synthetic complaints (deterministic seed; made-up people and businesses, real
Mississippi counties, towns and agencies, names written in the many ways people write them),
then times ``find_patterns`` on them and measures its peak memory with tracemalloc in a second,
separate run (tracemalloc slows Python down, so it would distort the timing).

    python bench/triage_patterns.py [--n 100000] [--seed 7] [--limit-seconds 30]

Prints the figures; exits 1 when find_patterns takes longer than the limit, 0 otherwise.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rightsdesk.geo.places import counties, county_for_city, municipalities  # noqa: E402
from rightsdesk.triage import entities, patterns  # noqa: E402

START = date(2025, 1, 1)
DAYS = 730

FIRST_NAMES = [
    "Ada", "Bernice", "Calvin", "Dolores", "Emmett", "Flora", "Gideon", "Hattie", "Isidro",
    "Jolene", "Kendrick", "Lupita", "Marcus", "Nadine", "Octavio", "Pearl", "Quincy", "Rosalind",
    "Silas", "Tomasa", "Ulysses", "Verna", "Wendell", "Ximena", "Yolanda", "Zeke",
]  # fmt: skip
LAST_NAMES = [
    "Abernathy", "Beaulieu", "Castellanos", "Dunleavy", "Espinal", "Fairweather", "Galindo",
    "Hollowell", "Ibarra", "Jessup", "Kettering", "Lockhart", "Marroquin", "Northcutt",
    "Oyelaran", "Pettibone", "Quiroga", "Rutledge", "Santangelo", "Thibodeaux", "Underhill",
    "Villatoro", "Whitlock", "Yarborough", "Zamudio",
]  # fmt: skip
BUSINESS_HEADS = [
    "Pine Ridge", "Magnolia", "Delta", "Oak Hill", "Cypress Bend", "Sweetgum", "Bayou",
    "Red Clay", "Tombigbee", "Natchez Trace", "Honeysuckle", "Pearl Valley", "Loblolly",
    "Big Black", "Sardis", "Yazoo Bluff", "Catahoula", "Okatibbee", "Bogue", "Tallahala",
]  # fmt: skip
BUSINESS_TAILS = [
    ("Apartments", "Apts"), ("Motors", "Motor Co"), ("Catfish Processors", "Catfish Processing"),
    ("Poultry", "Poultry Inc"), ("Market", "Mkt"), ("Staffing", "Staffing LLC"),
    ("Rentals", "Rental Properties"), ("Grocery", "Grocery Store"), ("Farms", "Farms LLC"),
    ("Trucking", "Trucking Inc"),
]  # fmt: skip
VAGUE_PARTIES = ["them", "they", "ellos", "a man", "Un amigo", "someone", "no se"]
MONTHS = ["January", "March", "June", "September", "octubre", "noviembre", "agosto"]

NARRATIVES = [
    "The {agency} set up a checkpoint on Highway {hwy} near {city} and asked everyone for "
    "papers. They asked if I was a citizen and my car was towed.",
    "Pusieron un retén en la carretera {hwy} a la salida de {city}. Nos preguntaron si "
    "teníamos papeles y se llevaron el carro.",
    "Deputies pulled me over outside {city} for no reason and searched my truck.",
    "There was a raid at the plant in {city}; agents took twelve workers away.",
    "Hubo una redada en {city}, se llevaron a varios trabajadores de la planta.",
    "Officers came to my house at 5 in the morning and knocked on the door asking for my son.",
    "My landlord in {city} refuses to fix the mold and says he will evict us if we complain.",
    "I was fired after I told my supervisor I was pregnant.",
    "The officer tased my brother while he was on the ground in {city}.",
    "My son has been in the jail for three weeks without his medication.",
]


def _typo(rng: random.Random, text: str) -> str:
    """One dropped or swapped letter, as people type."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 6:
        return text
    i = rng.choice(letters[1:-1])
    if rng.random() < 0.5:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counties = [c.name for c in counties()]
        places = []
        for name in municipalities():
            county = county_for_city(name)
            if county is not None:
                places.append((name, county.name))
        self.places = places
        self.businesses = [
            (head, tail) for head in BUSINESS_HEADS for tail in BUSINESS_TAILS
        ] + [(f"{self.rng.choice(LAST_NAMES)} {head}", tail) for head in BUSINESS_HEADS[:10]
             for tail in BUSINESS_TAILS]  # fmt: skip

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def sheriff(self, county: str) -> str:
        r = self.rng
        forms = [
            f"{county} County Sheriff's Office",
            f"{county} Co. SO",
            f"{county[0]}CSO deputies",
            f"{county.lower()} county sherif",
            f"los del sheriff de {county}",
            f"el alguacil del condado de {county}",
            "the sheriff",
            "deputies",
            f"{county} County Sheriffs Dept",
            _typo(r, f"{county} County Sheriff"),
        ]
        return r.choice(forms)

    def party(self, city: str, county: str) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.40:
            return self.sheriff(county)
        if roll < 0.55:
            return r.choice(
                [f"{city} Police Department", f"{city} PD", f"la policía de {city}", "the police"]
            )
        if roll < 0.65:
            return r.choice(
                ["ICE", "la migra", "Immigration and Customs Enforcement", "HSI", "ICE agents"]
            )
        if roll < 0.70:
            return r.choice(["Mississippi Highway Patrol", "MHP", "la patrulla de carreteras"])
        if roll < 0.77:
            return r.choice([f"{county} County Jail", f"la cárcel de {county}", "the jail"])
        if roll < 0.90:
            head, (long_tail, short_tail) = r.choice(self.businesses)
            name = f"{head} {r.choice([long_tail, short_tail])}"
            return _typo(r, name) if r.random() < 0.2 else name
        return r.choice(VAGUE_PARTIES)

    def when(self, day: date) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.85:
            return day.isoformat()
        if roll < 0.92:
            return f"{r.choice(MONTHS)} {day.year}"
        if roll < 0.96:
            return f"since {r.choice(MONTHS)} {day.year}"
        return r.choice(["no se", "last summer", "a few weeks ago"])

    def complaint(self, *, day: date, place: tuple[str, str], party: str | None = None,
                  narrative: str | None = None) -> dict[str, Any]:  # fmt: skip
        r = self.rng
        city, county = place
        what = (narrative or r.choice(NARRATIVES)).format(
            agency="sheriff's deputies", hwy=r.randint(1, 99), city=city
        )
        if r.random() < 0.001:
            what = (what + " ") * (20000 // (len(what) + 1))  # the longest allowed
        parties = [{"name": party or self.party(city, county), "role": "stopped us"}]
        if r.random() < 0.1:
            parties.append({"name": self.party(city, county), "role": "also there"})
        return {
            "language": r.choice(["en", "es"]),
            "kind": "help",
            "contact": {"name": self.person()},
            "incident": {
                "what": what,
                "when": self.when(day),
                "where": {"city": city, "county": county, "state": "MS"},
            },
            "responsible_parties": parties,
        }

    def generate(self, n: int) -> list[tuple[str, dict[str, Any]]]:
        r = self.rng
        out: list[tuple[str, dict[str, Any]]] = []
        # About a tenth of complaints come in bursts: one checkpoint, many people, six weeks.
        while len(out) < n // 10:
            place = r.choice(self.places)
            start = START + timedelta(days=r.randrange(DAYS - 42))
            for _ in range(r.randint(5, 20)):
                day = start + timedelta(days=r.randrange(42))
                out.append(
                    (
                        f"C{len(out):06d}",
                        self.complaint(
                            day=day,
                            place=place,
                            party=self.sheriff(place[1]),
                            narrative=NARRATIVES[r.choice((0, 1))],
                        ),
                    )
                )
        while len(out) < n:
            day = START + timedelta(days=r.randrange(DAYS))
            out.append((f"C{len(out):06d}", self.complaint(day=day, place=r.choice(self.places))))
        return out[:n]


def _cold() -> None:
    entities.clear_caches()
    patterns.clear_caches()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--window-days", type=int, default=60)
    parser.add_argument("--min-size", type=int, default=3)
    parser.add_argument("--limit-seconds", type=float, default=30.0)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    data = Generator(args.seed).generate(args.n)
    print(f"complaints generated:   {len(data):,} in {time.perf_counter() - started:.1f} s")

    _cold()
    started = time.perf_counter()
    found = patterns.find_patterns(data, window_days=args.window_days, min_size=args.min_size)
    elapsed = time.perf_counter() - started
    kinds = Counter("entity" if p.entity else "practice" for p in found)
    print(f"find_patterns:          {elapsed:.1f} s (limit {args.limit_seconds:.0f} s)")
    print(
        f"groups:                 {len(found):,} ({kinds['entity']:,} by entity, "
        f"{kinds['practice']:,} by county + practice)"
    )
    if found:
        sizes = [p.size for p in found]
        print(f"group sizes:            max {max(sizes)}, median {sorted(sizes)[len(sizes) // 2]}")
        for pattern in found[:3]:
            print(f"  e.g. {pattern.reason}")

    if not args.no_memory:
        _cold()
        tracemalloc.start()
        started = time.perf_counter()
        patterns.find_patterns(data, window_days=args.window_days, min_size=args.min_size)
        traced = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak memory (traced):   {peak / 2**20:.1f} MiB (traced run took {traced:.1f} s)")

    if elapsed > args.limit_seconds:
        print(f"FAIL: find_patterns took {elapsed:.1f} s, over {args.limit_seconds:.0f} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
