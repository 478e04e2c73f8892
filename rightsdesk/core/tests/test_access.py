"""Walks every URL pattern in the project: each view must declare who may reach it, anonymous
visitors must be sent to sign in for every non-public page, and accounts without the role must be
refused. A page added later without a declaration fails here (and is refused at run time)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from rightsdesk.accounts.access import policy_of
from rightsdesk.accounts.models import User
from rightsdesk.conftest import sign_in

# Converter values that match the pattern; the access check runs before any object is looked up.
SAMPLE = {
    "int": "987654",
    "slug": "sample",
    "str": "sample",
    "uuid": str(uuid.UUID(int=7)),
    "path": "sample/path",
}


def _walk(patterns, prefix: str = "") -> Iterator[tuple[str, object]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + _route(pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + _route(pattern), pattern.callback


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


ALL = sorted(_walk(get_resolver().url_patterns), key=lambda item: item[0])
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
