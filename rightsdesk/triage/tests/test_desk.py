import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from rightsdesk.conftest import queries_for, sign_in
from rightsdesk.intake.models import Complaint
from rightsdesk.intake.services import complaint_create
from rightsdesk.triage.models import ComplaintEntity, Screening, ScreeningTag
from rightsdesk.triage.services import screening_run
from rightsdesk.vault.models import AuditEntry
from rightsdesk.vault.testing import plaintext_found

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parent / "data" / "examples.jsonl"


def _make(what, *, days_ago=0, county="Hinds", city="Jackson", **extra):
    data = {
        "contact": {"name": "Test Person"},
        "incident": {
            "what": what,
            "when": (timezone.localdate() - timedelta(days=10)).isoformat(),
            "where": {"city": city, "county": county, "state": "MS"},
        },
        **extra,
    }
    complaint, _ = complaint_create(data=data, kind="help", source="online", language="en")
    Complaint.objects.filter(pk=complaint.pk).update(
        received_at=timezone.now() - timedelta(days=days_ago)
    )
    complaint.refresh_from_db()
    screening_run(complaint=complaint)
    return complaint


def test_screening_stores_tags_deadlines_and_entities_without_plaintext():
    complaint = _make(
        "The landlord refused to rent to us because we are Mexican and said he does not rent "
        "to immigrants.",
        responsible_parties=[{"name": "Pine Ridge Apartments", "role": "refused the lease"}],
    )
    screening = Screening.objects.get(complaint=complaint)
    tags = set(screening.tags.values_list("group", "tag"))
    assert ("areas", "housing") in tags and ("classes", "national_origin") in tags
    assert {d["rule"] for d in screening.deadlines} >= {"hud_fair_housing", "fair_housing_suit"}
    assert all(d["citation"] for d in screening.deadlines)
    assert ComplaintEntity.objects.filter(complaint=complaint).exists()
    assert AuditEntry.objects.filter(action="screened", object_id=str(complaint.pk)).exists()
    assert plaintext_found(["Pine Ridge", "Mexican", "refused to rent"]) == []


def test_the_queue_puts_custody_then_court_then_deadlines_then_the_oldest(client, make_staff):
    old_plain = _make("A rude clerk at a store.", days_ago=20)
    new_plain = _make("A rude clerk at another store.", days_ago=1)
    custody = _make(
        "My son is in the jail and they beat him.",
        days_ago=2,
        detention={"is_detained": True, "facility": "Hinds County Jail"},
    )
    Complaint.objects.filter(pk=custody.pk).update(in_custody=True)
    screening_run(complaint=Complaint.objects.get(pk=custody.pk))
    court = _make(
        "My eviction hearing is coming.",
        days_ago=3,
        court_dates=[{"date": (timezone.localdate() + timedelta(days=5)).isoformat()}],
    )
    Complaint.objects.filter(pk=court.pk).update(
        next_court_date=timezone.localdate() + timedelta(days=5)
    )
    screening_run(complaint=Complaint.objects.get(pk=court.pk))
    sign_in(client, make_staff("attorney"))
    html = client.get("/staff/screening/").content.decode()
    order = [html.index(c.reference) for c in (custody, court, old_plain, new_plain)]
    assert order == sorted(order)
    # Dates carry their year: a deadline next November must not read like one already passed.
    hearing = timezone.localdate() + timedelta(days=5)
    assert f"Court {hearing:%b} {hearing.day}, {hearing.year}" in html
    deadline = Screening.objects.get(complaint=custody).next_deadline
    assert deadline and f"Deadline {deadline:%b} {deadline.day}, {deadline.year}" in html
    # Red only when near: the hearing in 5 days is, a deadline months away is not, even on a
    # row that is urgent because the person is in custody.
    assert f'<span class="tag tag-warn">Court {hearing:%b} {hearing.day}' in html
    far = deadline > timezone.localdate() + timedelta(days=29)
    warn = f'<span class="tag tag-warn">Deadline {deadline:%b} {deadline.day}'
    assert far and warn not in html


def test_the_queue_pages_keep_its_filters(client, make_staff):
    from rightsdesk.triage import views

    sign_in(client, make_staff("intake"))
    for _ in range(views.PAGE_SIZE + 1):
        _make("A rude clerk at a store.", county="Scott", city="Forest")
    first = client.get("/staff/screening/?county=Scott").content.decode()
    assert '<a href="?county=Scott&amp;page=2">Next</a>' in first and "Page 1 of 2" in first
    second = client.get("/staff/screening/?county=Scott&page=2").content.decode()
    assert '<a href="?county=Scott&amp;page=1">Previous</a>' in second


def test_the_queue_filters_and_costs_the_same_queries_for_any_size(client, make_staff):
    sign_in(client, make_staff("intake"))
    housing = _make("The landlord would not rent to us because we are Black.", county="Hinds")
    other = _make("Deputies stopped us at a checkpoint.", county="Scott", city="Forest")
    html = client.get("/staff/screening/", {"county": "Scott"}).content.decode()
    assert other.reference in html and housing.reference not in html
    html = client.get("/staff/screening/", {"tag": "areas:housing"}).content.decode()
    assert housing.reference in html and other.reference not in html
    few = queries_for(client, "/staff/screening/")
    for i in range(25):
        _make(f"Another complaint number {i} about a store.")
    assert queries_for(client, "/staff/screening/") == few


def test_the_desk_shows_evidence_deadlines_with_citations_and_coverage(client, make_staff):
    complaint = _make(
        "The bakery refused to sell us a cake because we are gay.",
        city="Clarksdale",
        county="Coahoma",
        responsible_parties=[{"name": "Sweet Delta Bakery", "role": "refused"}],
    )
    sign_in(client, make_staff("attorney"))
    html = client.get(f"/staff/screening/{complaint.reference}/").content.decode()
    assert "<mark" in html and "for an attorney to confirm" in html
    assert "Clarksdale (2018) has a non-discrimination ordinance" in html
    assert AuditEntry.objects.filter(action="read", object_id=str(complaint.pk)).exists()


def test_staff_corrections_are_kept_and_survive_a_new_screening(client, make_staff):
    complaint = _make("The landlord refused to rent to us because we are Mexican.")
    attorney = make_staff("attorney")
    sign_in(client, attorney)
    client.post(
        f"/staff/screening/{complaint.reference}/",
        {
            "action": "tags",
            "classes": ["race"],
            "areas": ["housing"],
            "actors": [],
            "urgency": [],
            "scope": "systemic",
        },
    )
    screening = Screening.objects.get(complaint=complaint)
    assert screening.confirmed_by_id == attorney.pk
    assert ScreeningTag.objects.get(screening=screening, tag="national_origin").rejected
    assert ScreeningTag.objects.get(screening=screening, tag="race").source == "staff"
    screening_run(complaint=complaint)
    assert ScreeningTag.objects.get(screening=screening, tag="national_origin").rejected
    assert ScreeningTag.objects.filter(screening=screening, tag="race", rejected=False).exists()


def test_a_submitted_complaint_is_screened_in_the_background(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint, _ = complaint_create(
            data={"contact": {"name": "A"}, "incident": {"what": "ICE arrested my husband"}},
            kind="help",
            source="online",
            language="en",
        )
    assert Screening.objects.filter(complaint=complaint).exists()


def test_the_triage_command_prints_one_line_per_complaint_and_touches_no_database():
    out = io.StringIO()
    before = AuditEntry.objects.count()
    call_command("triage", str(EXAMPLES), "--today", "2026-11-25", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 24
    for line in lines:
        assert set(line) == {
            "id",
            "classes",
            "areas",
            "actors",
            "urgency",
            "scope",
            "evidence",
            "deadlines",
            "ordinance_coverage",
        }
    assert AuditEntry.objects.count() == before and Screening.objects.count() == 0


def test_the_triage_command_survives_bad_lines(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{not json\n[1, 2]\n{"incident": {"what": ""}}\n{"id": "x", "complaint": '
        '{"incident": {"what": "no letters: 123 !!!", "when": "2026-02-30"}}}\n'
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("triage", str(path), stdout=out, stderr=err)
    assert len(out.getvalue().splitlines()) == 2
    assert "line 1" in err.getvalue() and "line 2" in err.getvalue()


def test_the_patterns_command_groups_complaints_about_one_entity(tmp_path):
    lines = []
    for i in range(4):
        lines.append(
            json.dumps(
                {
                    "id": f"C{i}",
                    "complaint": {
                        "incident": {
                            "what": "Checkpoint stopping Latino drivers",
                            "when": f"2026-10-{10 + i * 5:02d}",
                            "where": {"county": "Hinds", "city": "Jackson"},
                        },
                        "responsible_parties": [
                            {
                                "name": [
                                    "Hinds Co. SO",
                                    "HCSO deputies",
                                    "los del sheriff de Hinds",
                                    "Hinds County Sheriff's Office",
                                ][i]
                            }
                        ],
                    },
                }
            )
        )
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(lines))
    out = io.StringIO()
    call_command("patterns", str(path), stdout=out)
    groups = [json.loads(line) for line in out.getvalue().splitlines()]
    assert any(
        set(g["members"]) == {"C0", "C1", "C2", "C3"} and g["entity"] == "sheriff:hinds"
        for g in groups
    )


def _decide(client, complaint, **data):
    return client.post(f"/staff/screening/{complaint.reference}/", {"action": "decide", **data})


def test_accepting_opens_a_matter_and_tells_the_person(client, make_staff):
    from rightsdesk.cases.models import Matter

    complaint = _make(
        "Deputies stopped us at a checkpoint.",
        responsible_parties=[{"name": "Hinds County Sheriff"}],
    )
    attorney = make_staff("attorney")
    sign_in(client, attorney)
    response = _decide(client, complaint, outcome="accept", reason="Pattern of stops")
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "accepted"
    matter = Matter.objects.get(complaint=complaint)
    assert complaint.decisions.get().matter_id == matter.pk
    assert AuditEntry.objects.filter(action="decision", object_id=str(complaint.pk)).exists()


def test_referring_names_the_organisation_on_the_status_page_and_respects_consent(
    client, make_staff
):
    from rightsdesk.intake.services import complaint_find
    from rightsdesk.triage.models import ReferralOrganisation

    data = {
        "contact": {"name": "A"},
        "incident": {"what": "My boss did not pay overtime"},
        "consents": {"share_with_partner_organisations": False, "deidentified_use": True},
    }
    complaint, code = complaint_create(data=data, kind="help", source="online", language="es")
    organisation = ReferralOrganisation.objects.get(name__startswith="U.S. Equal Employment")
    sign_in(client, make_staff("attorney"))
    bad = _decide(client, complaint, outcome="refer", reason="Employment, individual")
    assert bad.status_code == 400 and "Choose the organisation" in bad.content.decode()
    _decide(
        client,
        complaint,
        outcome="refer",
        reason="Employment, individual",
        referral=organisation.pk,
    )
    complaint.refresh_from_db()
    assert complaint.status == "referred"
    assert not complaint.decisions.get().shared_with_referral
    assert "U.S. Equal Employment" in complaint.public_note
    assert "No enviamos su queja" in complaint.public_note  # in the person's language
    from django.test import Client

    person = Client()
    person.post("/complaint/status/", {"reference": complaint.reference, "code": code})
    assert "U.S. Equal Employment" in person.get("/complaint/status/yours/").content.decode()
    assert complaint_find(reference=complaint.reference, code=code) == complaint


def test_asking_for_more_information_needs_a_question(client, make_staff):
    complaint = _make("Something happened at school.")
    sign_in(client, make_staff("intake"))
    assert _decide(client, complaint, outcome="need_info", reason="x").status_code == 400
    _decide(client, complaint, outcome="need_info", reason="x", question="Which school?")
    complaint.refresh_from_db()
    assert complaint.status == "need_info"
    assert complaint.questions.get().question == "Which school?"


def test_declining_closes_the_complaint(client, make_staff):
    complaint = _make("A private loan to a friend.")
    sign_in(client, make_staff("legal_director"))
    _decide(client, complaint, outcome="decline", reason="Private dispute")
    complaint.refresh_from_db()
    assert complaint.status == "closed"


def test_related_complaints_show_the_same_party_and_the_same_person(client, make_staff):
    first = _make("Checkpoint on Highway 80", responsible_parties=[{"name": "Hinds Co. SO"}])
    second = _make(
        "Another checkpoint",
        responsible_parties=[{"name": "HCSO deputies"}],
        county="Rankin",
        city="Pearl",
    )
    same_person, _ = complaint_create(
        data={"contact": {"name": "TEST  PERSON"}, "incident": {"what": "Again"}},
        kind="help",
        source="online",
        language="en",
    )
    sign_in(client, make_staff("attorney"))
    html = client.get(f"/staff/screening/{first.reference}/").content.decode()
    assert second.reference in html and "names the same responsible party" in html
    assert same_person.reference in html and "possibly the same person" in html


def test_the_quality_page_counts_kept_removed_and_added_tags(client, make_staff):
    complaint = _make("The landlord refused to rent to us because we are Mexican.")
    sign_in(client, make_staff("attorney"))
    client.post(
        f"/staff/screening/{complaint.reference}/",
        {
            "action": "tags",
            "classes": ["race"],
            "areas": ["housing"],
            "actors": [],
            "urgency": [],
            "scope": "systemic",
        },
    )
    html = client.get("/staff/screening/quality/").content.decode()
    assert "Housing" in html and "Race" in html and "National origin" in html


def test_the_patterns_page_groups_complaints_and_is_audited(client, make_staff):
    for name in ("Hinds Co. SO", "HCSO deputies", "Hinds County Sheriff's Office"):
        _make("They stopped us at the checkpoint", responsible_parties=[{"name": name}])
    attorney = make_staff("attorney")
    sign_in(client, attorney)
    html = client.get("/staff/screening/patterns/").content.decode()
    assert "3 complaints" in html
    assert AuditEntry.objects.filter(actor=attorney.username, object_id="patterns").exists()
    sign_in(client, make_staff("intake"))
    assert client.get("/staff/screening/patterns/").status_code == 403


def test_the_legal_director_edits_a_deadline_rule_and_bad_conditions_are_refused(
    client, make_staff
):
    from rightsdesk.triage.models import FilingDeadlineRule

    rule = FilingDeadlineRule.objects.get(key="eeoc_charge")
    sign_in(client, make_staff("legal_director"))
    url = f"/staff/screening/deadline-rules/{rule.pk}/"
    form = {
        "name": rule.name,
        "conditions": '{"area": ["employment"]}',
        "days": "300",
        "count_from": "incident",
        "citation": rule.citation,
        "note": "",
        "active": "on",
    }
    assert client.post(url, form).status_code == 400
    form["conditions"] = '{"areas": ["employment"], "any_class": true}'
    assert client.post(url, form).status_code == 302
    rule.refresh_from_db()
    assert rule.days == 300
    assert AuditEntry.objects.filter(action="update", object_id=str(rule.pk)).exists()
    sign_in(client, make_staff("attorney"))
    assert client.get(url).status_code == 403


def test_discrimination_without_a_covering_ordinance_counts_by_county_only(client, make_staff):
    _make("The store refused to serve us because we are Black.", county="Scott", city="Forest")
    _make(
        "The restaurant refused to serve us because we are a gay couple.",
        county="Coahoma",
        city="Clarksdale",
    )
    sign_in(client, make_staff("organiser"))
    html = client.get("/staff/screening/ordinance-evidence/").content.decode()
    assert "Scott" in html and "Coahoma" not in html
    assert "store" not in html and "Forest" not in html
    assert "hidden" in html  # one complaint in Scott: the count itself is withheld


def test_ordinance_evidence_hides_small_counties_and_what_gives_them_away(settings):
    from rightsdesk.triage.models import Screening
    from rightsdesk.triage.selectors import campaign_evidence

    settings.DISCLOSURE_K = 5
    for county, n in (("Scott", 9), ("Lee", 6), ("Tunica", 2)):
        for _ in range(n):
            _make("The store refused to serve us because we are Black.", county=county)
    Screening.objects.update(counts_for_campaign=True)
    rows = {row["county"]: row["complaints"] for row in campaign_evidence()}
    assert rows["Tunica"] is None
    # Tunica alone hidden could be worked out from the total: one more county is hidden.
    assert list(rows.values()).count(None) == 2
    assert [c for c, n in rows.items() if n is not None] == ["Scott"]


def test_complaints_whose_screening_was_lost_are_caught_up():
    from rightsdesk.triage.tasks import screen_unscreened

    complaint, _ = complaint_create(
        data={"contact": {"name": "A"}, "incident": {"what": "ICE raid at work"}},
        kind="help",
        source="online",
        language="en",
    )
    assert not Screening.objects.filter(complaint=complaint).exists()
    screen_unscreened.call_local()
    assert Screening.objects.filter(complaint=complaint).exists()


def test_the_server_registers_every_apps_background_tasks():
    from django.utils.module_loading import autodiscover_modules
    from huey.contrib.djhuey import HUEY

    autodiscover_modules("tasks")
    names = set(HUEY._registry._registry)
    assert {
        "rightsdesk.triage.tasks.screen_complaint",
        "rightsdesk.triage.tasks.screen_unscreened",
        "rightsdesk.intake.tasks.notify_complaint",
        "rightsdesk.intake.tasks.purge_expired_drafts",
    } <= names


def test_related_complaints_include_similar_accounts_from_the_same_county(client, make_staff):
    story = (
        "The manager at the poultry plant in Morton told every Hispanic worker on the night "
        "shift to show papers or lose the job, and took our badges away"
    )
    first = _make(story, county="Scott", city="Morton", days_ago=200)
    second = _make(story.replace("every", "each"), county="Scott", city="Morton")
    sign_in(client, make_staff("attorney"))
    html = client.get(f"/staff/screening/{second.reference}/").content.decode()
    assert first.reference in html and "tells a similar account" in html


def test_admins_fill_in_how_to_reach_a_referral_organisation(client, make_staff):
    from rightsdesk.triage.models import ReferralOrganisation

    organisation = ReferralOrganisation.objects.first()
    sign_in(client, make_staff("admin"))
    url = f"/staff/screening/referrals/{organisation.pk}/"
    bad = client.post(url, {"name": organisation.name, "kind": "x", "areas": "housing, flying"})
    assert bad.status_code == 400 and "Unknown areas: flying" in bad.content.decode()
    client.post(
        url,
        {
            "name": organisation.name,
            "kind": organisation.kind,
            "areas": "housing",
            "how_to_reach": "Call 601-555-0100",
            "active": "on",
        },
    )
    organisation.refresh_from_db()
    assert organisation.how_to_reach == "Call 601-555-0100" and organisation.areas == ["housing"]


def test_staff_merge_two_parties_and_split_them_again(client, make_staff):
    from rightsdesk.triage.models import Entity

    first = _make("They refused us", responsible_parties=[{"name": "Magnolia Grocery"}])
    second = _make(
        "They refused us too",
        responsible_parties=[{"name": "The Corner Market"}],
        county="Scott",
        city="Forest",
    )
    a = Entity.objects.get(
        label__isnull=False, key_hash=ComplaintEntity.objects.get(complaint=first).raw_hash
    )
    b = Entity.objects.get(key_hash=ComplaintEntity.objects.get(complaint=second).raw_hash)
    sign_in(client, make_staff("attorney"))
    assert "Magnolia Grocery" in client.get("/staff/screening/entities/").content.decode()
    client.post(f"/staff/screening/entities/{b.pk}/", {"into": a.pk})
    html = client.get(f"/staff/screening/{first.reference}/").content.decode()
    assert second.reference in html and "names the same responsible party" in html
    screening_run(complaint=second)  # merges survive a new screening
    assert ComplaintEntity.objects.get(complaint=second).entity_hash == a.key_hash
    client.post(f"/staff/screening/entities/{b.pk}/", {"action": "split"})
    assert ComplaintEntity.objects.get(complaint=second).entity_hash == b.key_hash
    assert AuditEntry.objects.filter(action__in=["entity_merged", "entity_split"]).count() == 2
