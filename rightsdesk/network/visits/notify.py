"""Emails to a volunteer about a visit they are on: confirmation, cancellation and the
day-before reminder, in the volunteer's language.

They say where and when, the volunteer's role and the facility's visit rules, and never who is
to be seen: an email can be read over a shoulder or forwarded, and a detained person's name in
it could reach the wrong people. The templates get no person on the visit at all."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from rightsdesk.network.languages import language_name
from rightsdesk.network.models import VisitSignup

CONFIRMED, CANCELLED, REMINDER = "confirmed", "cancelled", "reminder"
TEMPLATES = {
    CONFIRMED: "network/visits/emails/confirmed.txt",
    CANCELLED: "network/visits/emails/cancelled.txt",
    REMINDER: "network/visits/emails/reminder.txt",
}


def rules_of(facility: object) -> list[tuple[str, str]]:
    """The facility's visit rules as (label, text) in the active language; an empty rule says
    plainly that nobody has entered it yet."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    unknown = _("Not entered yet — call the facility before you go")
    lead = facility.booking_lead_days  # type: ignore[attr-defined]
    lead_text = (
        ngettext("Book at least %(days)d day ahead", "Book at least %(days)d days ahead", lead)
        % {"days": lead}
        if lead is not None
        else unknown
    )
    rows = [
        (_("ID and bar card needed"), facility.id_needed),  # type: ignore[attr-defined]
        (_("Booking lead time"), lead_text),
        (_("Visiting hours"), facility.visiting_hours),  # type: ignore[attr-defined]
        (_("What may be brought in"), facility.allowed_items),  # type: ignore[attr-defined]
        (_("How to contact the facility"), facility.contact_channel),  # type: ignore[attr-defined]
        (_("Other rules"), facility.other_rules),  # type: ignore[attr-defined]
    ]
    return [(label, text or unknown) for label, text in rows]


def render_signup_email(signup: VisitSignup, event: str) -> tuple[str, str]:
    visit = signup.visit
    with translation.override(signup.volunteer.language or settings.LANGUAGE_CODE):
        text = render_to_string(
            TEMPLATES[event],
            {
                "visit": visit,
                "facility": visit.facility,
                "signup": signup,
                "language": language_name(signup.language, in_sentence=True)
                if signup.language
                else "",
                "rules": rules_of(visit.facility),
                "organisation_name": settings.ORGANISATION_NAME,
            },
        ).strip()
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip() + "\n"


def signup_notify(*, signup_id: int, event: str) -> None:
    signup = (
        VisitSignup.objects.select_related("visit__facility", "volunteer")
        .filter(pk=signup_id)
        .first()
    )
    if signup is None or not signup.volunteer.email:
        return
    if event != CANCELLED and signup.cancelled_at is not None:
        return
    subject, body = render_signup_email(signup, event)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [signup.volunteer.email])
