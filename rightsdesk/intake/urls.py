from django.urls import path

from rightsdesk.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.start_view, name="start"),
    path("begin/", views.begin_view, name="begin"),
    path("step/<slug:key>/", views.step_view, name="step"),
    path("check/", views.review_view, name="review"),
    path("saved/", views.saved_view, name="saved"),
    path("continue/", views.resume_view, name="resume"),
    path("receipt/", views.receipt_view, name="receipt"),
    path("status/", views.status_view, name="status"),
    path("status/yours/", views.status_detail_view, name="status_detail"),
    path("status/close/", views.status_leave_view, name="status_leave"),
    path("paper-form/", views.paper_form_view, name="paper_form"),
    path("paper-form/blank-<str:language>.pdf", views.blank_form_view, name="blank_form"),
]
