from django.urls import path

from rightsdesk.intake import staff_views

app_name = "intake_staff"

urlpatterns = [
    path("", staff_views.inbox_view, name="inbox"),
    path("paper/", staff_views.paper_start_view, name="start"),
    path("paper/step/<slug:key>/", staff_views.paper_step_view, name="step"),
    path("paper/check/", staff_views.paper_review_view, name="review"),
    path("paper/saved/", staff_views.paper_receipt_view, name="receipt"),
    path("paper-requests/", staff_views.paper_requests_view, name="paper_requests"),
    path(
        "paper-requests/<int:pk>/mailed/",
        staff_views.paper_request_mailed_view,
        name="paper_request_mailed",
    ),
    path("<str:reference>/", staff_views.detail_view, name="detail"),
    path("<str:reference>/files/<int:document_id>/", staff_views.document_view, name="document"),
]
