"""Demo events: a workshop tour through the towns of the 2019 raids, a town hall, an online
class, a full one with a waiting list, a sensitive one and a past one. Fictional people only."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from rightsdesk.events.models import Event, stored_codes
from rightsdesk.events.registrations import registration_make

MADISON, LEAKE, SCOTT, HINDS, ADAMS = "28089", "28079", "28123", "28049", "28001"

EVENTS = [
    # (days from now, hour, kind, title, place, address, county, languages, interpretation,
    #  capacity, walk-ins, sensitive, host)
    (3, 18, "know_your_rights", "Know your rights at home and at work", "address",
     "Canton Public Library, 102 Priestley St, Canton, MS 39046", MADISON, ["es", "en"], ["mam"],
     40, True, False, "Mississippi Immigrant Justice Center"),
    (5, 18, "know_your_rights", "Know your rights at home and at work", "address",
     "Morton City Hall, 44 E 1st Ave, Morton, MS 39117", SCOTT, ["es", "en"], ["mam"], 4, False,
     False, "Mississippi Immigrant Justice Center"),
    (8, 17, "immigration_101", "Immigration 101: how the system works", "online", "", "",
     ["en"], ["es"], None, True, False, "ACLU of Mississippi"),
    (10, 19, "know_your_rights", "What to do if immigration agents come", "after_signup",
     "St. Anne Parish Hall, 215 Oak St, Carthage, MS 39051", LEAKE, ["es"], [], 30, False, True,
     "Mississippi Immigrant Justice Center"),
    (14, 18, "town_hall", "Community conversation: a civil rights law for Mississippi",
     "address", "Natchez City Hall, 124 S Pearl St, Natchez, MS 39120", ADAMS, ["en"], ["es"],
     120, True, False, "We Are ALL Mississippi"),
    (-20, 18, "town_hall", "Community conversation in Jackson", "address",
     "Jackson Medical Mall, 350 W Woodrow Wilson Ave, Jackson, MS 39213", HINDS, ["en"], ["es"],
     None, True, False, "We Are ALL Mississippi"),
    (-60, 18, "know_your_rights", "Know your rights at home and at work", "address",
     "Canton Multipurpose Complex, 501 Soldier Colony Rd, Canton, MS 39046", MADISON,
     ["es", "en"], ["mam"], None, True, False, "Mississippi Immigrant Justice Center"),
    (-75, 18, "know_your_rights", "Know your rights at home and at work", "address",
     "Morton City Hall, 44 E 1st Ave, Morton, MS 39117", SCOTT, ["es", "en"], ["mam"], None,
     True, False, "Mississippi Immigrant Justice Center"),
    (-150, 17, "immigration_101", "Immigration 101 for neighbours", "address",
     "Natchez City Hall, 124 S Pearl St, Natchez, MS 39120", ADAMS, ["en"], [], None, True,
     False, "ACLU of Mississippi"),
]  # fmt: skip

# People who walked in, counted at past events (by days back).
WALK_INS = {-20: 23, -60: 112, -75: 47, -150: 9}

PEOPLE = ["Lupe", "Ana", "Beto", "Rosa", "Tomás", "Kim"]


def demo(now: datetime) -> None:
    if Event.objects.filter(training__isnull=True).exists():
        return
    zone = ZoneInfo(settings.TIME_ZONE)
    for index, row in enumerate(EVENTS):
        days, hour, kind, title, place, address, county, languages, interp, capacity = row[:10]
        walk_ins, sensitive, host = row[10:]
        day = (now.astimezone(zone) + timedelta(days=days)).date()
        starts = datetime.combine(day, time(hour), tzinfo=zone)
        event = Event.objects.create(
            kind=kind,
            title=title,
            description="Bring your questions. Free, with snacks and childcare.",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1, minutes=30),
            place=place,
            address=address,
            county=county,
            languages=stored_codes(languages),
            interpretation=stored_codes(interp),
            accessibility="Step-free entrance. Seats for everyone." if place == "address" else "",
            host=host,
            capacity=capacity,
            walk_ins=walk_ins,
            sensitive=sensitive,
        )
        if days < 0:
            event.walk_in_count = WALK_INS[days]
            event.feedback_useful = WALK_INS[days] // 2
            event.feedback_somewhat = WALK_INS[days] // 5
            event.save(update_fields=["walk_in_count", "feedback_useful", "feedback_somewhat"])
            continue
        # The small Morton workshop is full, with two people waiting.
        for n in range(6 if capacity == 4 else 3):
            registration_make(
                event=event,
                data={
                    "name": PEOPLE[(n + index) % len(PEOPLE)],
                    "email": f"demo{index}{n}@example.org",
                    "phone": "",
                    "party_size": 1 + (n % 2),
                    "interpretation": interp[0] if interp and n == 0 else "",
                    "needs": "",
                },
                language="es" if n % 2 else "en",
                token=None,
            )
