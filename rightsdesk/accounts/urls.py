from django.urls import path

from rightsdesk.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.login_view, name="login"),
    path("sign-in/code/", views.mfa_verify_view, name="mfa_verify"),
    path("sign-in/authenticator/", views.mfa_enrol_view, name="mfa_enrol"),
    path("sign-out/", views.logout_view, name="logout"),
    path("password/", views.password_change_view, name="password_change"),
    path("people/", views.staff_list_view, name="staff_list"),
    path("people/new/", views.staff_create_view, name="staff_create"),
    path("people/<int:pk>/", views.staff_detail_view, name="staff_detail"),
    path("people/<int:pk>/reset/", views.staff_reset_view, name="staff_reset"),
    path("people/<int:pk>/unlock/", views.staff_unlock_view, name="staff_unlock"),
    path("people/<int:pk>/active/", views.staff_active_view, name="staff_active"),
]
