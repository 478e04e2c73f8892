"""Forms for facility rules, planning a visit, the people to be seen and the places on it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.intake.fields import TextField
from rightsdesk.network.languages import language_choices
from rightsdesk.network.models import Facility, VisitPurpose, VisitSignup


class FacilityRulesForm(forms.Form):
    address = TextField(label=_("Address"), max_length=200)
    id_needed = TextField(
        label=_("ID and bar card needed"),
        max_length=2000,
        multiline=True,
        rows=2,
        help_text=_("For example: government photo ID; attorneys their bar card."),
    )
    booking_lead_days = forms.IntegerField(
        label=_("Booking lead time (days ahead)"),
        required=False,
        min_value=0,
        max_value=90,
        error_messages={"invalid": _("Enter a whole number of days.")},
    )
    visiting_hours = TextField(
        label=_("Visiting hours for attorneys"), max_length=2000, multiline=True, rows=2
    )
    allowed_items = TextField(
        label=_("What may be brought in (laptops, phones, papers)"),
        max_length=2000,
        multiline=True,
        rows=3,
    )
    contact_channel = TextField(
        label=_("How to contact the facility to book"), max_length=2000, multiline=True, rows=2
    )
    other_rules = TextField(label=_("Other rules"), max_length=4000, multiline=True, rows=3)


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date."), "invalid": _("Enter a real date.")},
    )


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Enter the time."), "invalid": _("Enter a time like 09:30.")},
    )


class VisitPlanForm(forms.Form):
    facility = forms.ModelChoiceField(
        label=_("Facility"),
        queryset=Facility.objects.filter(active=True),
        empty_label=None,
    )
    on = _date_field(_("Date"))
    starts = _time_field(_("From"))
    ends = _time_field(_("Until"))
    purpose = forms.ChoiceField(label=_("Purpose"), choices=VisitPurpose.choices)
    attorneys_needed = forms.IntegerField(
        label=_("Attorneys needed"), min_value=1, max_value=10, initial=1
    )
    notes = TextField(
        label=_("Notes for the team (not sent by email)"), max_length=2000, multiline=True, rows=2
    )

    def clean_on(self) -> Any:
        on = self.cleaned_data["on"]
        if on < timezone.localdate():
            raise forms.ValidationError(_("The date has passed: choose today or a later day."))
        return on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts") and data.get("ends") and data["starts"] >= data["ends"]:
            self.add_error("ends", _("The visit must end after it starts."))
        return data


class VisitPersonForm(forms.Form):
    """Someone to be seen, by matter number (a matter the user may read) or by name."""

    matter = forms.IntegerField(
        label=_("Matter number"),
        required=False,
        min_value=1,
        help_text=_("For a client of ours. Leave empty and give a name for anyone else."),
    )
    name = TextField(label=_("Name"), max_length=200)
    languages = forms.MultipleChoiceField(
        label=_("Languages they speak"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )

    def __init__(self, *args: Any, matters: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The matters the user may read (cases.selectors.matters_for_user).
        self.matters = matters

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number, name = data.get("matter"), data.get("name", "")
        if number and name:
            self.add_error("name", _("Give a matter number or a name, not both."))
        elif not number and not name:
            self.add_error("name", _("Give a matter number or the person's name."))
        elif number:
            matter = self.matters.filter(pk=number).first() if self.matters is not None else None
            if matter is None:
                self.add_error("matter", _("No matter with that number that you can open."))
            data["matter"] = matter
        return data


class SignupAddForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=VisitSignup.Role.choices, widget=forms.HiddenInput)
    language = forms.CharField(required=False, max_length=8, widget=forms.HiddenInput)


class ClaimForm(forms.Form):
    """A place on a visit, as "attorney:" or "interpreter:<language code>"."""

    place = forms.CharField(max_length=20)

    def clean_place(self) -> tuple[str, str]:
        role, _sep, language = self.cleaned_data["place"].partition(":")
        if role not in VisitSignup.Role.values:
            raise forms.ValidationError(_("Choose a place."))
        return role, language
