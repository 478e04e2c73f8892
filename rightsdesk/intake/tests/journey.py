"""A complete, valid set of answers for every step, used by the tests to walk the form."""

from datetime import date, timedelta

NARRATIVE = "Deputies stopped my brother at the checkpoint on Highway 80 and took his ID card"
NAME = "Rosa Delgado-Martinez"
PHONE = "601-555-0142"


def answers(today: date | None = None) -> dict[str, dict[str, str]]:
    """`today` is the server's day (bench/intake.py passes its own; it runs outside Django)."""
    if today is None:
        from django.utils import timezone

        today = timezone.localdate()
    court = (today + timedelta(days=20)).isoformat()
    return {
        "for-whom": {
            "on_behalf": "other",
            "filer_name": "Ana Delgado",
            "relationship": "sister",
            "filer_phone": "601-555-0143",
            "filer_email": "ana@example.org",
        },
        "contact": {
            "name": NAME,
            "street": "100 Main St",
            "city": "Pearl",
            "state": "MS",
            "zip": "39208",
            "phone": PHONE,
            "email": "rosa@example.org",
            "preferred_contact": "phone",
            "safe_to_leave_message": "yes",
        },
        "detention": {
            "is_detained": "yes",
            "facility": "Rankin County Jail",
            "relative_name": "Ana Delgado",
            "relative_relationship": "sister",
            "relative_phone": "601-555-0143",
        },
        "what": {"what": NARRATIVE, "why": "Because we speak Spanish"},
        "when-where": {
            "when_date": "2026-03-14",
            "place": "Highway 80 checkpoint",
            "city": "Pearl",
            "zip": "39208",
            "state": "MS",
        },
        "others": {"who": "Two other drivers were stopped"},
        "responsible": {
            "responsible-TOTAL_FORMS": "1",
            "responsible-INITIAL_FORMS": "0",
            "responsible-0-name": "Rankin County Sheriff's Department",
            "responsible-0-role": "ran the checkpoint",
        },
        "explanation": {
            "explanation_given": "Routine check",
            "why_explanation_inadequate": "Only Latino drivers were stopped",
        },
        "media": {"media_coverage": ""},
        "police": {"involves_police": "yes", "police_report_attached": "no"},
        "documents": {},
        "prior-actions": {
            "prior-actions-TOTAL_FORMS": "1",
            "prior-actions-INITIAL_FORMS": "0",
            "prior-actions-0-description": "Called the sheriff's office",
            "prior-actions-0-status": "No answer",
        },
        "court-dates": {
            "court-dates-TOTAL_FORMS": "1",
            "court-dates-INITIAL_FORMS": "0",
            "court-dates-0-date": court,
            "court-dates-0-court": "Rankin County Court",
            "court-dates-0-note": "traffic ticket",
        },
        "permissions": {
            "authorize_letter_with_name": "yes",
            "share_with_partner_organisations": "yes",
            "deidentified_use": "no",
        },
        "request": {
            "has_lawyer": "no",
            "requested_help": "Help get his ID back",
            "email_updates": "yes",
        },
    }


TIP = {
    "what": {"what": "A checkpoint outside the church on Sunday morning, ICE was there too"},
    "when-where": {
        "when_text": "last Sunday",
        "place": "church on Main St",
        "city": "Forest",
        "state": "MS",
    },
    "responsible": {
        "responsible-TOTAL_FORMS": "1",
        "responsible-INITIAL_FORMS": "0",
        "responsible-0-name": "Scott County deputies",
        "responsible-0-role": "",
    },
    "tip-contact": {},
}
