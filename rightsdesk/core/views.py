from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from rightsdesk.accounts.access import public_view, staff_view
from rightsdesk.accounts.roles import ALL_ROLES, VOLUNTEER_ROLES
from rightsdesk.core.worker_health import worker_health


@public_view
@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@public_view
@require_GET
def health_view(request: HttpRequest) -> HttpResponse:
    # Plain /healthz only says the web server answers, and never reads the task queue: a load
    # balancer must not take the complaint form offline because the worker stopped.
    if "detail" not in request.GET:
        return HttpResponse("ok", content_type="text/plain")
    # ?detail=1 is for monitoring: counts and ages only; 503 when the worker is stalled or the
    # task queue cannot be read.
    worker = worker_health()
    return JsonResponse(
        {"web": "ok", "worker": worker.as_dict()}, status=200 if worker.healthy else 503
    )


@staff_view(ALL_ROLES)
def staff_home_view(request: HttpRequest) -> HttpResponse:
    from rightsdesk.cases.selectors import upcoming_dates_for_user

    # Volunteers have a home of their own (their visits, trainings, mentoring and matters), and
    # land there after signing in.
    if request.user.role in VOLUNTEER_ROLES:
        return redirect("portal:portal_home")
    # The reminders of the next two weeks, for the matters this person is on; and whether the
    # background worker is stuck, which delays receipts and screening for everyone on staff.
    return render(
        request,
        "core/staff_home.html",
        {"dates": upcoming_dates_for_user(request.user, days=14), "worker": worker_health()},
    )
