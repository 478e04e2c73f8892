import io
from collections import Counter
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from rightsdesk.intake.models import Complaint
from rightsdesk.intake.services import complaint_create
from rightsdesk.reports.facts import (
    ANSWER,
    DECISION,
    FIRST_ANSWER,
    MONTH,
    PUBLIC,
    Facts,
    fact_keys,
    month_of,
    percentile_days,
)
from rightsdesk.reports.models import ComplaintFact, Tally
from rightsdesk.reports.services import facts_catch_up, facts_rebuild, facts_refresh
from rightsdesk.triage.models import Screening
from rightsdesk.triage.services import decision_record, screening_correct, screening_run

HOUSING_AND_WORK = Facts(
    received=date(2026, 3, 14),
    county="Hinds",
    areas=("employment", "housing"),
    classes=("national_origin",),
    actors=(),
    language="es",
    source="online",
    kind="help",
    outcome="waiting",
    first_answer_days=None,
    decision_days=None,
)


def test_a_complaint_with_two_areas_counts_once_in_every_total():
    keys = fact_keys(HOUSING_AND_WORK)
    assert {k for k in keys if k[0] == PUBLIC} == {
        (PUBLIC, "2026", "Hinds", "employment"),
        (PUBLIC, "2026", "Hinds", "housing"),
        (PUBLIC, "2026", "Hinds", ""),
        (PUBLIC, "2026", "", "employment"),
        (PUBLIC, "2026", "", "housing"),
        (PUBLIC, "2026", "", ""),
    }
    month = {k[2:] for k in keys if k[0] == MONTH}
    assert ("", "") in month and ("area", "housing") in month and ("area", "employment") in month
    assert ("actor", "unknown") in month  # no actor tagged is still a complaint in the month
    assert ("outcome", "waiting") in month and ("language", "es") in month
    assert not [k for k in keys if k[0] == ANSWER]


def test_answer_days_are_kept_by_month_received():
    answered = Facts(**{**HOUSING_AND_WORK.__dict__, "first_answer_days": 3, "decision_days": 9})
    assert {k for k in fact_keys(answered) if k[0] == ANSWER} == {
        (ANSWER, "2026-03", FIRST_ANSWER, "3"),
        (ANSWER, "2026-03", DECISION, "9"),
    }
    assert month_of(date(2026, 11, 2)) == "2026-11"


@pytest.mark.parametrize(
    ("histogram", "fraction", "expected"),
    [
        ({}, 0.5, None),
        ({4: 1}, 0.9, 4),
        ({1: 1, 2: 1, 3: 1, 10: 1}, 0.5, 2),
        ({1: 5, 2: 4, 30: 1}, 0.9, 2),
        ({1: 5, 2: 4, 30: 2}, 0.9, 30),
        ({0: 10}, 0.5, 0),
    ],
)
def test_percentile_days_is_the_nearest_rank(histogram, fraction, expected):
    assert percentile_days(histogram, fraction) == expected


def _complaint(what, *, county="Hinds", days_ago=0, language="en"):
    data = {
        "contact": {"name": "Test Person"},
        "incident": {
            "what": what,
            "when": (timezone.localdate() - timedelta(days=days_ago + 5)).isoformat(),
            "where": {"city": "Jackson", "county": county, "state": "MS"},
        },
    }
    complaint, _ = complaint_create(data=data, kind="help", source="online", language=language)
    Complaint.objects.filter(pk=complaint.pk).update(
        received_at=timezone.now() - timedelta(days=days_ago)
    )
    complaint.refresh_from_db()
    return complaint


HOUSING = "The landlord refused to rent to us because we are Mexican."
JOB = "My boss fired me because I am pregnant."


def _tallies():
    return {(t.cube, t.period, t.a, t.b): t.count for t in Tally.objects.filter(count__gt=0)}


def _recount():
    """What a rebuild from scratch says, without keeping it."""
    totals = Counter()
    for fact in ComplaintFact.objects.all():
        totals.update(tuple(k) for k in fact.keys)
    return dict(totals)


@pytest.mark.django_db
def test_screening_keeps_the_tallies_equal_to_a_recount():
    for text, county in ((HOUSING, "Hinds"), (HOUSING, "Madison"), (JOB, "Hinds")):
        screening_run(complaint=_complaint(text, county=county))
    live = _tallies()
    assert live == _recount()
    year = str(timezone.localdate().year)
    assert live[(PUBLIC, year, "Hinds County", "housing")] == 1
    assert live[(PUBLIC, year, "", "housing")] == 2
    assert live[(PUBLIC, year, "", "")] == 3
    assert live[(MONTH, month_of(timezone.localdate()), "", "")] == 3
    assert facts_rebuild() == 3
    assert _tallies() == live  # the rebuild agrees with the live upkeep


@pytest.mark.django_db
def test_a_complaint_not_yet_screened_is_not_counted():
    _complaint(HOUSING)
    assert _tallies() == {}
    assert facts_catch_up() == 0


@pytest.mark.django_db
def test_staff_correction_moves_the_complaint_between_areas(make_staff):
    complaint = _complaint(HOUSING)
    screening_run(complaint=complaint)
    year = str(timezone.localdate().year)
    assert _tallies()[(PUBLIC, year, "Hinds County", "housing")] == 1
    screening_correct(
        screening=Screening.objects.get(complaint=complaint),
        by=make_staff("attorney"),
        accepted={"areas": ["employment"], "classes": ["national_origin"]},
        scope="individual",
    )
    after = _tallies()
    assert (PUBLIC, year, "Hinds County", "housing") not in after
    assert after[(PUBLIC, year, "Hinds County", "employment")] == 1
    assert after[(PUBLIC, year, "", "")] == 1
    assert after == _recount()


@pytest.mark.django_db
def test_decisions_set_the_outcome_and_the_days_to_answer(make_staff):
    complaint = _complaint(JOB, days_ago=6)
    screening_run(complaint=complaint)
    month = month_of(timezone.localtime(complaint.received_at).date())
    attorney = make_staff("attorney")
    decision_record(
        complaint=complaint, outcome="need_info", reason="ask", by=attorney, question="When?"
    )
    after_question = _tallies()
    assert after_question[(MONTH, month, "outcome", "need_info")] == 1
    assert after_question[(ANSWER, month, FIRST_ANSWER, "6")] == 1
    assert not [k for k in after_question if k[:3] == (ANSWER, month, DECISION)]
    decision_record(
        complaint=Complaint.objects.get(pk=complaint.pk),
        outcome="decline",
        reason="out of scope",
        by=attorney,
    )
    after = _tallies()
    assert (MONTH, month, "outcome", "need_info") not in after
    assert after[(MONTH, month, "outcome", "decline")] == 1
    assert after[(ANSWER, month, FIRST_ANSWER, "6")] == 1  # the first answer stays the first
    assert after[(ANSWER, month, DECISION, "6")] == 1
    assert after == _recount()


@pytest.mark.django_db
def test_refreshing_twice_changes_nothing():
    complaint = _complaint(HOUSING)
    screening_run(complaint=complaint)
    before = _tallies()
    facts_refresh(complaint)
    facts_refresh(complaint)
    assert _tallies() == before


@pytest.mark.django_db
def test_catch_up_counts_complaints_screened_before_the_reports(settings):
    complaints = [_complaint(HOUSING), _complaint(JOB)]
    for complaint in complaints:
        screening_run(complaint=complaint)
    ComplaintFact.objects.all().delete()
    Tally.objects.all().delete()
    assert facts_catch_up(limit=1) == 1
    assert facts_catch_up() == 1
    assert facts_catch_up() == 0
    assert _tallies()[(PUBLIC, str(timezone.localdate().year), "", "")] == 2


@pytest.mark.django_db
def test_the_rebuild_command_recounts_and_says_how_many():
    screening_run(complaint=_complaint(HOUSING))
    Tally.objects.update(count=99)
    out = io.StringIO()
    call_command("recount", stdout=out)
    assert "Counted 1 complaints." in out.getvalue()
    assert max(_tallies().values()) == 1


@pytest.mark.django_db
def test_deleting_a_complaint_takes_it_out_of_the_tallies():
    kept, gone = _complaint(HOUSING), _complaint(JOB)
    for complaint in (kept, gone):
        screening_run(complaint=complaint)
    year = str(timezone.localdate().year)
    assert _tallies()[(PUBLIC, year, "", "")] == 2
    gone.delete()
    after = _tallies()
    assert after[(PUBLIC, year, "", "")] == 1
    assert after == _recount()
