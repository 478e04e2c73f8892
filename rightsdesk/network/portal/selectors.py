"""Reads of the volunteer portal and the coordinator's home, scoped to the user.

A volunteer reaches only what is theirs: visits they are signed up for, their own training
registrations, the mentoring pairs they are in and the matters they are a member of. Every
read of a person's details (a detained person on a visit, a volunteer, a matter) is audited."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from rightsdesk.accounts.roles import NETWORK_STAFF, VOLUNTEER_ROLES
from rightsdesk.cases import selectors as cases_selectors
from rightsdesk.cases.models import ConflictCheck, Matter, Party
from rightsdesk.network.models import (
    ConflictConfirmation,
    FollowUp,
    MentorPair,
    Training,
    TrainingRegistration,
    Visit,
    VisitPerson,
    VisitReport,
    VisitSignup,
    Volunteer,
)
from rightsdesk.network.visits import gaps as gaps_logic
from rightsdesk.vault.audit import audit_read, audit_reads

# How much each list on the coordinator's home shows; the counts cover everything.
SHORT_LIST = 8
# Gaps are looked for in the visits of the coming weeks, so the home's work stays bounded.
GAP_HORIZON_DAYS = 90
QUIET_DAYS = 30
# A past visit stays on its attorney's portal home until its report is filed, this long.
REPORT_DUE_DAYS = 60


def volunteer_for(user: Any) -> Volunteer | None:
    """The approved volunteer record behind a volunteer's account, if any."""
    return (
        Volunteer.objects.filter(user=user, status=Volunteer.Status.APPROVED)
        .only("pk", "user_id", "status", "kind")
        .first()
    )


# --- visit reports ------------------------------------------------------------------------


def visit_for_report(*, user: Any, pk: int) -> Visit:
    """The visit whose report this user may file: any visit for network staff; for a volunteer,
    only a visit they are on as its attorney (an active signup). 404 otherwise."""
    visits = Visit.objects.select_related("facility")
    if user.role in VOLUNTEER_ROLES:
        volunteer = volunteer_for(user)
        if volunteer is None:
            raise Http404
        visits = visits.filter(
            signups__volunteer=volunteer,
            signups__role=VisitSignup.Role.ATTORNEY,
            signups__cancelled_at__isnull=True,
        )
    elif user.role not in NETWORK_STAFF:
        raise Http404
    visit = visits.filter(pk=pk).first()
    if visit is None:
        raise Http404
    audit_read(by=user, obj=visit, detail={"purpose": "visit report"})
    return visit


@dataclass
class FollowUpRow:
    follow_up: FollowUp
    checks: list[ConflictCheck] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return not (self.follow_up.matter_id or self.follow_up.task_id)

    @property
    def undecided(self) -> list[ConflictCheck]:
        return [c for c in self.checks if c.hits and not c.decision]


@dataclass
class ReportPage:
    report: VisitReport | None
    people: list[VisitPerson]
    follow_ups: list[FollowUpRow]


def report_page(*, visit: Visit, user: Any) -> ReportPage:
    """The people to be seen, the report so far and its follow-ups with their matters'
    conflict checks; the people shown are recorded as read."""
    people = list(visit.people.all())
    audit_reads(by=user, objects=people, purpose="visit report")
    report = VisitReport.objects.filter(visit=visit).first()
    rows: list[FollowUpRow] = []
    if report is not None:
        follow_ups = list(
            report.follow_ups.select_related("person", "task").order_by("created_at", "pk")
        )
        matter_ids = {f.matter_id for f in follow_ups if f.matter_id}
        checks: dict[int, list[ConflictCheck]] = {}
        for check in ConflictCheck.objects.filter(matter_id__in=matter_ids):
            checks.setdefault(check.matter_id, []).append(check)
        rows = [
            FollowUpRow(f, checks.get(f.matter_id, []) if f.task_id is None else [])
            for f in follow_ups
        ]
    return ReportPage(report=report, people=people, follow_ups=rows)


def matter_for_task(*, user: Any, pk: int) -> Matter | None:
    """A matter the user may reach, to put a follow-up's task on (None when they may not)."""
    return cases_selectors.matters_for_user(user).filter(pk=pk).first()


# --- the conflict confirmation ----------------------------------------------------------


@dataclass
class ConfirmationPage:
    matter: Matter
    parties: list[Party]
    confirmation: ConflictConfirmation | None


def matter_for_confirmation(*, user: Any, pk: int) -> ConfirmationPage:
    """A matter the volunteer is on, with its party names and roles only: what they need to
    say whether they have a conflict, and nothing else of the matter."""
    matter = (
        cases_selectors.matters_for_user(user)
        .select_related(None)
        .filter(pk=pk)
        .only("pk", "kind")
        .first()
    )
    if matter is None:
        raise Http404
    parties = list(matter.parties.only("pk", "matter_id", "role", "name"))
    audit_read(by=user, obj=matter, detail={"purpose": "conflict confirmation"})
    confirmation = ConflictConfirmation.objects.filter(matter=matter, user=user).first()
    return ConfirmationPage(matter=matter, parties=parties, confirmation=confirmation)


# --- the volunteer's home ----------------------------------------------------------------


@dataclass
class PairRow:
    pair: MentorPair
    as_mentor: bool
    other: str  # the mentor's or the mentee's name


@dataclass
class MatterRow:
    matter: Matter
    confirmation: ConflictConfirmation | None

    @property
    def open_to_them(self) -> bool:
        return self.confirmation is not None and not self.confirmation.has_conflict


@dataclass
class PortalHome:
    volunteer: Volunteer | None
    visits: list[VisitSignup]
    reports_due: list[VisitSignup]
    trainings: list[TrainingRegistration]
    pairs: list[PairRow]
    matters: list[MatterRow]


def portal_home(user: Any) -> PortalHome:
    """Only this volunteer's own things. A matter's title is read only once they have confirmed
    no conflict; before that the home names it by number."""
    today = timezone.localdate()
    volunteer = volunteer_for(user)
    visits: list[VisitSignup] = []
    reports_due: list[VisitSignup] = []
    trainings: list[TrainingRegistration] = []
    pairs: list[PairRow] = []
    if volunteer is not None:
        signups = (
            VisitSignup.objects.filter(volunteer=volunteer, cancelled_at__isnull=True)
            .exclude(visit__status=Visit.Status.CANCELLED)
            .select_related("visit__facility")
            .order_by("visit__on", "visit__starts")
        )
        # A visit reported on the same day has happened: it is no longer upcoming.
        visits = list(signups.filter(visit__on__gte=today, visit__report__isnull=True))
        reports_due = list(
            signups.filter(
                role=VisitSignup.Role.ATTORNEY,
                visit__on__lt=today,
                visit__on__gte=today - timedelta(days=REPORT_DUE_DAYS),
                visit__report__isnull=True,
            )
        )
        trainings = list(
            TrainingRegistration.objects.filter(
                volunteer=volunteer,
                cancelled_at__isnull=True,
                training__cancelled_at__isnull=True,
                training__ends_at__gte=timezone.now(),
            )
            .select_related("training__topic")
            .order_by("training__starts_at")
        )
    pair_filter = Q(mentor=user)
    if volunteer is not None:
        pair_filter |= Q(mentee=volunteer)
    for pair in MentorPair.objects.filter(pair_filter, ended_on__isnull=True).select_related(
        "mentee", "mentor"
    ):
        as_mentor = pair.mentor_id == user.pk
        other = pair.mentee.name if as_mentor else str(pair.mentor)
        pairs.append(PairRow(pair=pair, as_mentor=as_mentor, other=other))
    mentees = [row.pair.mentee for row in pairs if row.as_mentor]
    audit_reads(by=user, objects=mentees, purpose="mentoring on the portal")

    memberships = Matter.objects.filter(members__user=user).only("pk", "kind", "status")
    confirmations = {
        c.matter_id: c
        for c in ConflictConfirmation.objects.filter(user=user).only(
            "matter_id", "has_conflict", "confirmed_at"
        )
    }
    open_ids = [pk for pk, c in confirmations.items() if not c.has_conflict]
    titles = dict(
        Matter.objects.filter(pk__in=open_ids, members__user=user).values_list("pk", "title")
    )
    matters = []
    for matter in memberships.order_by("-opened_at"):
        if matter.pk in titles:
            matter.title = titles[matter.pk]
        matters.append(MatterRow(matter=matter, confirmation=confirmations.get(matter.pk)))
    audit_reads(
        by=user, objects=[r.matter for r in matters if r.open_to_them], purpose="portal home"
    )
    return PortalHome(
        volunteer=volunteer,
        visits=visits,
        reports_due=reports_due,
        trainings=trainings,
        pairs=pairs,
        matters=matters,
    )


# --- the coordinator's home --------------------------------------------------------------


@dataclass
class GapRow:
    visit: Visit
    gaps: list[gaps_logic.Gap]


@dataclass
class CoordinatorHome:
    applied_count: int
    applied: list[Volunteer]
    gap_count: int
    gaps: list[GapRow]
    quiet_count: int
    quiet: list[MentorPair]
    training_count: int
    trainings: list[Training]
    conflict_count: int
    conflicts: list[ConflictConfirmation]
    follow_up_count: int
    follow_ups: list[FollowUp]


def coordinator_home(user: Any) -> CoordinatorHome:
    """Counts and short lists for the coordinator, in the same number of queries however many
    volunteers, visits, pairs and trainings there are."""
    today = timezone.localdate()
    now = timezone.now()

    applied = Volunteer.objects.filter(status=Volunteer.Status.APPLIED)
    applied_list = list(
        applied.only("pk", "reference", "kind", "applied_at").order_by("applied_at")[:SHORT_LIST]
    )

    upcoming = list(
        Visit.objects.filter(
            status=Visit.Status.PLANNED,
            on__gte=today,
            on__lte=today + timedelta(days=GAP_HORIZON_DAYS),
        )
        .select_related("facility")
        .only("pk", "on", "starts", "ends", "purpose", "attorneys_needed", "facility__name")
    )
    # Plain rows, not model instances: every visit in the horizon is counted. Only the people's
    # language codes are read; their names stay encrypted and unread.
    ids = [visit.pk for visit in upcoming]
    signups: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for visit_id, role, language in VisitSignup.objects.filter(
        visit_id__in=ids, cancelled_at__isnull=True
    ).values_list("visit_id", "role", "language"):
        signups[visit_id].append((role, language))
    spoken: dict[int, list[list[str]]] = defaultdict(list)
    for visit_id, languages in VisitPerson.objects.filter(visit_id__in=ids).values_list(
        "visit_id", "languages"
    ):
        spoken[visit_id].append(languages or [])
    gap_count = 0
    gap_rows = []
    for visit in upcoming:
        staffing = gaps_logic.staffing(
            attorneys_needed=visit.attorneys_needed,
            signups=signups[visit.pk],
            people_languages=spoken[visit.pk],
        )
        if not staffing.has_gaps:
            continue
        gap_count += 1
        # Words only for the visits shown.
        if len(gap_rows) < SHORT_LIST:
            gap_rows.append(GapRow(visit=visit, gaps=staffing.gaps(visit.on)))

    quiet = MentorPair.objects.filter(ended_on__isnull=True).filter(
        Q(last_check_in_on__lt=today - timedelta(days=QUIET_DAYS))
        | Q(last_check_in_on__isnull=True, started_on__lte=today - timedelta(days=QUIET_DAYS))
    )
    quiet_list = list(
        quiet.select_related("mentee", "mentor").order_by("last_check_in_on", "started_on")[
            :SHORT_LIST
        ]
    )
    audit_reads(by=user, objects=[p.mentee for p in quiet_list], purpose="coordinator home")

    trainings = Training.objects.filter(starts_at__gte=now, cancelled_at__isnull=True)
    training_list = list(
        trainings.annotate(
            registered=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True))
        ).order_by("starts_at")[:SHORT_LIST]
    )

    conflicts = ConflictConfirmation.objects.filter(has_conflict=True)
    conflict_list = list(conflicts.select_related("user").order_by("-confirmed_at")[:SHORT_LIST])
    audit_reads(by=user, objects=conflict_list, purpose="coordinator home")

    waiting = FollowUp.objects.filter(matter__isnull=True, task__isnull=True)
    waiting_list = list(
        waiting.select_related("report__visit__facility")
        .only(
            "pk",
            "created_at",
            "report__id",
            "report__visit__id",
            "report__visit__on",
            "report__visit__facility__name",
        )
        .order_by("created_at")[:SHORT_LIST]
    )
    return CoordinatorHome(
        applied_count=applied.count(),
        applied=applied_list,
        gap_count=gap_count,
        gaps=gap_rows,
        quiet_count=quiet.count(),
        quiet=quiet_list,
        training_count=trainings.count(),
        trainings=training_list,
        conflict_count=conflicts.count(),
        conflicts=conflict_list,
        follow_up_count=waiting.count(),
        follow_ups=waiting_list,
    )
