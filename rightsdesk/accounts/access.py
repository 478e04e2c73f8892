"""The one permission mechanism: every view declares who may reach it, and a middleware enforces
the declaration before the view runs.

A view with no declaration is refused (fail closed), so a page added later cannot forget its
check; ``tests/test_access.py`` walks every URL pattern to prove it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from rightsdesk.accounts.roles import ALL_ROLES

log = logging.getLogger("rightsdesk.access")

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class AccessPolicy:
    public: bool
    roles: frozenset[str] = frozenset()
    # Views a user may reach while they still have to replace a temporary password.
    during_password_change: bool = False


def public_view(view: View) -> View:
    """Anyone, signed in or not, may reach this view."""
    view.access_policy = AccessPolicy(public=True)  # type: ignore[attr-defined]
    return view


def staff_view(
    roles: Iterable[str] = ALL_ROLES, *, during_password_change: bool = False
) -> Callable[[View], View]:
    """Only signed-in accounts (password and second factor) holding one of ``roles``."""
    allowed = frozenset(roles)
    if not allowed or not allowed <= ALL_ROLES:
        raise ValueError(f"unknown roles: {sorted(allowed - ALL_ROLES)}")

    def decorate(view: View) -> View:
        view.access_policy = AccessPolicy(  # type: ignore[attr-defined]
            public=False, roles=allowed, during_password_change=during_password_change
        )
        return view

    return decorate


def policy_of(view: Callable[..., Any]) -> AccessPolicy | None:
    return getattr(view, "access_policy", None)


def user_has_role(user: Any, roles: Iterable[str]) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.role in set(roles)
    )


def forbidden(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "403.html", status=403)


class AccessPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        policy = policy_of(view_func)
        if policy is None:
            log.error("refused %s: the view declares no access policy", request.path)
            return forbidden(request)
        if policy.public:
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_has_role(user, policy.roles):
            return forbidden(request)
        if user.must_change_password and not policy.during_password_change:
            return redirect("accounts:password_change")
        return None
