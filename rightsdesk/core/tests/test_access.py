"""Walks every URL pattern in the project: each view must declare who may reach it, anonymous
visitors must be sent to sign in for every non-public page, and accounts without the role must be
refused. A page added later without a declaration fails here (and is refused at run time).

The same walk drives the access matrix at the end of this file: every URL pattern, filled with
real objects, requested as every role and anonymously, including a volunteer on a matter they
are not on. Run it with ``-s`` to see the matrix."""

from __future__ import annotations

import inspect
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from rightsdesk.accounts.access import policy_of
from rightsdesk.accounts.models import User
from rightsdesk.accounts.roles import VOLUNTEER_ROLES
from rightsdesk.conftest import sign_in
from rightsdesk.network.tests.trainings_helpers import access_fill as trainings_access_fill

# Converter values that match the pattern; the access check runs before any object is looked up.
SAMPLE = {
    "int": "987654",
    "slug": "sample",
    "str": "sample",
    "uuid": str(uuid.UUID(int=7)),
    "path": "sample/path",
}


@dataclass(frozen=True)
class Route:
    name: str  # "cases:matter"; the route itself for a pattern without a name
    route: str  # "staff/matters/<int:pk>/"
    url: str  # the route with SAMPLE values: "staff/matters/987654/"
    view: Any
    params: tuple[str, ...]  # the path parameters, across every include on the way


def _walk(
    patterns, prefix: str = "", route_prefix: str = "", namespace: str = "", params=()
) -> Iterator[Route]:
    for pattern in patterns:
        converters = tuple(getattr(pattern.pattern, "converters", {}))
        if isinstance(pattern, URLResolver):
            yield from _walk(
                pattern.url_patterns,
                prefix + _route(pattern),
                route_prefix + str(pattern.pattern),
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                params + converters,
            )
        elif isinstance(pattern, URLPattern):
            route = route_prefix + str(pattern.pattern)
            yield Route(
                name=f"{namespace}{pattern.name}" if pattern.name else route,
                route=route,
                url=prefix + _route(pattern),
                view=pattern.callback,
                params=params + converters,
            )


def _route(pattern) -> str:
    route = str(pattern.pattern)
    converters = getattr(pattern.pattern, "converters", {})
    for name, converter in converters.items():
        kind = {
            "IntConverter": "int",
            "SlugConverter": "slug",
            "UUIDConverter": "uuid",
            "PathConverter": "path",
        }.get(type(converter).__name__, "str")
        route = route.replace(f"<{kind}:{name}>", SAMPLE[kind]).replace(f"<{name}>", SAMPLE["str"])
    assert "<" not in route and "^" not in route, f"cannot build a URL for {route!r}"
    return route


ROUTES = sorted(_walk(get_resolver().url_patterns), key=lambda r: r.url)
ALL = [(r.url, r.view) for r in ROUTES]
PROTECTED = [(url, view) for url, view in ALL if not policy_of(view).public]
# Pages some roles may not reach (the rest are open to every signed-in account).
RESTRICTED = [
    (url, view) for url, view in PROTECTED if set(User.Role.values) - policy_of(view).roles
]


def test_the_walk_finds_the_project_pages():
    urls = {url for url, _ in ALL}
    assert {"", "staff/", "staff/sign-in/", "staff/audit/", "staff/people/"} <= urls
    assert len(RESTRICTED) >= 8


@pytest.mark.parametrize(("url", "view"), ALL, ids=[url or "/" for url, _ in ALL])
def test_every_view_declares_who_may_reach_it(url, view):
    assert policy_of(view) is not None, (
        f"/{url} has no access policy: use public_view or staff_view"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "view"), PROTECTED, ids=[url for url, _ in PROTECTED])
def test_anonymous_visitors_are_sent_to_sign_in(client, url, view):
    for method in (client.get, client.post):
        response = method(f"/{url}")
        assert response.status_code == 302, f"{method.__name__} /{url}"
        assert response["Location"].startswith("/staff/sign-in/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "view"), RESTRICTED, ids=[url for url, _ in RESTRICTED])
def test_accounts_without_the_role_are_refused(client, make_staff, url, view):
    for role in sorted(set(User.Role.values) - policy_of(view).roles):
        sign_in(client, make_staff(role))
        for method in (client.get, client.post):
            assert method(f"/{url}").status_code == 403, f"{role} {method.__name__} /{url}"


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "view"), PROTECTED, ids=[url for url, _ in PROTECTED])
def test_accounts_with_the_role_get_past_the_check(client, make_staff, url, view):
    role = sorted(policy_of(view).roles)[0]
    sign_in(client, make_staff(role))
    response = client.get(f"/{url}")
    # 404 for the made-up record number, 405 for POST-only actions: anything but a refusal.
    assert response.status_code in {200, 302, 404, 405}
    if response.status_code == 302:
        assert "/sign-in/" not in response["Location"]


def test_a_view_without_a_policy_is_refused_at_run_time(rf):
    from django.contrib.auth.models import AnonymousUser

    from rightsdesk.accounts.access import AccessPolicyMiddleware

    request = rf.get("/forgot-its-check/")
    request.user = AnonymousUser()
    middleware = AccessPolicyMiddleware(lambda r: None)
    response = middleware.process_view(request, lambda r: None, (), {})
    assert response.status_code == 403


# --- the access matrix ------------------------------------------------------------------------
#
# Every URL pattern, with real objects in its path, requested by every role (and anonymously):
# GET, and POST with an empty body where the view takes POST. What each cell should be comes
# from the view's own declaration (public_view / staff_view(roles)) plus the object rule:
# volunteers (volunteer_attorney, interpreter) reach only the matters they are on.

ROLES = list(User.Role.values)
COLUMNS: list[str | None] = [None, *ROLES]  # None: not signed in
ON, NOT_ON, MIXED = "on it", "not on it", "our matter, their file"
OK = frozenset({200, 302, 400})  # 400: the view ran and refused the empty form
SIGN_IN = "/staff/sign-in/?next="
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Side:
    """One matter and what hangs off it; ``markers`` are what only its team may see."""

    matter: Any
    document: Any
    task: Any
    date: Any
    markers: dict[str, re.Pattern[bytes]]  # what to name in a failure -> what to look for
    visit: Any = None  # a facility visit its volunteer attorney is on, with a report


@dataclass
class World:
    requesters: dict[str, User]  # one account per role
    person: User  # the staff member the people pages are about
    ours: Side  # the requesting volunteer_attorney and interpreter are on it
    theirs: Side  # another volunteer attorney and interpreter are on it; ours are not
    complaint: Any
    complaint_document: Any
    letter: Any
    entity: Any
    paper_request: Any
    referral: Any
    rule: Any
    template: Any
    step_key: str


def _side(tag: str, admin: User, members: list[User]) -> Side:
    from rightsdesk.cases import services
    from rightsdesk.cases.models import Matter, MatterMember, Party
    from rightsdesk.intake.uploads import check_upload

    matter = Matter.objects.create(title=f"{tag} matter title", opened_at=timezone.now())
    for member in members:
        role = (
            MatterMember.Role.INTERPRETER
            if member.role == User.Role.INTERPRETER
            else MatterMember.Role.VOLUNTEER_ATTORNEY
        )
        services.matter_member_add(matter=matter, user=member, role=role, by=admin)
    services.party_add(matter=matter, role=Party.Role.CLIENT, name=f"{tag} Clientname", by=admin)
    services.note_add(matter=matter, body=f"{tag} note body", by=admin)
    task = services.task_add(matter=matter, title=f"{tag} task title", by=admin)
    date = services.matter_date_add(
        matter=matter,
        kind="court",
        by=admin,
        starts=timezone.now() + timedelta(days=3),
        description=f"{tag} hearing description",
    )
    upload = SimpleUploadedFile(f"{tag}-evidence.pdf", PDF, content_type="application/pdf")
    checked = check_upload(upload, files_so_far=0, bytes_so_far=0)
    document = services.document_add(
        matter=matter, upload=upload, checked=checked, kind="evidence", by=admin
    )
    texts = [f"{tag} matter title", f"{tag} Clientname", f"{tag} note body", f"{tag} task title"]
    texts += [f"{tag} hearing description", f"{tag}-evidence"]
    markers = {text: re.compile(re.escape(text.encode())) for text in texts}
    # A link to it, its calendar entries and its reminders ("Court date: matter 12").
    markers[f"/staff/matters/{matter.pk}/"] = re.compile(rf"/staff/matters/{matter.pk}/".encode())
    markers[f"matter-date-{date.pk}"] = re.compile(rf"matter-date-{date.pk}\b".encode())
    markers[f"matter {matter.pk}"] = re.compile(rf"matter {matter.pk}\b".encode())
    return Side(matter=matter, document=document, task=task, date=date, markers=markers)


def _visit(tag: str, side: Side, attorney: User, admin: User) -> None:
    """A past facility visit with one detained person and a report, its attorney signed up."""
    from rightsdesk.network.models import Facility, Visit, VisitPerson, VisitSignup, Volunteer
    from rightsdesk.network.portal.services import visit_report_file

    now = timezone.now()
    facility = Facility.objects.create(
        key=f"{tag.lower()}-jail",
        name=f"{tag} County Jail",
        kind="county_jail",
        town=tag,
        county="28001",
    )
    visit = Visit.objects.create(
        facility=facility,
        on=timezone.localdate() - timedelta(days=1),
        starts="09:00",
        ends="12:00",
        purpose="consultations",
        created_at=now,
    )
    VisitPerson.objects.create(visit=visit, name=f"{tag} Detainedname", languages=["mam"])
    volunteer = Volunteer.objects.create(
        reference=f"V-{tag.upper()}",
        status_code_hash="0" * 64,
        kind="attorney",
        status="approved",
        name=f"{tag} Volunteername",
        email=f"{tag.lower()}@example.org",
        applied_at=now,
        status_changed_at=now,
        user=attorney,
    )
    VisitSignup.objects.create(visit=visit, volunteer=volunteer, role="attorney", created_at=now)
    visit_report_file(visit=visit, summary=f"{tag} report summary", outcomes={}, by=admin)
    side.visit = visit
    for text in (f"{tag} Detainedname", f"{tag} report summary", f"{tag} County Jail"):
        side.markers[text] = re.compile(re.escape(text.encode()))
    side.markers[f"/portal/visits/{visit.pk}/"] = re.compile(
        rf"/portal/visits/{visit.pk}/".encode()
    )


def _world(make_staff: Callable[..., User]) -> World:
    from rightsdesk.intake.services import (
        complaint_add_document,
        complaint_create,
        paper_form_request,
    )
    from rightsdesk.intake.steps import steps_for
    from rightsdesk.intake.uploads import check_upload
    from rightsdesk.letters.models import LetterTemplate
    from rightsdesk.letters.services import Recipient, letter_create
    from rightsdesk.triage.models import Entity, FilingDeadlineRule, ReferralOrganisation

    requesters = {role: make_staff(role) for role in ROLES}
    admin = requesters[User.Role.ADMIN]
    ours = _side(
        "Alder",
        admin,
        [requesters[User.Role.VOLUNTEER_ATTORNEY], requesters[User.Role.INTERPRETER]],
    )
    theirs = _side(
        "Birch",
        admin,
        [make_staff(User.Role.VOLUNTEER_ATTORNEY), make_staff(User.Role.INTERPRETER)],
    )
    complaint, _code = complaint_create(
        data={
            "contact": {"name": "Birch Complainant"},
            "incident": {"what": "Birch complaint story"},
            "responsible_parties": [{"name": "Hinds County Sheriff's Office"}],
        },
        kind="help",
        source="online",
        language="en",
    )
    _visit("Alder", ours, requesters[User.Role.VOLUNTEER_ATTORNEY], admin)
    _visit("Birch", theirs, make_staff(User.Role.VOLUNTEER_ATTORNEY), admin)
    # The requesting volunteers have confirmed they have no conflict on their own matter (the
    # portal asks before a volunteer reads a matter), so they may read it.
    from rightsdesk.network.portal.services import conflict_confirm

    for role in VOLUNTEER_ROLES:
        conflict_confirm(matter=ours.matter, user=requesters[role], has_conflict=False)
    theirs.matter.complaint = complaint  # the complaint the matter they are not on came from
    theirs.matter.save(update_fields=["complaint"])
    for text in ("Birch Complainant", "Birch complaint story"):
        theirs.markers[text] = re.compile(re.escape(text.encode()))
    upload = SimpleUploadedFile("birch-paper.pdf", PDF, content_type="application/pdf")
    complaint_document = complaint_add_document(
        complaint=complaint,
        upload=upload,
        checked=check_upload(upload, files_so_far=0, bytes_so_far=0),
        kind="other",
    )
    letter = letter_create(
        complaint=complaint,
        kind="acknowledgment",
        by=requesters[User.Role.INTAKE],
        recipient=Recipient("Birch Complainant", ["1 Main St", "Jackson, MS 39201"]),
        extra={},
    )
    paper_request = paper_form_request(
        name="Paper Requester",
        address={"street": "1 Main St", "city": "Jackson", "state": "MS", "zip": "39201"},
        language="en",
    )
    return World(
        requesters=requesters,
        person=make_staff(User.Role.ATTORNEY),
        ours=ours,
        theirs=theirs,
        complaint=complaint,
        complaint_document=complaint_document,
        letter=letter,
        entity=Entity.objects.create(key_hash="e" * 32, label="Sample Entity", kind="sheriff"),
        paper_request=paper_request,
        referral=ReferralOrganisation.objects.order_by("pk").first(),
        rule=FilingDeadlineRule.objects.order_by("pk").first(),
        template=LetterTemplate.objects.order_by("pk").first(),
        step_key=steps_for("help")[0].key,
    )


Fill = Callable[[World, User | None], dict[str, Any]]


def _matter(side: str) -> Fill:
    return lambda w, u: {"pk": getattr(w, side).matter.pk}


def _document(matter: str, document: str) -> Fill:
    return lambda w, u: {
        "pk": getattr(w, matter).matter.pk,
        "document_id": getattr(w, document).document.pk,
    }


def _visit_of(side: str) -> Fill:
    return lambda w, u: {"pk": getattr(w, side).visit.pk}


def _person(w: World, u: User | None) -> dict[str, Any]:
    return {"pk": w.person.pk}


def _reference(w: World, u: User | None) -> dict[str, Any]:
    return {"reference": w.complaint.reference}


def _feed(w: World, u: User | None) -> dict[str, Any]:
    from rightsdesk.cases.services import calendar_token_new

    # The requester's own feed (a fresh address: my_calendar's POST replaces the old one).
    # Not signed in: the requesting volunteer attorney's address.
    return {"token": calendar_token_new(user=u or w.requesters[User.Role.VOLUNTEER_ATTORNEY])}


def _volunteer(w: World, u: User | None) -> dict[str, Any]:
    from rightsdesk.network.tests.vetting_helpers import application

    # A fresh application each time: the matrix's POSTs may decide one.
    return {"pk": application().pk}


def _paper_request(w: World, u: User | None) -> dict[str, Any]:
    # Marking it mailed takes it off the queue; put it back for the next cell.
    type(w.paper_request).objects.filter(pk=w.paper_request.pk).update(
        mailed_at=None, mailed_by_id=None
    )
    return {"pk": w.paper_request.pk}


def _facility(w: World, u: User | None) -> dict[str, Any]:
    from rightsdesk.network.models import Facility

    return {"pk": Facility.objects.order_by("pk").first().pk}


def _event(w: World, u: User | None) -> dict[str, Any]:
    from rightsdesk.events.models import Event

    start = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        kind=Event.Kind.TOWN_HALL,
        title="Access-matrix town hall",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place=Event.Place.ONLINE,
        languages=",en,",
    )
    return {"pk": event.pk}


def _event_material(w: World, u: User | None) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from rightsdesk.events.models import Event, EventMaterial

    event = Event.objects.get(pk=_event(w, u)["pk"])
    material = EventMaterial(
        event=event, original_name="agenda.txt", file_type="txt", content_type="text/plain",
        size=6, uploaded_at=timezone.now(),
    )  # fmt: skip
    material.file.save("event.rdf", ContentFile(b"Agenda"), save=False)
    material.save()
    return {"pk": event.pk, "material_id": material.pk}


def _visit_signup(user: User, which: int) -> Any:
    """``user`` (made an approved network volunteer) on visit ``which`` (0: ours, 1: theirs) of
    the matrix, which have no open place, active again if an earlier cell cancelled it."""
    from rightsdesk.network.models import Facility, Visit, VisitSignup, Volunteer

    now = timezone.now()
    while Visit.objects.count() <= which:
        Visit.objects.create(
            facility=Facility.objects.order_by("pk").first(),
            on=timezone.localdate() + timedelta(days=7),
            starts="09:00",
            ends="13:00",
            purpose="outreach",
            attorneys_needed=0,  # nothing open: a volunteer not on it may not even see it
            created_at=now,
        )
    visit = Visit.objects.order_by("pk")[which]
    volunteer, _ = Volunteer.objects.get_or_create(
        user=user,
        defaults={
            "reference": f"VA-{user.pk}",
            "status_code_hash": "0" * 64,
            "kind": "interpreter",
            "status": "approved",
            "name": "Volunteer Accessname",
            "email": "access@example.org",
            "applied_at": now,
            "status_changed_at": now,
        },
    )
    signup, _ = VisitSignup.objects.get_or_create(
        visit=visit, volunteer=volunteer, defaults={"role": "attorney", "created_at": now}
    )
    VisitSignup.objects.filter(pk=signup.pk).update(cancelled_at=None)
    return signup


def _requester_or_volunteer(w: World, u: User | None) -> User:
    return u if u is not None and u.role in VOLUNTEER_ROLES else w.requesters["interpreter"]


def _other_volunteer(w: World) -> User:
    user, _ = User.objects.get_or_create(
        username="visits-other-volunteer", defaults={"role": User.Role.INTERPRETER}
    )
    return user


def _own_visit(w: World, u: User | None) -> dict[str, Any]:
    return {"pk": _visit_signup(_requester_or_volunteer(w, u), 0).visit_id}


def _their_visit(w: World, u: User | None) -> dict[str, Any]:
    return {"pk": _visit_signup(_other_volunteer(w), 1).visit_id}


def _own_signup(w: World, u: User | None) -> dict[str, Any]:
    return {"pk": _visit_signup(_requester_or_volunteer(w, u), 0).pk}


def _their_signup(w: World, u: User | None) -> dict[str, Any]:
    return {"pk": _visit_signup(_other_volunteer(w), 1).pk}


# Real objects for every URL pattern with path parameters: URL name -> target -> kwargs.
# A URL that carries a matter (or anything of a matter: a visit, a detained person, a file) and
# that volunteers may reach must give ON and NOT_ON targets, so the object rule is tested.
FILL: dict[str, dict[str, Fill]] = {
    "accounts:staff_detail": {"": _person},
    "accounts:staff_reset": {"": _person},
    "accounts:staff_unlock": {"": _person},
    "accounts:staff_active": {"": _person},
    "cases:matter": {ON: _matter("ours"), NOT_ON: _matter("theirs")},
    "cases:summary": {ON: _matter("ours"), NOT_ON: _matter("theirs")},
    "cases:document": {
        ON: _document("ours", "ours"),
        NOT_ON: _document("theirs", "theirs"),
        MIXED: _document("ours", "theirs"),
    },
    "calendar_feed": {"": _feed},
    "intake:step": {"": lambda w, u: {"key": w.step_key}},
    "intake:blank_form": {"": lambda w, u: {"language": "en"}},
    "reports:download": {"": lambda w, u: {"file_format": "csv"}},
    "intake_staff:step": {"": lambda w, u: {"key": w.step_key}},
    "intake_staff:paper_request_mailed": {"": _paper_request},
    "intake_staff:detail": {"": _reference},
    "intake_staff:document": {
        "": lambda w, u: {**_reference(w, u), "document_id": w.complaint_document.pk}
    },
    "letters:new": {"": lambda w, u: {**_reference(w, u), "kind": "acknowledgment"}},
    "letters:file": {"": lambda w, u: {"pk": w.letter.pk, "fmt": "pdf"}},
    "letters:template": {"": lambda w, u: {"pk": w.template.pk}},
    "triage:desk": {"": _reference},
    "triage:rescreen": {"": _reference},
    "triage:entity": {"": lambda w, u: {"pk": w.entity.pk}},
    "triage:referral": {"": lambda w, u: {"pk": w.referral.pk}},
    "triage:deadline_rule": {"": lambda w, u: {"pk": w.rule.pk}},
    "network:vetting_volunteer": {"": _volunteer},
    **trainings_access_fill(ON, NOT_ON),
    "network:report_edit": {"": _visit_of("ours")},
    "portal:report_file": {ON: _visit_of("ours"), NOT_ON: _visit_of("theirs")},
    "portal:portal_matter_confirm": {ON: _matter("ours"), NOT_ON: _matter("theirs")},
    "network:facility_rules": {"": _facility},
    "events:event": {"": _event},
    "events_staff:event_edit": {"": _event},
    "events_staff:event_cancel": {"": _event},
    "events_staff:attendees": {"": _event},
    "events_staff:materials": {"": _event},
    "events_staff:copies": {"": _event},
    "events:material": {"": _event_material},
    "events:event_ics": {"": _event},
    "events:register": {"": _event},
    "events:registered": {"": _event},
    "network:visit_detail": {"": _own_visit},
    "portal:visit_portal_detail": {ON: _own_visit, NOT_ON: _their_visit},
    "portal:visit_portal_cancel": {ON: _own_signup, NOT_ON: _their_signup},
}
# The matter page's POST with an empty action is an edit volunteers may not make (403 from the
# view); an empty note is the one write every team member may attempt, so POST that instead.
POST_DATA: dict[str, dict[str, str]] = {"cases:matter": {"action": "note"}}
# What a volunteer on the matter must see, proving the leak check below can see anything at all.
MUST_SHOW: dict[tuple[str, str], Callable[[World], list[str]]] = {
    ("cases:matters", ""): lambda w: ["Alder matter title"],
    ("cases:matter", ON): lambda w: [
        "Alder matter title",
        "Alder Clientname",
        "Alder note body",
        "Alder task title",
        "Alder-evidence",
    ],
    ("cases:my_calendar", ""): lambda w: [f"/staff/matters/{w.ours.matter.pk}/"],
    # Volunteers' home is the portal (the staff home sends them there).
    ("portal:portal_home", ""): lambda w: [f"/staff/matters/{w.ours.matter.pk}/"],
    ("portal:report_file", ON): lambda w: ["Alder Detainedname", "Alder report summary"],
    ("calendar_feed", ""): lambda w: [f"matter-date-{w.ours.date.pk}"],
}


def _methods(view: Any) -> set[str] | None:
    """The methods a view takes, from require_http_methods (None: any)."""
    methods = inspect.getclosurevars(view).nonlocals.get("request_method_list")
    return set(methods) if methods else None


def _takes(view: Any, method: str) -> bool:
    methods = _methods(view)
    return methods is None or method in methods


def _volunteer_reachable(route: Route) -> bool:
    policy = policy_of(route.view)
    return not policy.public and bool(policy.roles & VOLUNTEER_ROLES)


def _unfillable() -> list[str]:
    problems = []
    for route in ROUTES:
        if route.params and route.name not in FILL:
            problems.append(
                f"/{route.route} ({route.name}) has path parameters the access matrix cannot "
                f"fill: add {route.name!r} to FILL in rightsdesk/core/tests/test_access.py, "
                "with real objects for its parameters"
            )
        elif route.params and _volunteer_reachable(route):
            if not {ON, NOT_ON} <= set(FILL[route.name]):
                problems.append(
                    f"/{route.route} ({route.name}) takes an object and volunteers may reach "
                    "it: give FILL both an ON and a NOT_ON target"
                )
    names = {route.name for route in ROUTES}
    problems += [f"FILL names {name!r}, which is no URL pattern" for name in set(FILL) - names]
    return problems


def test_every_url_pattern_is_in_the_access_matrix():
    assert _unfillable() == []


def _expected(route: Route, target: str, role: str | None, method: str) -> tuple[set[int], str]:
    policy = policy_of(route.view)
    if not policy.public:
        if role is None:
            return {302}, "not signed in: to the sign-in page"
        if role not in policy.roles:
            return {403}, f"{role} is not in staff_view({sorted(policy.roles)})"
    if not _takes(route.view, method):
        return {405}, f"the view takes {sorted(_methods(route.view) or [])}"
    if target == MIXED:
        return {404}, "that file is not on this matter"
    if target == NOT_ON and role in VOLUNTEER_ROLES:
        return {403, 404}, f"{role}, not on the matter"
    return set(OK), "declared"


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _request(world: World, route: Route, target: str, role: str | None, method: str) -> Any:
    client = Client()
    user = world.requesters[role] if role else None
    if user is not None:
        sign_in(client, user)
    kwargs = FILL[route.name][target](world, user) if route.params else {}
    url = f"/{route.url}" if route.name == route.route else reverse(route.name, kwargs=kwargs)
    if method == "GET":
        return url, client.get(url)
    return url, client.post(url, POST_DATA.get(route.name, {}))


def _leaked(markers: dict[str, re.Pattern[bytes]], body: bytes, url: str) -> list[str]:
    # An error page may repeat the address asked for (in the language form): not a leak.
    return [text for text, marker in markers.items() if marker.search(body) and text not in url]


def _cell(status: int, response: Any) -> str:
    if status == 302 and response["Location"].startswith(SIGN_IN):
        return "in"  # sent to sign in
    return str(status)


def _check(world: World, route: Route, target: str, role: str | None, method: str) -> list[str]:
    """Request one cell; returns what it shows ("200", "in", "404!") and what is wrong with it."""
    url, response = _request(world, route, target, role, method)
    status = response.status_code
    allowed, why = _expected(route, target, role, method)
    where = (
        f"{method} {url} ({route.name}{f', {target}' if target else ''}) as {role or 'anonymous'}"
    )
    wrong = []
    if status not in allowed:
        wrong.append(f"{where}: {status}, expected {sorted(allowed)}: {why}")
    elif status == 302 and response["Location"].startswith(SIGN_IN) != (allowed == {302}):
        wrong.append(f"{where}: sent to {response['Location']}")
    if role is None or role in VOLUNTEER_ROLES:
        body = _body(response)
        leaked = _leaked(world.theirs.markers, body, url)
        if leaked:
            wrong.append(f"{where} shows the matter they are not on: {leaked}")
        must = MUST_SHOW.get((route.name, target))
        # (Not where the declaration refuses the role: interpreters file no visit report.)
        if role is not None and method == "GET" and must and allowed != {403}:
            own = world.ours.markers
            missing = [text for text in must(world) if not own[text].search(body)]
            if missing:
                wrong.append(f"{where} misses their own matter: {missing}")
    return [_cell(status, response) + ("!" if wrong else ""), *wrong]


@pytest.mark.django_db
def test_access_matrix(make_staff):
    """Every URL pattern × every role (and not signed in) → status; a volunteer reaching a matter
    they are not on (or anything of it) fails, and so does one refused their own."""
    assert _unfillable() == []
    world = _world(make_staff)
    wrong: list[str] = []
    rows: list[tuple[str, list[str]]] = []
    for route in ROUTES:
        methods = ["GET", *(["POST"] if _takes(route.view, "POST") else [])]
        for target in FILL[route.name] if route.params else [""]:
            cells = []
            for role in COLUMNS:
                shown = []
                for method in methods:
                    cell, *problems = _check(world, route, target, role, method)
                    shown.append(cell)
                    wrong += problems
                cells.append("/".join(shown))
            rows.append((route.name + (f" [{target}]" if target else ""), cells))
    _print_matrix(rows)
    assert not wrong, "wrong cells in the access matrix:\n" + "\n".join(wrong)


def _print_matrix(rows: list[tuple[str, list[str]]]) -> None:
    heads = [(role or "anonymous")[:9] for role in COLUMNS]
    first = max(len(name) for name, _ in rows)
    widths = [max(len(head), *(len(cells[i]) for _, cells in rows)) for i, head in enumerate(heads)]
    print("\nAccess matrix: GET/POST status ('in' = sent to sign in, '!' = wrong)")
    print(" ".join([" " * first, *(h.ljust(w) for h, w in zip(heads, widths, strict=True))]))
    for name, cells in rows:
        print(
            " ".join([name.ljust(first), *(c.ljust(w) for c, w in zip(cells, widths, strict=True))])
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(VOLUNTEER_ROLES))
def test_a_volunteer_cannot_reach_another_matters_things_through_their_own(make_staff, role):
    """The matter page's writes name tasks and files by number: one of a matter the volunteer is
    not on, posted to their own matter's page, must not be touched; and their writes to the
    other matter's page are refused."""
    world = _world(make_staff)
    ours, theirs = world.ours, world.theirs
    client = sign_in(Client(), world.requesters[role])
    our_page = reverse("cases:matter", kwargs={"pk": ours.matter.pk})
    their_page = reverse("cases:matter", kwargs={"pk": theirs.matter.pk})

    assert client.post(our_page, {"action": "task_done", "task": theirs.task.pk}).status_code == 302
    theirs.task.refresh_from_db()
    assert theirs.task.done_at is None
    upload = SimpleUploadedFile("version-2.pdf", PDF, content_type="application/pdf")
    response = client.post(
        our_page,
        {"action": "document", "kind": "evidence", "file": upload, "replaces": theirs.document.pk},
    )
    assert response.status_code == 302
    added = ours.matter.documents.order_by("-pk").first()
    assert added.pk != ours.document.pk and added.replaces_id is None and added.version == 1
    assert theirs.document.newer.count() == 0

    notes, tasks = theirs.matter.notes.count(), theirs.matter.tasks.count()
    for data in (
        {"action": "note", "body": "a note"},
        {"action": "task", "title": "a task"},
        {"action": "task_done", "task": theirs.task.pk},
    ):
        assert client.post(their_page, data).status_code == 404, data
    assert (theirs.matter.notes.count(), theirs.matter.tasks.count()) == (notes, tasks)
    theirs.task.refresh_from_db()
    assert theirs.task.done_at is None

    # The same writes on their own matter go through, so the refusals above are the rule.
    assert client.post(our_page, {"action": "note", "body": "a note"}).status_code == 302
    assert client.post(our_page, {"action": "task_done", "task": ours.task.pk}).status_code == 302
    ours.task.refresh_from_db()
    assert ours.task.done_at is not None and ours.matter.notes.count() == 2
