"""What the dashboards and the public statistics read: the pre-aggregated tallies (a few
hundred rows, however many complaints), plus a handful of counts over matters and visits.

Every page makes the same number of queries whatever the period or the data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rightsdesk.reports.disclosure import Key, suppress
from rightsdesk.reports.facts import (
    ANSWER,
    DECISION,
    FIRST_ANSWER,
    MONTH,
    PUBLIC,
    WAITING,
    percentile_days,
)
from rightsdesk.reports.models import Tally
from rightsdesk.reports.statistics import UNKNOWN

# A dashboard covers at most three years of months: longer would make tables nobody reads.
MAX_MONTHS = 36
GROUPS = {"area": "areas", "class": "classes", "actor": "actors"}


def value_label(dimension: str, value: str) -> str:
    """A dimension's value in the reader's words and language."""
    from rightsdesk.intake.models import Complaint
    from rightsdesk.network.languages import language_name
    from rightsdesk.triage.models import Decision
    from rightsdesk.triage.taxonomy import label, tags

    if value == UNKNOWN:
        return {"county": _("Place not known"), "area": _("Area not known")}.get(
            dimension, _("Not known")
        )
    if dimension in GROUPS and value in tags(GROUPS[dimension]):
        return label(GROUPS[dimension], value)
    if dimension == "language":
        return language_name(value)
    if dimension == "outcome":
        if value == WAITING:
            return _("No answer yet")
        return str(dict(Decision.Outcome.choices).get(value, value))
    choices = {"source": Complaint.Source.choices, "kind": Complaint.Kind.choices}
    return str(dict(choices.get(dimension, [])).get(value, value))


def months_between(first: str, last: str) -> list[str]:
    """Every "YYYY-MM" from first to last, both included."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_start(month: str) -> datetime:
    """The first instant of the month in the organisation's time zone."""
    day = date(int(month[:4]), int(month[5:7]), 1)
    return timezone.make_aware(datetime.combine(day, time.min))


def month_label(month: str) -> str:
    """ "2026-03" as the reader says it, short: "Mar 2026", "mar 2026"."""
    return date_format(date(int(month[:4]), int(month[5:7]), 1), "M Y")


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if number == 12 else f"{year:04d}-{number + 1:02d}"


@dataclass(frozen=True)
class Line:
    """One value of a dimension: its complaints month by month and over the period."""

    value: str
    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class AnswerTimes:
    label: str
    first_answered: int
    first_median: int | None
    first_p90: int | None
    decided: int
    decision_median: int | None
    decision_p90: int | None


def _answer_times(label: str, first: dict[int, int], decided: dict[int, int]) -> AnswerTimes:
    return AnswerTimes(
        label=label,
        first_answered=sum(first.values()),
        first_median=percentile_days(first, 0.5),
        first_p90=percentile_days(first, 0.9),
        decided=sum(decided.values()),
        decision_median=percentile_days(decided, 0.5),
        decision_p90=percentile_days(decided, 0.9),
    )


@dataclass(frozen=True)
class Work:
    matters_opened: tuple[int, ...]
    matters_closed: tuple[int, ...]
    court_dates_next_30: int
    court_dates_later: int
    deadlines_next_30: int
    deadlines_later: int
    visits_done: tuple[int, ...]
    visits_planned: tuple[int, ...]


@dataclass(frozen=True)
class Dashboard:
    months: list[str]
    dimension: str
    totals: tuple[int, ...]
    total: int
    lines: list[Line]  # the chosen dimension, most complaints first
    outcomes: list[Line]
    counties: dict[str, int]  # county name -> complaints in the period
    answers_by_month: list[AnswerTimes]
    answers: AnswerTimes
    work: Work


def _lines(dimension: str, cells: dict[str, dict[str, int]], months: list[str]) -> list[Line]:
    lines = [
        Line(
            value=value,
            label=value_label(dimension, value),
            counts=tuple(by_month.get(m, 0) for m in months),
            total=sum(by_month.values()),
        )
        for value, by_month in cells.items()
    ]
    return sorted(lines, key=lambda line: (-line.total, line.label))


def _per_month(
    queryset: QuerySet, field: str, months: list[str], extra: Q | None = None, *, days: bool = False
) -> tuple[int, ...]:
    """One query counting the rows whose ``field`` (a time, or a day with ``days``) falls in
    each month."""

    def bound(month: str) -> date | datetime:
        start = month_start(month)
        return start.date() if days else start

    counts = queryset.aggregate(
        **{
            f"m{i}": Count(
                "pk",
                filter=Q(**{f"{field}__gte": bound(m), f"{field}__lt": bound(_next_month(m))})
                & (extra or Q()),
            )
            for i, m in enumerate(months)
        }
    )
    return tuple(counts[f"m{i}"] for i in range(len(months)))


def work_figures(months: list[str], *, now: datetime | None = None) -> Work:
    """Matters opened and closed, court dates and deadlines ahead, facility visits."""
    from rightsdesk.cases.models import Matter, MatterDate
    from rightsdesk.network.models import Visit

    now = now or timezone.now()
    today = timezone.localdate(now)
    soon, soon_day = now + timedelta(days=30), today + timedelta(days=30)
    open_matter = ~Q(matter__status=Matter.Status.CLOSED)
    court = Q(kind__in=[MatterDate.Kind.COURT, MatterDate.Kind.HEARING])
    ahead = Q(starts__gte=now) | Q(all_day__gte=today)
    next_30 = Q(starts__gte=now, starts__lt=soon) | Q(all_day__gte=today, all_day__lt=soon_day)
    dates = MatterDate.objects.filter(open_matter & ahead).aggregate(
        court_soon=Count("pk", filter=court & next_30),
        court_all=Count("pk", filter=court),
        deadline_soon=Count("pk", filter=~court & next_30),
        deadline_all=Count("pk", filter=~court),
    )
    period = Q(
        on__gte=month_start(months[0]).date(), on__lt=month_start(_next_month(months[-1])).date()
    )
    visits = Visit.objects.filter(period)
    return Work(
        matters_opened=_per_month(Matter.objects.all(), "opened_at", months),
        matters_closed=_per_month(Matter.objects.all(), "closed_at", months),
        court_dates_next_30=dates["court_soon"],
        court_dates_later=dates["court_all"] - dates["court_soon"],
        deadlines_next_30=dates["deadline_soon"],
        deadlines_later=dates["deadline_all"] - dates["deadline_soon"],
        visits_done=_per_month(visits, "on", months, Q(status=Visit.Status.DONE), days=True),
        visits_planned=_per_month(visits, "on", months, Q(status=Visit.Status.PLANNED), days=True),
    )


def dashboard(first: str, last: str, dimension: str) -> Dashboard:
    """The staff dashboard for the months first..last ("YYYY-MM") by one dimension."""
    months = months_between(first, last)
    cells: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    totals: dict[str, int] = {}
    for period, a, b, count in Tally.objects.filter(
        cube=MONTH,
        period__gte=first,
        period__lte=last,
        a__in=["", dimension, "outcome", "county"],
        count__gt=0,
    ).values_list("period", "a", "b", "count"):
        if not a:
            totals[period] = count
        else:
            cells[a][b][period] = count
    histograms: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    overall: dict[str, dict[int, int]] = {
        FIRST_ANSWER: defaultdict(int),
        DECISION: defaultdict(int),
    }
    for period, a, b, count in Tally.objects.filter(
        cube=ANSWER, period__gte=first, period__lte=last, count__gt=0
    ).values_list("period", "a", "b", "count"):
        histograms[period][a][int(b)] = count
        overall[a][int(b)] += count
    month_totals = tuple(totals.get(m, 0) for m in months)
    return Dashboard(
        months=months,
        dimension=dimension,
        totals=month_totals,
        total=sum(month_totals),
        lines=_lines(dimension, cells[dimension], months),
        outcomes=_lines("outcome", cells["outcome"], months),
        counties={name: sum(by_month.values()) for name, by_month in cells["county"].items()},
        answers_by_month=[
            _answer_times(month_label(m), histograms[m][FIRST_ANSWER], histograms[m][DECISION])
            for m in months
        ],
        answers=_answer_times(_("Whole period"), overall[FIRST_ANSWER], overall[DECISION]),
        work=work_figures(months),
    )


@dataclass(frozen=True)
class Shown:
    """A published count: ``count`` is None where it is withheld."""

    value: str
    label: str
    count: int | None


@dataclass(frozen=True)
class PublicStatistics:
    year: str
    years: list[str]
    k: int
    total: int | None
    areas: list[Shown]
    counties: list[Shown]
    cross: list[tuple[Shown, list[Shown]]]  # per county: its count in each area of ``areas``

    @property
    def areas_shown(self) -> bool:
        """A chart of areas is worth drawing: at least one bar has a number."""
        return any(s.count is not None for s in self.areas)


def statistics_years() -> list[str]:
    return list(
        Tally.objects.filter(cube=PUBLIC, a="", b="", count__gt=0)
        .order_by("-period")
        .values_list("period", flat=True)
    )


def _key(value: str) -> str | None:
    return value or None


def public_statistics(year: str | None = None) -> PublicStatistics:
    """A year's complaints by county and area, with disclosure control over the whole table
    (every cell and margin at once, so no shown number gives away a withheld one)."""
    years = statistics_years()
    if year not in years:
        year = years[0] if years else str(timezone.localdate().year)
    counts: dict[Key, int] = {
        (_key(a), _key(b)): n
        for a, b, n in Tally.objects.filter(cube=PUBLIC, period=year, count__gt=0).values_list(
            "a", "b", "count"
        )
    }
    k = settings.DISCLOSURE_K
    shown = suppress(counts, k=k) if counts else {}
    county_names = sorted({c for c, _a in counts if c is not None}, key=_place_order)
    area_keys = sorted(
        {a for _c, a in counts if a is not None},
        key=lambda a: (a == UNKNOWN, value_label("area", a)),
    )

    def cell(county: str | None, area: str | None) -> int | None:
        return shown.get((county, area), 0)

    areas = [Shown(a, value_label("area", a), cell(None, a)) for a in area_keys]
    counties = [Shown(c, value_label("county", c), cell(c, None)) for c in county_names]
    return PublicStatistics(
        year=year,
        years=years,
        k=k,
        total=cell(None, None),
        areas=areas,
        counties=counties,
        cross=[
            (county, [Shown(a.value, a.label, cell(county.value, a.value)) for a in areas])
            for county in counties
        ],
    )


def _place_order(name: str) -> tuple[bool, str]:
    return (name == UNKNOWN, name)
