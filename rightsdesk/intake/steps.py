"""The questions of the complaint form, one group per page, in the order the organisation
publishes them. Each step knows its form, how to read its answers out of the complaint JSON
(the shape of complaint.schema.json) and how to write them back.

The same steps serve the public form and the staff screen for keying in paper forms, so both
apply exactly the same validation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rightsdesk.geo.places import counties, county_for_city, county_for_zip
from rightsdesk.intake.fields import TextField, YesNoField, from_bool, phone_digits, to_bool

HELP = "help"
TIP = "tip"
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_STATE = re.compile(r"^[A-Za-z]{2}$")
MAX_ROWS = 20

# Values from the form that are only used to suggest something else (never stored).
OUTSIDE_MS = "outside"


def _check_phone(form: forms.Form, field: str) -> None:
    value = form.cleaned_data.get(field, "")
    if value and not 7 <= len(phone_digits(value)) <= 15:
        form.add_error(field, _("Enter a phone number with its area code, like 601-555-0123."))


def _check_email(form: forms.Form, field: str) -> None:
    value = form.cleaned_data.get(field, "")
    if value:
        try:
            validate_email(value)
        except ValidationError:
            form.add_error(field, _("Enter an email address like name@example.com."))


def check_zip(form: forms.Form, field: str) -> None:
    value = form.cleaned_data.get(field, "")
    if value and not _ZIP.match(value):
        form.add_error(field, _("Enter a 5-digit ZIP code, like 39201."))


def check_state(form: forms.Form, field: str) -> None:
    value = form.cleaned_data.get(field, "")
    if value and not _STATE.match(value):
        form.add_error(field, _("Enter the 2-letter state code, like MS."))
    elif value:
        form.cleaned_data[field] = value.upper()


def _address_fields(prefix: str = "") -> dict[str, forms.Field]:
    return {
        f"{prefix}street": TextField(
            label=_("Street address or P.O. box"),
            max_length=300,
            widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        ),
        f"{prefix}city": TextField(
            label=_("Town or city"),
            max_length=100,
            widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        ),
        f"{prefix}state": TextField(
            label=_("State"),
            max_length=2,
            initial="MS",
            widget=forms.TextInput(attrs={"autocomplete": "address-level1", "size": 3}),
        ),
        f"{prefix}zip": TextField(
            label=_("ZIP code"),
            max_length=10,
            widget=forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 10}
            ),
        ),
    }


def phone_field(label: str | Promise) -> TextField:
    return TextField(
        label=label,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )


def email_field(label: str | Promise) -> TextField:
    return TextField(
        label=label,
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email", "type": "email"}),
    )


def _address_out(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    address = {
        key: data.get(f"{prefix}{key}", "")
        for key in ("street", "city", "state", "zip")
        if data.get(f"{prefix}{key}")
    }
    # The state field starts filled in with MS; alone, it is not an address.
    return address if set(address) - {"state"} else {}


def _address_in(address: dict[str, Any] | None, prefix: str = "") -> dict[str, str]:
    return {f"{prefix}{key}": value for key, value in (address or {}).items()}


def _prune(value: Any) -> Any:
    """Drop empty strings, empty objects and empty lists, so the JSON says only what was said."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ("", None, {}, [])}
    if isinstance(value, list):
        return [item for item in (_prune(v) for v in value) if item not in ("", None, {}, [])]
    return value


# --- forms ---------------------------------------------------------------------------------


class ForWhomForm(forms.Form):
    on_behalf = forms.ChoiceField(
        label=_("Choose one"),
        choices=[
            ("self", _("I do")),
            ("other", _("Someone else (for example a relative in jail)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us who needs help.")},
    )
    filer_name = TextField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    relationship = TextField(
        label=_("How you know them (for example: their sister)"), max_length=100
    )
    filer_phone = phone_field(_("Your phone number"))
    filer_email = email_field(_("Your email address"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("on_behalf") == "other":
            if not data.get("filer_name"):
                self.add_error("filer_name", _("Tell us your name, so we know who wrote."))
            if not data.get("relationship"):
                self.add_error("relationship", _("Tell us how you know the person."))
            if not (data.get("filer_phone") or data.get("filer_email")):
                self.add_error(
                    "filer_phone",
                    _("Give a phone number or an email address, so we can reach you."),
                )
        _check_phone(self, "filer_phone")
        _check_email(self, "filer_email")
        return data


class ContactForm(forms.Form):
    name = TextField(
        label=_("Full name"),
        max_length=200,
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Tell us the name of the person who needs help.")},
    )
    locals().update(_address_fields())  # street, city, state, zip, as on every address
    phone = phone_field(_("Phone number"))
    email = email_field(_("Email address"))
    preferred_contact = forms.ChoiceField(
        label=_("How should we contact you?"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("mail", _("By mail")), ("phone", _("By phone")), ("email", _("By email"))],
    )
    safe_to_leave_message = YesNoField(label=_("Is it safe for us to leave a message?"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_phone(self, "phone")
        _check_email(self, "email")
        check_zip(self, "zip")
        check_state(self, "state")
        preferred = data.get("preferred_contact")
        if preferred == "mail" and not (data.get("street") and data.get("city")):
            self.add_error(
                "street", _("Add a mailing address, or choose another way to reach you.")
            )
        if preferred == "phone" and not data.get("phone"):
            self.add_error("phone", _("Add a phone number, or choose another way to reach you."))
        if preferred == "email" and not data.get("email"):
            self.add_error("email", _("Add an email address, or choose another way to reach you."))
        if not (data.get("street") or data.get("phone") or data.get("email")) and not self.errors:
            self.add_error(
                "phone",
                _(
                    "Give us at least one way to reach you: a mailing address, "
                    "a phone number or an email address."
                ),
            )
        return data


class DetentionForm(forms.Form):
    is_detained = YesNoField(
        label=_("Is the person who needs help in jail, prison or immigration detention right now?"),
        required=True,
        error_messages={"required": _("Choose yes or no.")},
    )
    facility = TextField(
        label=_("Where are they held?"),
        max_length=200,
        help_text=_(
            "The name of the jail or detention center. If you do not know it, the town is enough."
        ),
    )
    relative_name = TextField(
        label=_("Name of a relative or friend who will always know where they are"), max_length=200
    )
    relative_relationship = TextField(label=_("How they are related"), max_length=100)
    relative_phone = TextField(
        label=_("Their phone number"), max_length=40, widget=forms.TextInput(attrs={"type": "tel"})
    )
    locals().update(_address_fields("relative_"))  # the relative's street, city, state, zip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("is_detained") == "yes" and not data.get("facility"):
            self.add_error("facility", _("Tell us where they are held, even just the town."))
        _check_phone(self, "relative_phone")
        check_zip(self, "relative_zip")
        check_state(self, "relative_state")
        return data


class WhatForm(forms.Form):
    what = TextField(
        label=_("What happened?"),
        max_length=20000,
        multiline=True,
        rows=10,
        required=True,
        help_text=_(
            "Tell us in your own words. Who did what to whom? What was said? What "
            "happened after? Write as much or as little as you can."
        ),
        error_messages={"required": _("Tell us what happened, even in a few words.")},
    )
    why = TextField(
        label=_("Why do you think this happened?"),
        max_length=5000,
        multiline=True,
        help_text=_(
            "For example: because of your race, where you are from, your "
            "religion, a disability, or your papers."
        ),
    )


class WhenWhereForm(forms.Form):
    when_date = forms.DateField(
        label=_("Date it happened"),
        required=False,
        input_formats=["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("If it happened more than once, the date it started."),
        error_messages={"invalid": _("Enter a real date, like 03/14/2026.")},
    )
    when_text = TextField(
        label=_("Not sure of the date? Tell us what you remember"),
        max_length=200,
        help_text=_("For example: early March 2026."),
    )
    place = TextField(
        label=_("Place"),
        max_length=300,
        help_text=_("For example: the Hinds County jail, a traffic stop on Highway 49, a store."),
    )
    city = TextField(label=_("Town or city"), max_length=100)
    zip = TextField(
        label=_("ZIP code, if you know it"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 10}),
        help_text=_("We use it only to find the county."),
    )
    county = forms.ChoiceField(label=_("County"), required=False)
    state = TextField(
        label=_("State"), max_length=2, initial="MS", widget=forms.TextInput(attrs={"size": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [
            ("", _("Not sure (we will work it out from the town or ZIP)")),
            *[(c.name, c.name) for c in counties()],
            (OUTSIDE_MS, _("Outside Mississippi")),
        ]

    def clean_when_date(self) -> date | None:
        value = self.cleaned_data.get("when_date")
        if value and value > timezone.localdate():
            raise ValidationError(_("This date is in the future. Enter the date it happened."))
        if value and value.year < 1950:
            raise ValidationError(_("Enter a date after 1950."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        check_zip(self, "zip")
        check_state(self, "state")
        return data


class OthersForm(forms.Form):
    who = TextField(
        label=_("Who else was there or was affected?"),
        max_length=5000,
        multiline=True,
        help_text=_(
            "Witnesses, other people treated the same way, family members. "
            "Names and how to reach them help, if they agree."
        ),
    )


class ResponsibleRowForm(forms.Form):
    name = TextField(label=_("Name of the person, business or agency"), max_length=300)
    role = TextField(label=_("What they did"), max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("role") and not data.get("name"):
            self.add_error(
                "name", _("Add a name, or a description such as “the deputy at the desk”.")
            )
        return data


class ExplanationForm(forms.Form):
    explanation_given = TextField(
        label=_("What explanation did they give you, if any?"), max_length=5000, multiline=True
    )
    why_explanation_inadequate = TextField(
        label=_("Why is that explanation not good enough?"), max_length=5000, multiline=True
    )


class MediaForm(forms.Form):
    media_coverage = TextField(
        label=_("Has there been news coverage?"),
        max_length=5000,
        multiline=True,
        rows=4,
        help_text=_("Tell us the newspaper, TV station or website, and the date."),
    )


class PoliceForm(forms.Form):
    involves_police = YesNoField(label=_("Were the police or a sheriff involved?"))
    police_report_attached = YesNoField(
        label=_("Do you have a copy of a police report?"),
        help_text=_("If you do, you can add a copy on the next page."),
    )


class PriorActionRowForm(forms.Form):
    description = TextField(
        label=_("What you did (for example: filed a complaint with the city)"), max_length=2000
    )
    status = TextField(label=_("What happened with it"), max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("status") and not data.get("description"):
            self.add_error("description", _("Tell us what you did."))
        return data


class CourtDateRowForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, like 03/14/2027.")},
    )
    court = TextField(label=_("Court"), max_length=300)
    note = TextField(label=_("What the hearing is for"), max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        when = data.get("date")
        if when and when < timezone.localdate():
            self.add_error(
                "date",
                _(
                    "This date has passed. If the hearing already happened, "
                    "tell us about it on the page about actions already "
                    "taken."
                ),
            )
        if not when and (data.get("court") or data.get("note")) and "date" not in self.errors:
            self.add_error("date", _("Enter the date of the hearing."))
        return data


class PermissionsForm(forms.Form):
    authorize_letter_with_name = YesNoField(
        label=_("May we write a letter of inquiry or protest that uses your name?"),
        required=True,
        help_text=_(
            "For example, to the agency or business responsible. We never do this "
            "without your permission."
        ),
        error_messages={"required": _("Choose yes or no.")},
    )
    share_with_partner_organisations = YesNoField(
        label=_("If we cannot help, may we pass your complaint to another legal organisation?"),
        required=True,
        error_messages={"required": _("Choose yes or no.")},
    )
    deidentified_use = YesNoField(
        label=_(
            "May we use what happened, without anything that identifies you, in reports "
            "and campaigns?"
        ),
        required=True,
        help_text=_("You can change these answers later on the status page."),
        error_messages={"required": _("Choose yes or no.")},
    )


class RequestForm(forms.Form):
    has_lawyer = YesNoField(label=_("Do you already have a lawyer for this?"))
    requested_help = TextField(
        label=_("What exactly are you asking us to do?"),
        max_length=5000,
        multiline=True,
        required=True,
        help_text=_(
            "For example: help me get my deposit back, stop the checkpoints, help my "
            "brother get medical care in jail."
        ),
        error_messages={"required": _("Tell us what you would like us to do.")},
    )
    email_updates = YesNoField(
        label=_("Send a receipt and status updates by email?"),
        help_text=_(
            "The emails say only that your complaint was received or its status "
            "changed, never what happened."
        ),
    )


class TipContactForm(forms.Form):
    name = TextField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = phone_field(_("Phone number"))
    email = email_field(_("Email address"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_phone(self, "phone")
        _check_email(self, "email")
        return data


ResponsibleFormSet = forms.formset_factory(
    ResponsibleRowForm, extra=0, max_num=MAX_ROWS, validate_max=True
)
PriorActionFormSet = forms.formset_factory(
    PriorActionRowForm, extra=0, max_num=MAX_ROWS, validate_max=True
)
CourtDateFormSet = forms.formset_factory(
    CourtDateRowForm, extra=0, max_num=MAX_ROWS, validate_max=True
)


# --- steps ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str
    title: str | Promise
    intro: str | Promise
    form_class: Any
    kinds: tuple[str, ...] = (HELP,)
    repeatable: bool = False
    uploads: bool = False

    def initial(self, answers: dict[str, Any]) -> Any:
        return LOADERS[self.key](answers)

    def store(self, answers: dict[str, Any], cleaned: Any) -> None:
        SAVERS[self.key](answers, cleaned)


def _load_for_whom(a: dict[str, Any]) -> dict[str, Any]:
    ob = a.get("on_behalf", {})
    if not ob:
        return {}
    return {
        "on_behalf": "other" if ob.get("is_on_behalf") else "self",
        **{k: ob.get(k, "") for k in ("filer_name", "relationship", "filer_phone", "filer_email")},
    }


def _save_for_whom(a: dict[str, Any], d: dict[str, Any]) -> None:
    other = d.get("on_behalf") == "other"
    a["on_behalf"] = {"is_on_behalf": other}
    if other:
        a["on_behalf"].update(
            {k: d[k] for k in ("filer_name", "relationship", "filer_phone", "filer_email")}
        )


def _load_contact(a: dict[str, Any]) -> dict[str, Any]:
    c = a.get("contact", {})
    return {
        "name": c.get("name", ""),
        **_address_in(c.get("mailing_address")),
        "phone": c.get("phone", ""),
        "email": c.get("email", ""),
        "preferred_contact": c.get("preferred_contact", ""),
        "safe_to_leave_message": from_bool(c.get("safe_to_leave_message")),
    }


def _save_contact(a: dict[str, Any], d: dict[str, Any]) -> None:
    a["contact"] = {
        "name": d["name"],
        "mailing_address": _address_out(d),
        "phone": d["phone"],
        "email": d["email"],
        "preferred_contact": d.get("preferred_contact", ""),
        "safe_to_leave_message": to_bool(d.get("safe_to_leave_message")),
    }


def _load_detention(a: dict[str, Any]) -> dict[str, Any]:
    det = a.get("detention", {})
    rel = det.get("relative", {})
    return {
        "is_detained": from_bool(det.get("is_detained")),
        "facility": det.get("facility", ""),
        "relative_name": rel.get("name", ""),
        "relative_relationship": rel.get("relationship", ""),
        "relative_phone": rel.get("phone", ""),
        **_address_in(rel.get("mailing_address"), "relative_"),
    }


def _save_detention(a: dict[str, Any], d: dict[str, Any]) -> None:
    a["detention"] = {
        "is_detained": to_bool(d.get("is_detained")),
        "facility": d["facility"],
        "relative": {
            "name": d["relative_name"],
            "relationship": d["relative_relationship"],
            "phone": d["relative_phone"],
            "mailing_address": _address_out(d, "relative_"),
        },
    }


def _load_what(a: dict[str, Any]) -> dict[str, Any]:
    inc = a.get("incident", {})
    return {"what": inc.get("what", ""), "why": inc.get("why", "")}


def _save_what(a: dict[str, Any], d: dict[str, Any]) -> None:
    a.setdefault("incident", {}).update({"what": d["what"], "why": d["why"]})


def _load_when_where(a: dict[str, Any]) -> dict[str, Any]:
    inc = a.get("incident", {})
    when = inc.get("when", "")
    is_date = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", when))
    where = inc.get("where", {})
    county = where.get("county", "")
    if where.get("state") and where.get("state") != "MS" and not county:
        county = OUTSIDE_MS
    return {
        "when_date": when if is_date else None,
        "when_text": "" if is_date else when,
        "place": where.get("place", ""),
        "city": where.get("city", ""),
        "county": county,
        "state": where.get("state", "MS"),
    }


def suggest_county(*, city: str, zip_code: str, state: str) -> str:
    if state and state != "MS":
        return ""
    found = (county_for_zip(zip_code) if zip_code else None) or (
        county_for_city(city) if city else None
    )
    return found.name if found else ""


def _save_when_where(a: dict[str, Any], d: dict[str, Any]) -> None:
    when = d["when_date"].isoformat() if d.get("when_date") else d.get("when_text", "")
    county = d.get("county", "")
    state = d.get("state") or ""
    if county == OUTSIDE_MS:
        county = ""
        state = "" if state == "MS" else state
    elif not county:
        county = suggest_county(city=d.get("city", ""), zip_code=d.get("zip", ""), state=state)
    a.setdefault("incident", {}).update(
        {
            "when": when,
            "where": {"place": d["place"], "city": d["city"], "county": county, "state": state},
        }
    )


def _load_others(a: dict[str, Any]) -> dict[str, Any]:
    return {"who": a.get("incident", {}).get("who", "")}


def _save_others(a: dict[str, Any], d: dict[str, Any]) -> None:
    a.setdefault("incident", {})["who"] = d["who"]


def _rows_loader(key: str, fields: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def load(a: dict[str, Any]) -> list[dict[str, Any]]:
        return [{f: row.get(f, "") for f in fields} for row in a.get(key, [])]

    return load


def _rows_saver(key: str, required: str):  # type: ignore[no-untyped-def]
    def save(a: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        kept = []
        for row in rows:
            if row.get(required):
                kept.append(
                    {
                        k: (v.isoformat() if isinstance(v, date) else v)
                        for k, v in row.items()
                        if v not in ("", None)
                    }
                )
        a[key] = kept

    return save


def _fields_loader(*names: str):  # type: ignore[no-untyped-def]
    def load(a: dict[str, Any]) -> dict[str, Any]:
        return {n: (from_bool(a[n]) if isinstance(a.get(n), bool) else a.get(n, "")) for n in names}

    return load


def _save_explanation(a: dict[str, Any], d: dict[str, Any]) -> None:
    a["explanation_given"] = d["explanation_given"]
    a["why_explanation_inadequate"] = d["why_explanation_inadequate"]


def _save_media(a: dict[str, Any], d: dict[str, Any]) -> None:
    a["media_coverage"] = d["media_coverage"]


def _save_police(a: dict[str, Any], d: dict[str, Any]) -> None:
    a["involves_police"] = to_bool(d.get("involves_police"))
    a["police_report_attached"] = to_bool(d.get("police_report_attached"))


def _load_permissions(a: dict[str, Any]) -> dict[str, Any]:
    consents = a.get("consents", {})
    return {
        "authorize_letter_with_name": from_bool(a.get("authorize_letter_with_name")),
        "share_with_partner_organisations": from_bool(
            consents.get("share_with_partner_organisations")
        ),
        "deidentified_use": from_bool(consents.get("deidentified_use")),
    }


def _save_permissions(a: dict[str, Any], d: dict[str, Any]) -> None:
    a["authorize_letter_with_name"] = to_bool(d["authorize_letter_with_name"])
    a["consents"] = {
        "share_with_partner_organisations": to_bool(d["share_with_partner_organisations"]),
        "deidentified_use": to_bool(d["deidentified_use"]),
    }


def _load_request(a: dict[str, Any]) -> dict[str, Any]:
    return {
        "has_lawyer": from_bool(a.get("has_lawyer")),
        "requested_help": a.get("requested_help", ""),
        "email_updates": from_bool(a.get("_email_updates")),
    }


def _save_request(a: dict[str, Any], d: dict[str, Any]) -> None:
    a["has_lawyer"] = to_bool(d.get("has_lawyer"))
    a["requested_help"] = d["requested_help"]
    # Not part of the complaint schema: it decides whether a receipt email is sent.
    a["_email_updates"] = to_bool(d.get("email_updates"))


def _load_tip_contact(a: dict[str, Any]) -> dict[str, Any]:
    c = a.get("contact", {})
    return {
        "name": "" if c.get("name") == ANONYMOUS else c.get("name", ""),
        "phone": c.get("phone", ""),
        "email": c.get("email", ""),
    }


# A report without a name may still leave a number; the complaint format needs a name then.
ANONYMOUS = "Anonymous"


def _save_tip_contact(a: dict[str, Any], d: dict[str, Any]) -> None:
    if not (d["name"] or d["phone"] or d["email"]):
        a.pop("contact", None)
        return
    a["contact"] = {"name": d["name"] or ANONYMOUS, "phone": d["phone"], "email": d["email"]}


LOADERS: dict[str, Any] = {
    "for-whom": _load_for_whom,
    "contact": _load_contact,
    "detention": _load_detention,
    "what": _load_what,
    "when-where": _load_when_where,
    "others": _load_others,
    "responsible": _rows_loader("responsible_parties", ("name", "role")),
    "explanation": _fields_loader("explanation_given", "why_explanation_inadequate"),
    "media": _fields_loader("media_coverage"),
    "police": _fields_loader("involves_police", "police_report_attached"),
    "documents": lambda a: {},
    "prior-actions": _rows_loader("prior_actions", ("description", "status")),
    "court-dates": _rows_loader("court_dates", ("date", "court", "note")),
    "permissions": _load_permissions,
    "request": _load_request,
    "tip-contact": _load_tip_contact,
}
SAVERS: dict[str, Any] = {
    "for-whom": _save_for_whom,
    "contact": _save_contact,
    "detention": _save_detention,
    "what": _save_what,
    "when-where": _save_when_where,
    "others": _save_others,
    "responsible": _rows_saver("responsible_parties", "name"),
    "explanation": _save_explanation,
    "media": _save_media,
    "police": _save_police,
    "documents": lambda a, d: None,
    "prior-actions": _rows_saver("prior_actions", "description"),
    "court-dates": _rows_saver("court_dates", "date"),
    "permissions": _save_permissions,
    "request": _save_request,
    "tip-contact": _save_tip_contact,
}

STEPS: tuple[Step, ...] = (
    Step(
        "for-whom",
        _("Who needs help?"),
        _("You can ask for help for yourself, or for someone else, such as a relative in jail."),
        ForWhomForm,
    ),
    Step(
        "contact",
        _("How can we reach the person who needs help?"),
        _("We use this only to contact them about this complaint. Give what you can."),
        ContactForm,
    ),
    Step(
        "detention",
        _("Are they held somewhere?"),
        _(
            "If the person is in jail or detention, we need someone outside who will always know "
            "where they are."
        ),
        DetentionForm,
    ),
    Step(
        "what",
        _("What happened?"),
        _("This is the most important part. Take your time. You can save and come back later."),
        WhatForm,
        kinds=(HELP, TIP),
    ),
    Step(
        "when-where",
        _("When and where did it happen?"),
        _("It is fine if you are not sure. Tell us what you remember."),
        WhenWhereForm,
        kinds=(HELP, TIP),
    ),
    Step(
        "others",
        _("Who else was involved?"),
        _("Other people who saw it or were treated the same way help us see patterns."),
        OthersForm,
    ),
    Step(
        "responsible",
        _("Who is responsible?"),
        _(
            "The people, businesses, institutions or government agencies you hold responsible. "
            "Add as many as you need."
        ),
        ResponsibleFormSet,
        kinds=(HELP, TIP),
        repeatable=True,
    ),
    Step(
        "explanation",
        _("Did they explain why?"),
        _("Tell us what they said, and why you think it is not a fair reason."),
        ExplanationForm,
    ),
    Step(
        "media",
        _("News coverage"),
        _("News stories help us understand what happened and who else was affected."),
        MediaForm,
    ),
    Step(
        "police",
        _("Police"),
        _("Tell us if the police or a sheriff's office were involved."),
        PoliceForm,
    ),
    Step(
        "documents",
        _("Copies of papers"),
        _(
            "Add copies of papers that help explain what happened: letters, tickets, court "
            "papers, photos. Send copies only: we cannot return originals."
        ),
        None,
        uploads=True,
    ),
    Step(
        "prior-actions",
        _("What have you already done about it?"),
        _(
            "For example: complained to the business, the city or a state agency, or went to "
            "court. Tell us what happened with each."
        ),
        PriorActionFormSet,
        repeatable=True,
    ),
    Step(
        "court-dates",
        _("Court dates"),
        _("If you or the person has a hearing coming up, tell us the dates."),
        CourtDateFormSet,
        repeatable=True,
    ),
    Step(
        "permissions",
        _("Your permission"),
        _("We ask each of these separately. Saying no does not stop us looking at your complaint."),
        PermissionsForm,
    ),
    Step(
        "request",
        _("What would you like us to do?"),
        _("Last question. Tell us what a good result would look like for you."),
        RequestForm,
    ),
    Step(
        "tip-contact",
        _("Your contact details (optional)"),
        _(
            "You do not have to give your name. If you do, we may contact you to learn more. "
            "We never share it."
        ),
        TipContactForm,
        kinds=(TIP,),
    ),
)


def steps_for(kind: str) -> list[Step]:
    return [step for step in STEPS if kind in step.kinds]


def step_by_key(kind: str, key: str) -> Step | None:
    return next((s for s in steps_for(kind) if s.key == key), None)


def clean_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """The complaint JSON from a draft's answers: private keys and empty values removed."""
    return _prune({k: v for k, v in answers.items() if not k.startswith("_")})
