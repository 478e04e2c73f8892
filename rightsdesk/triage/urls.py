from django.urls import path

from rightsdesk.triage import views

app_name = "triage"

urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("quality/", views.quality_view, name="quality"),
    path("patterns/", views.patterns_view, name="patterns"),
    path("ordinance-evidence/", views.campaign_evidence_view, name="campaign_evidence"),
    path("deadline-rules/", views.deadline_rules_view, name="deadline_rules"),
    path("referrals/", views.referrals_view, name="referrals"),
    path("entities/", views.entities_view, name="entities"),
    path("entities/<int:pk>/", views.entity_view, name="entity"),
    path("referrals/<int:pk>/", views.referral_edit_view, name="referral"),
    path("deadline-rules/<int:pk>/", views.deadline_rule_edit_view, name="deadline_rule"),
    path("<str:reference>/", views.desk_view, name="desk"),
    path("<str:reference>/rescreen/", views.rescreen_view, name="rescreen"),
]
