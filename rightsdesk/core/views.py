from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rightsdesk.accounts.access import public_view, staff_view
from rightsdesk.accounts.roles import ALL_ROLES


@public_view
@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@public_view
@require_GET
def health_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@staff_view(ALL_ROLES)
def staff_home_view(request: HttpRequest) -> HttpResponse:
    from rightsdesk.cases.selectors import upcoming_dates_for_user

    # The reminders of the next two weeks, for the matters this person is on.
    return render(
        request, "core/staff_home.html", {"dates": upcoming_dates_for_user(request.user, days=14)}
    )
