"""Reads for facility visits: the matcher's candidates (a constant number of queries however
many volunteers there are), a visit with what it still needs, and what a volunteer may see.

Staff reads that show people (detained people's names, volunteers' names) are audited; the
volunteer portal's reads are scoped to the volunteer's own signups and to open places they
could fill, and never show a detained person's name on a visit they are not on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from types import MappingProxyType
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, Max, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat, Greatest, Least
from django.http import Http404
from django.utils import timezone

from rightsdesk.network.models import (
    Availability,
    Visit,
    VisitPerson,
    VisitSignup,
    Volunteer,
    VolunteerLanguage,
)
from rightsdesk.network.trainings.selectors import (
    done_by,
    missing_requirements,
    requirements_for,
)
from rightsdesk.network.visits import gaps as gaps_logic
from rightsdesk.network.visits.matching import Candidate, Need, Skill
from rightsdesk.vault.audit import audit_read

ATTORNEY = Volunteer.Kind.ATTORNEY
INTERPRETER = Volunteer.Kind.INTERPRETER
NO_SKILLS: Mapping[str, Skill] = MappingProxyType({})


def applies_to_for(purpose: str) -> list[str]:
    """The Requirement.applies_to values a visit of this purpose must satisfy."""
    return ["visit", f"visit:{purpose}"]


def candidates_for(
    *,
    on: date,
    purpose: str,
    attorneys: bool,
    languages: Sequence[str],
    starts: time | None = None,
    ends: time | None = None,
    exclude: Iterable[int] = (),
) -> list[Candidate]:
    """Approved volunteers who could take a place: attorneys (if ``attorneys``) and
    interpreters of any of ``languages``, with their free time on ``on``. Four queries at most
    however many volunteers there are, reading no encrypted column.

    The database does the sifting, so Python sees one row per volunteer and table: whether
    each has done every required training, and, of their availability that day, whether a row
    covers the whole visit (2), part of it (1, with the latest-ending overlap as text) or only
    other times (0)."""
    kinds = ([ATTORNEY] if attorneys else []) + ([INTERPRETER] if languages else [])
    if not kinds:
        return []
    needed = requirements_for(applies_to_for(purpose))
    # Which required topics each has not done, as the bits of one number.
    not_done = sum(
        (
            Case(When(~Q(pk__in=done_by(t.key)), then=Value(1 << i)), default=Value(0))
            for i, t in enumerate(needed)
        ),
        Value(0),
    )
    people = _rows(
        Volunteer.objects.filter(status=Volunteer.Status.APPROVED, kind__in=kinds)
        .exclude(pk__in=list(exclude))
        .annotate(not_done=not_done, last_visit=Cast("last_visit_on", CharField()))
        .values_list("id", "reference", "kind", "county", "last_visit", "not_done")
        .order_by()  # the matcher sorts; a sort here is wasted
    )
    # The other tables are read without a join to the volunteers (cheaper) and kept only for
    # the volunteers just read.
    ids = {row[0] for row in people}
    skills: dict[int, dict[str, Skill]] = defaultdict(dict)
    if languages:
        rows = _rows(
            VolunteerLanguage.objects.filter(code__in=list(languages))
            .values_list("volunteer_id", "code", "self_level", "verified_level")
            .order_by()
        )
        # A few dozen distinct skills among thousands of rows: share the instances.
        shared: dict[tuple[str, str], Skill] = {}
        for volunteer_id, code, self_level, verified_level in rows:
            if volunteer_id in ids:
                key = (self_level, verified_level)
                skill = shared.get(key)
                if skill is None:
                    skill = shared[key] = Skill(self_level, verified_level)
                skills[volunteer_id][code] = skill
    windows, busy = _free_time(on, starts, ends)
    missing = {
        bits: tuple(t.name for i, t in enumerate(needed) if bits & (1 << i))
        for bits in range(1 << len(needed))
    }
    days: dict[str | None, date | None] = {None: None}
    for row in people:
        if row[4] not in days:
            days[row[4]] = date.fromisoformat(row[4])
    # Positional arguments: three times faster than keywords over thousands of rows.
    return [
        Candidate(
            pk,
            reference,
            kind,
            county,
            days[last_visit],
            skills.get(pk, NO_SKILLS),
            windows.get(pk, ()),
            pk in busy,
            missing[not_done],
        )
        for pk, reference, kind, county, last_visit, not_done in people
        # Interpreters who speak none of the languages cannot take a place.
        if kind == ATTORNEY or pk in skills
    ]


def _rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The query's rows as the database driver gives them. The matcher reads thousands of rows
    of ids, text and small numbers, which SQLite and PostgreSQL return alike; skipping the
    ORM's per-value converters halves the time (bench/network.py). Dates and times must be
    cast to text in the query."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _free_time(
    on: date, starts: time | None, ends: time | None
) -> tuple[dict[int, tuple[tuple[time, time], ...]], set[int]]:
    """Each volunteer's free time on ``on`` as the matcher needs it: the whole visit, or the
    part of it they are free for, and the set of those who gave only other times. One query,
    one row per volunteer."""
    that_day = (
        Availability.objects.filter(Q(weekday=on.weekday(), on_date__isnull=True) | Q(on_date=on))
        .order_by()
        .values("volunteer_id")
    )
    if starts is None or ends is None:
        whole_day = ((time(0), time(23, 59)),)
        ids = _rows(that_day.distinct().values_list("volunteer_id"))
        return {pk: whole_day for (pk,) in ids}, set()
    covers = Q(starts__lte=starts, ends__gte=ends)
    overlaps = Q(starts__lt=ends, ends__gt=starts)
    # "HH:MM:SS-HH:MM:SS" (overlap end, then start) sorts as text by end, so Max picks the
    # overlap that runs latest, and both times come back in one column.
    overlap = Concat(
        Cast(Least("ends", Value(ends)), CharField()),
        Value("-"),
        Cast(Greatest("starts", Value(starts)), CharField()),
        output_field=CharField(),
    )
    rows = _rows(
        that_day.annotate(
            fit=Max(
                Case(When(covers, then=Value(2)), When(overlaps, then=Value(1)), default=Value(0))
            ),
            part=Max(Case(When(overlaps & ~covers, then=overlap))),
        ).values_list("volunteer_id", "fit", "part")
    )
    windows: dict[int, tuple[tuple[time, time], ...]] = {}
    busy: set[int] = set()
    whole_visit = ((starts, ends),)
    for volunteer_id, fit, part in rows:
        if fit == 2:
            windows[volunteer_id] = whole_visit
        elif fit == 1:
            part_ends, part_starts = part.split("-")
            windows[volunteer_id] = (
                (time.fromisoformat(part_starts), time.fromisoformat(part_ends)),
            )
        else:
            busy.add(volunteer_id)
    return windows, busy


# --- one visit and what it needs ---------------------------------------------------------------


@dataclass(frozen=True)
class VisitState:
    """A visit with its active signups and what is still open."""

    visit: Visit
    signups: list[VisitSignup]
    people: list[VisitPerson]
    needed: list[str]  # languages that need an interpreter
    uncovered: list[str]
    attorneys_on: int
    gaps: list[gaps_logic.Gap]

    @property
    def attorney_places(self) -> int:
        return max(0, self.visit.attorneys_needed - self.attorneys_on)

    @property
    def is_full(self) -> bool:
        return not self.attorney_places and not self.uncovered

    def need(self) -> Need:
        return Need(
            on=self.visit.on,
            facility_county=self.visit.facility.county,
            attorneys=self.attorney_places,
            languages=tuple(self.uncovered),
            starts=self.visit.starts,
            ends=self.visit.ends,
        )

    def candidates(self) -> list[Candidate]:
        """Everyone who could take one of the places still open."""
        need = self.need()
        return candidates_for(
            on=need.on,
            purpose=self.visit.purpose,
            attorneys=need.attorneys > 0,
            languages=need.languages,
            starts=need.starts,
            ends=need.ends,
            exclude=[s.volunteer_id for s in self.signups],
        )


def _active_signups() -> QuerySet[VisitSignup]:
    return VisitSignup.objects.filter(cancelled_at__isnull=True)


def state_of(visit: Visit) -> VisitState:
    """What a visit needs, from its prefetched ``active_signups`` and ``people`` (see
    _visits_with_state) or, without the prefetch, from two queries."""
    signups = getattr(visit, "active_signups", None)
    if signups is None:
        signups = list(_active_signups().filter(visit=visit).select_related("volunteer"))
    people = list(visit.people.all())
    staffing = gaps_logic.staffing(
        attorneys_needed=visit.attorneys_needed,
        signups=[(s.role, s.language) for s in signups],
        people_languages=[p.languages or [] for p in people],
    )
    return VisitState(
        visit=visit,
        signups=signups,
        people=people,
        needed=staffing.needed,
        uncovered=staffing.uncovered,
        attorneys_on=staffing.attorneys_on,
        gaps=staffing.gaps(visit.on),
    )


def _visits_with_state(*, people_columns: Sequence[str] = ("visit_id", "languages")) -> Any:
    """Visits with their facility, active signups and people loaded in three queries. List
    pages load only the people's languages, never their names."""
    return Visit.objects.select_related("facility").prefetch_related(
        Prefetch("signups", queryset=_active_signups(), to_attr="active_signups"),
        Prefetch("people", queryset=VisitPerson.objects.only("pk", *people_columns)),
    )


def upcoming_visits(*, today: date | None = None) -> QuerySet[Visit]:
    """Planned visits from today on, soonest first, for the coordinator's list."""
    today = today or timezone.localdate()
    return _visits_with_state().filter(status=Visit.Status.PLANNED, on__gte=today)


RECENT_VISIT_DAYS = 60
RECENT_VISITS_SHOWN = 20


def recent_visits(*, today: date | None = None) -> list[Visit]:
    """Visits of the last 60 days up to today that were not cancelled, latest first, with
    their report (if filed): a report can be filed from the visit's day, and past visits leave
    the planned list, so this is the coordinator's way to every report."""
    today = today or timezone.localdate()
    return list(
        Visit.objects.filter(on__lte=today, on__gte=today - timedelta(days=RECENT_VISIT_DAYS))
        .exclude(status=Visit.Status.CANCELLED)
        .select_related("facility", "report")
        .order_by("-on", "-starts")[:RECENT_VISITS_SHOWN]
    )


def visit_get_for_staff(*, user: Any, pk: int) -> VisitState:
    """The coordinator's visit page: names of the people to be seen and of the volunteers on
    it, so the read is audited."""
    visit = (
        Visit.objects.select_related("facility")
        .prefetch_related(
            Prefetch(
                "signups",
                queryset=_active_signups().select_related("volunteer"),
                to_attr="active_signups",
            ),
            "people",
        )
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    state = state_of(visit)
    # One entry for the page (one commit): the visit's people and the volunteers on it.
    audit_read(
        by=user,
        obj=visit,
        detail={"people": len(state.people), "volunteers": [s.volunteer_id for s in state.signups]},
    )
    return state


# --- the volunteer portal ------------------------------------------------------------------------


def volunteer_for_user_or_none(user: Any) -> Volunteer | None:
    """The signed-in account's own approved volunteer record, if it has one."""
    return Volunteer.objects.filter(user=user, status=Volunteer.Status.APPROVED).first()


def volunteer_for_user(user: Any) -> Volunteer:
    """The signed-in volunteer's own record; 404 for an account that is not an approved one."""
    volunteer = volunteer_for_user_or_none(user)
    if volunteer is None:
        raise Http404
    return volunteer


def places_for(volunteer: Volunteer, state: VisitState, spoken: set[str]) -> list[tuple[str, str]]:
    """The (role, language) places on this visit the volunteer could claim now."""
    if state.visit.status != Visit.Status.PLANNED or state.visit.on < timezone.localdate():
        return []
    if any(s.volunteer_id == volunteer.pk for s in state.signups):
        return []
    if volunteer.kind == ATTORNEY and state.attorney_places:
        return [(VisitSignup.Role.ATTORNEY, "")]
    if volunteer.kind == INTERPRETER:
        return [(VisitSignup.Role.INTERPRETER, code) for code in state.uncovered if code in spoken]
    return []


def trainings_lacking(volunteer: Volunteer, visit: Visit) -> list[str]:
    """Names of the required trainings the volunteer has not done for this kind of visit: they
    must do them before taking a place themselves. Two queries."""
    missing = missing_requirements([volunteer.pk], applies_to_for(visit.purpose))
    return [topic.name for topic in missing[volunteer.pk]]


def spoken_by(volunteer: Volunteer) -> set[str]:
    return set(volunteer.languages.values_list("code", flat=True))


def portal_visits(volunteer: Volunteer) -> tuple[list[tuple[VisitState, Any]], list[Any]]:
    """The volunteer's own upcoming visits (with their signup) and the open visits they could
    fill (with the places), from a constant number of queries."""
    spoken = spoken_by(volunteer)
    mine: list[tuple[VisitState, Any]] = []
    open_: list[tuple[VisitState, list[tuple[str, str]]]] = []
    for visit in upcoming_visits():
        state = state_of(visit)
        own = next((s for s in state.signups if s.volunteer_id == volunteer.pk), None)
        if own is not None:
            mine.append((state, own))
        elif places := places_for(volunteer, state, spoken):
            open_.append((state, places))
    return mine, open_


def visit_for_volunteer(*, volunteer: Volunteer, pk: int) -> tuple[VisitState, Any, list[Any]]:
    """A visit as a volunteer may see it: their own (state, signup, []) or an open one they
    could fill (state, None, places). Anything else is a 404, so a volunteer cannot even learn
    that a full visit exists."""
    visit = (
        _visits_with_state(people_columns=("visit_id", "languages", "name", "matter_id"))
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    state = state_of(visit)
    own = next((s for s in state.signups if s.volunteer_id == volunteer.pk), None)
    if own is not None:
        return state, own, []
    places = places_for(volunteer, state, spoken_by(volunteer))
    if not places:
        raise Http404
    return state, None, places


def signup_for_volunteer(*, volunteer: Volunteer, pk: int) -> VisitSignup:
    """One of the volunteer's own active signups; anyone else's is a 404."""
    signup = (
        _active_signups()
        .select_related("visit__facility")
        .filter(pk=pk, volunteer=volunteer)
        .first()
    )
    if signup is None:
        raise Http404
    return signup


def feed_signups(user: Any, *, since: date) -> list[VisitSignup]:
    """The account's active signups on planned visits from ``since`` on, for its calendar feed."""
    return list(
        _active_signups()
        .filter(volunteer__user=user, visit__status=Visit.Status.PLANNED, visit__on__gte=since)
        .select_related("visit__facility")
    )


def visit_feed_items(user: Any, *, since: date, tz: Any) -> list[Any]:
    """Calendar entries (cases.reminders.DatedItem) for the account's facility visits, for the
    cases app's per-person feed. Titles name the facility only: the feed can show on a phone's
    lock screen, so never anyone to be seen."""
    from datetime import datetime

    from django.utils.translation import gettext as _

    from rightsdesk.cases.reminders import DatedItem

    items = []
    for signup in feed_signups(user, since=since):
        visit = signup.visit
        items.append(
            DatedItem(
                uid=f"visit-signup-{signup.pk}",
                title=_("Facility visit: %(facility)s") % {"facility": visit.facility.name},
                starts=datetime.combine(visit.on, visit.starts, tzinfo=tz),
                ends=datetime.combine(visit.on, visit.ends, tzinfo=tz),
                all_day=None,
                lead_minutes=(24 * 60,),
            )
        )
    return items
