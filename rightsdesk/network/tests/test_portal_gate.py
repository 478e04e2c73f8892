"""The conflict gate: a volunteer on a matter sees only its party names until they confirm they
have no conflict; nothing else of the matter leaves through any of its addresses."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rightsdesk.accounts.models import User
from rightsdesk.cases import services as cases
from rightsdesk.cases.models import Matter, MatterMember, Party
from rightsdesk.conftest import sign_in
from rightsdesk.intake.uploads import check_upload
from rightsdesk.network.models import ConflictConfirmation
from rightsdesk.network.portal import services
from rightsdesk.vault.models import AuditEntry

pytestmark = pytest.mark.django_db

Role = User.Role
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# What only someone cleared may read: the title, a note, a task, a file's name and contents.
SECRETS = ["Gated matter title", "Gated note body", "Gated task title", "gated-evidence"]


@pytest.fixture
def matter(make_staff):
    admin = make_staff(Role.ADMIN)
    matter = cases.matter_open(title="Gated matter title", kind=Matter.Kind.IMMIGRATION, by=admin)
    cases.party_add(matter=matter, role=Party.Role.CLIENT, name="Lucia Example", by=admin)
    cases.party_add(matter=matter, role=Party.Role.AGENCY, name="Adams County Jail", by=admin)
    cases.note_add(matter=matter, body="Gated note body", by=admin)
    cases.task_add(matter=matter, title="Gated task title", by=admin)
    upload = SimpleUploadedFile("gated-evidence.pdf", PDF, content_type="application/pdf")
    cases.document_add(
        matter=matter,
        upload=upload,
        checked=check_upload(upload, files_so_far=0, bytes_so_far=0),
        kind="evidence",
        by=admin,
    )
    return matter


@pytest.fixture
def volunteer(make_staff, matter):
    user = make_staff(Role.VOLUNTEER_ATTORNEY, email="vol@example.org")
    cases.matter_member_add(
        matter=matter, user=user, role=MatterMember.Role.VOLUNTEER_ATTORNEY, by=user
    )
    return user


def _urls(matter):
    document = matter.documents.get()
    return {
        "page": reverse("cases:matter", kwargs={"pk": matter.pk}),
        "summary": reverse("cases:summary", kwargs={"pk": matter.pk}),
        "document": reverse("cases:document", kwargs={"pk": matter.pk, "document_id": document.pk}),
        "csv": reverse("cases:csv"),
    }


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _shown(response, texts=SECRETS + ["Lucia Example", "%PDF"]):
    body = _body(response)
    return [t for t in texts if t.encode() in body]


def _confirm_url(matter):
    return reverse("portal:portal_matter_confirm", kwargs={"pk": matter.pk})


@pytest.mark.parametrize("role", [Role.VOLUNTEER_ATTORNEY, Role.INTERPRETER])
def test_before_confirming_a_volunteer_gets_nothing_of_the_matter_from_any_address(
    client, make_staff, matter, role
):
    user = make_staff(role)
    cases.matter_member_add(matter=matter, user=user, role=MatterMember.Role.INTERPRETER, by=user)
    sign_in(client, user)
    urls = _urls(matter)

    page = client.get(urls["page"])
    assert page.status_code == 302 and page["Location"] == _confirm_url(matter)
    for name in ("summary", "document"):
        response = client.get(urls[name])
        assert response.status_code == 404, name
        assert _shown(response) == [], name
    assert client.get(urls["csv"]).status_code == 403
    # Writes through the page are refused the same way: nothing is added.
    notes = matter.notes.count()
    response = client.post(urls["page"], {"action": "note", "body": "sneaked in"})
    assert response.status_code == 302 and matter.notes.count() == notes
    # And the redirect itself shows nothing.
    assert _shown(page) == []
    # No read of the matter's details was recorded for them.
    assert not AuditEntry.objects.filter(
        actor_id=user.pk, action="read", object_type="cases.matter", detail={}
    ).exists()


def test_the_confirmation_page_shows_the_party_names_and_nothing_else(client, volunteer, matter):
    sign_in(client, volunteer)
    response = client.get(_confirm_url(matter))
    assert response.status_code == 200
    assert b"Lucia Example" in response.content and b"Adams County Jail" in response.content
    assert _shown(response, SECRETS) == []
    entry = AuditEntry.objects.filter(actor_id=volunteer.pk, action="read").latest("seq")
    assert entry.object_id == str(matter.pk)
    assert entry.detail == {"purpose": "conflict confirmation"}


def test_confirming_no_conflict_opens_the_matter_and_is_audited(client, volunteer, matter):
    sign_in(client, volunteer)
    response = client.post(_confirm_url(matter), {"answer": "none"})
    assert response.status_code == 302 and response["Location"] == _urls(matter)["page"]
    confirmation = ConflictConfirmation.objects.get(matter=matter, user=volunteer)
    assert confirmation.has_conflict is False
    entry = AuditEntry.objects.get(action="conflict_none_confirmed")
    assert (entry.actor_id, entry.object_id) == (volunteer.pk, str(matter.pk))

    urls = _urls(matter)
    page = client.get(urls["page"])
    assert page.status_code == 200
    assert {"Gated matter title", "Gated note body", "Lucia Example"} <= set(_shown(page))
    assert client.get(urls["summary"]).status_code == 200
    assert b"%PDF" in _body(client.get(urls["document"]))
    # Asked again, the confirmation page sends them on to the matter.
    assert client.get(_confirm_url(matter))["Location"] == urls["page"]


def test_declaring_a_conflict_keeps_the_matter_closed_and_tells_the_coordinator(
    client, make_staff, volunteer, matter, django_capture_on_commit_callbacks
):
    coordinator = make_staff(Role.COORDINATOR, email="coordinator@example.org")
    sign_in(client, volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _confirm_url(matter), {"answer": "conflict", "note": "I represented the agency"}
        )
    assert response.status_code == 302
    confirmation = ConflictConfirmation.objects.get()
    assert confirmation.has_conflict is True
    assert AuditEntry.objects.filter(action="conflict_declared").exists()
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert str(matter.pk) in message.subject
    for name in ("Lucia Example", "Adams County", volunteer.username, "represented"):
        assert name not in message.subject + message.body

    # Still closed, and a later "no conflict" does not reopen it.
    urls = _urls(matter)
    assert client.get(urls["page"])["Location"] == _confirm_url(matter)
    assert client.get(urls["summary"]).status_code == 404
    page = client.get(_confirm_url(matter))
    assert b"you said you have a conflict" in page.content
    client.post(_confirm_url(matter), {"answer": "none"})
    confirmation.refresh_from_db()
    assert confirmation.has_conflict is True
    with pytest.raises(services.ConfirmationAlreadyGiven):
        services.conflict_confirm(matter=matter, user=volunteer, has_conflict=False)

    # It shows on the coordinator's home.
    sign_in(client, coordinator)
    home = client.get(reverse("network:home")).content.decode()
    assert f"/staff/matters/{matter.pk}/" in home and "I represented the agency" in home


def test_one_confirmation_opens_only_its_own_matter(client, make_staff, volunteer, matter):
    admin = make_staff(Role.ADMIN)
    other = cases.matter_open(title="Other gated", kind=Matter.Kind.IMMIGRATION, by=admin)
    cases.matter_member_add(matter=other, user=volunteer, role="volunteer_attorney", by=admin)
    services.conflict_confirm(matter=matter, user=volunteer, has_conflict=False)
    sign_in(client, volunteer)
    assert client.get(_urls(matter)["page"]).status_code == 200
    response = client.get(reverse("cases:matter", kwargs={"pk": other.pk}))
    assert response["Location"] == _confirm_url(other)


def test_a_volunteer_not_on_the_matter_cannot_reach_its_confirmation(client, make_staff, matter):
    outsider = make_staff(Role.VOLUNTEER_ATTORNEY)
    sign_in(client, outsider)
    for response in (
        client.get(_confirm_url(matter)),
        client.post(_confirm_url(matter), {"answer": "none"}),
    ):
        assert response.status_code == 404
        assert b"Lucia Example" not in response.content
    assert not ConflictConfirmation.objects.exists()


def test_staff_read_the_matter_without_confirming(client, make_staff, matter):
    sign_in(client, make_staff(Role.ATTORNEY))
    assert client.get(_urls(matter)["page"]).status_code == 200
    assert client.get(_confirm_url(matter)).status_code == 403


def test_the_matter_list_names_a_matter_only_once_the_volunteer_is_cleared(
    client, make_staff, volunteer, matter
):
    admin = make_staff(Role.ADMIN)
    conflicted = cases.matter_open(title="Conflicted title", kind=Matter.Kind.IMMIGRATION, by=admin)
    cases.matter_member_add(matter=conflicted, user=volunteer, role="volunteer_attorney", by=admin)
    services.conflict_confirm(matter=conflicted, user=volunteer, has_conflict=True)
    sign_in(client, volunteer)
    listing = reverse("cases:matters")

    before = client.get(listing).content.decode()
    assert "Gated matter title" not in before and "Conflicted title" not in before
    assert _confirm_url(matter) in before and _confirm_url(conflicted) in before
    # Staff-only actions are not offered to them.
    assert reverse("cases:new") not in before

    services.conflict_confirm(matter=matter, user=volunteer, has_conflict=False)
    after = client.get(listing).content.decode()
    assert "Gated matter title" in after and "Conflicted title" not in after
    assert _urls(matter)["page"] in after


def test_staff_see_every_title_in_the_matter_list(client, make_staff, matter):
    sign_in(client, make_staff(Role.ATTORNEY))
    page = client.get(reverse("cases:matters")).content.decode()
    assert "Gated matter title" in page and reverse("cases:new") in page
