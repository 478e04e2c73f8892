from django.urls import path

from rightsdesk.vault import views

app_name = "vault"

urlpatterns = [
    path("", views.audit_list_view, name="audit_list"),
    path("verify/", views.audit_verify_view, name="audit_verify"),
]
