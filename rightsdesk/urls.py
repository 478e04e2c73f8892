from django.urls import include, path
from django.views.i18n import set_language

from rightsdesk.accounts.access import public_view
from rightsdesk.cases.views import calendar_feed_view
from rightsdesk.events import urls as events_urls
from rightsdesk.network import urls as network_urls
from rightsdesk.reports import urls as reports_urls

urlpatterns = [
    path("", include("rightsdesk.core.urls")),
    path("staff/", include("rightsdesk.accounts.urls")),
    path("staff/audit/", include("rightsdesk.vault.urls")),
    path("staff/complaints/", include("rightsdesk.intake.staff_urls")),
    path("staff/screening/", include("rightsdesk.triage.urls")),
    path("staff/letters/", include("rightsdesk.letters.urls")),
    path("staff/matters/", include("rightsdesk.cases.urls")),
    path("staff/network/", include((network_urls.staff_urlpatterns, "network"))),
    path("staff/events/", include((events_urls.staff_urlpatterns, "events_staff"))),
    path("staff/reports/", include((reports_urls.staff_urlpatterns, "reports"))),
    path("statistics/", include((reports_urls.public_urlpatterns, "reports_public"))),
    path("complaint/", include("rightsdesk.intake.urls")),
    path("events/", include((events_urls.public_urlpatterns, "events"))),
    path("volunteer/", include((network_urls.public_urlpatterns, "network_public"))),
    path("portal/", include((network_urls.portal_urlpatterns, "portal"))),
    path("language/", public_view(set_language), name="set_language"),
    path("calendar/<str:token>.ics", calendar_feed_view, name="calendar_feed"),
]

handler400 = "rightsdesk.core.errors.bad_request"
handler403 = "rightsdesk.core.errors.forbidden"
handler404 = "rightsdesk.core.errors.not_found"
handler500 = "rightsdesk.core.errors.server_error"
