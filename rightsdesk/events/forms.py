"""The organiser's event form and the public calendar's filter."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.events.models import Event, stored_codes
from rightsdesk.events.registrations import MAX_PARTY
from rightsdesk.events.selectors import CalendarFilter
from rightsdesk.geo.places import counties
from rightsdesk.intake.fields import TextField
from rightsdesk.network.languages import language_choices, language_name
from rightsdesk.network.trainings.services import local_datetime
from rightsdesk.network.vetting.signup import us_phone

_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def county_choices() -> list[tuple[str, str]]:
    return [(c.fips, str(c)) for c in counties()]


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of event"),
        choices=Event.Kind.choices,
        error_messages={"required": _("Choose the kind of event.")},
    )
    title = TextField(
        label=_("Title"),
        max_length=160,
        required=True,
        error_messages={"required": _("Give the event a title.")},
    )
    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date."), "invalid": _("Enter a real date.")},
    )
    starts = forms.TimeField(
        label=_("Starts"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Enter when it starts."), "invalid": _("Enter a time.")},
    )
    ends = forms.TimeField(
        label=_("Ends"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Enter when it ends."), "invalid": _("Enter a time.")},
    )
    place = forms.ChoiceField(
        label=_("Where"),
        choices=Event.Place.choices,
        initial=Event.Place.ADDRESS,
        widget=forms.RadioSelect,
        help_text=_(
            "Choose “Address given after you sign up” for a venue that must not be public."
        ),
    )
    address = TextField(label=_("Address"), max_length=240)
    county = forms.ChoiceField(
        label=_("County"),
        required=False,
        choices=[],
        help_text=_("Where it takes place, for the calendar's filter and the map of our visits."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Held in"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the language the event is held in.")},
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation offered into"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    accessibility = TextField(
        label=_("Accessibility"),
        max_length=1000,
        multiline=True,
        rows=2,
        help_text=_("For example: step-free entrance, seats for everyone, childcare."),
    )
    host = TextField(label=_("Host organisation"), max_length=160)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        help_text=_("How many people can come. Leave empty for no limit."),
        error_messages={"min_value": _("At least one person must be able to come.")},
    )
    walk_ins = forms.BooleanField(
        label=_("People may come without signing up"), required=False, initial=True
    )
    sensitive = forms.BooleanField(
        label=_("Sensitive topic: reminders do not name it"), required=False
    )
    description = TextField(label=_("Description"), max_length=4000, multiline=True, rows=4)

    def __init__(self, *args: Any, event: Event | None = None, **kwargs: Any) -> None:
        if event is not None and "initial" not in kwargs:
            zone = ZoneInfo(settings.TIME_ZONE)
            starts = timezone.localtime(event.starts_at, zone)
            kwargs["initial"] = {
                "kind": event.kind,
                "title": event.title,
                "day": starts.date(),
                "starts": starts.time().replace(second=0, microsecond=0),
                "ends": timezone.localtime(event.ends_at, zone).time().replace(second=0),
                "place": event.place,
                "address": event.address,
                "county": event.county,
                "languages": event.language_codes,
                "interpretation": event.interpretation_codes,
                "accessibility": event.accessibility,
                "host": event.host,
                "capacity": event.capacity,
                "walk_ins": event.walk_ins,
                "sensitive": event.sensitive,
                "description": event.description,
            }
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("Not in one county (online)"))] + county_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("It must end after it starts."))
        place = data.get("place")
        if place != Event.Place.ONLINE and not data.get("address"):
            self.add_error("address", _("Give the address. Only staff see it when it is private."))
        if place != Event.Place.ONLINE and not data.get("county"):
            self.add_error("county", _("Choose the county it takes place in."))
        return data

    def event_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        online = data["place"] == Event.Place.ONLINE
        return {
            "kind": data["kind"],
            "title": data["title"],
            "description": data["description"],
            "starts_at": local_datetime(data["day"], data["starts"]),
            "ends_at": local_datetime(data["day"], data["ends"]),
            "place": data["place"],
            "address": "" if online else data["address"],
            "county": data["county"] or "",
            "languages": stored_codes(data["languages"]),
            "interpretation": stored_codes(data["interpretation"]),
            "accessibility": data["accessibility"],
            "host": data["host"],
            "capacity": data["capacity"],
            "walk_ins": data["walk_ins"],
            "sensitive": data["sensitive"],
        }


class CalendarFilterForm(forms.Form):
    """The public calendar's filter: a GET form that works without JavaScript. A value that is
    not one of the choices (an old link, a typo) is ignored rather than shown as an error."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[])
    county = forms.ChoiceField(label=_("County"), required=False, choices=[])
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + list(Event.Kind.choices)
        self.fields["county"].choices = [("", _("All counties"))] + county_choices()
        self.fields["language"].choices = [("", _("All languages"))] + language_choices()

    def chosen(self) -> CalendarFilter:
        if not self.is_bound:
            return CalendarFilter()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return CalendarFilter(
            kind=data.get("kind", ""),
            county=data.get("county", ""),
            language=data.get("language", ""),
        )


class RegistrationForm(forms.Form):
    """Signing up: as little as we need. Where people may come without signing up, even the name
    and the contact are optional (a nickname is fine)."""

    name = TextField(
        label=_("First name or nickname"),
        max_length=80,
        help_text=_("So we can find you on the list at the door."),
    )
    contact = TextField(
        label=_("Email or phone, for a reminder"),
        max_length=120,
        help_text=_(
            "We send a reminder by email the day before. Reminders by text message are not "
            "ready yet."
        ),
    )
    party_size = forms.TypedChoiceField(
        label=_("How many people are coming, with you?"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, MAX_PARTY + 1)],
        initial=1,
    )
    interpretation = forms.ChoiceField(label=_("Do you need interpretation?"), required=False)
    needs = TextField(
        label=_("Anything we should know so you can take part?"),
        max_length=500,
        multiline=True,
        rows=2,
        help_text=_("For example: a wheelchair space, a seat near the front, childcare."),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        offered = event.interpretation_codes
        if offered:
            self.fields["interpretation"].choices = [("", _("No, thank you"))] + [
                (code, language_name(code)) for code in offered
            ]
        else:
            del self.fields["interpretation"]
        if not event.walk_ins:
            for name in ("name", "contact"):
                self.fields[name].required = True
            self.fields["name"].error_messages["required"] = _(
                "Give a first name or a nickname: this event only lets in people on the list."
            )
            self.fields["contact"].error_messages["required"] = _(
                "Give an email or a phone number, so we can tell you if anything changes."
            )

    def clean_contact(self) -> str:
        value = self.cleaned_data.get("contact", "")
        if not value:
            return ""
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                raise forms.ValidationError(
                    _("Enter an email address like name@example.com.")
                ) from None
            return value
        phone = us_phone(value)
        if phone is None:
            raise forms.ValidationError(
                _(
                    "Enter an email address, or a US phone number with its area code: 10 digits, "
                    "like 601-555-0123."
                )
            )
        return phone

    def clean_token(self) -> str:
        value = self.cleaned_data.get("token", "")
        return value if _TOKEN.fullmatch(value or "") else ""

    def registration_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        contact = data.get("contact", "")
        email = contact if "@" in contact else ""
        return {
            "name": data.get("name", ""),
            "email": email,
            "phone": "" if email else contact,
            "party_size": data["party_size"],
            "interpretation": data.get("interpretation", ""),
            "needs": data.get("needs", ""),
        }


class CancelForm(forms.Form):
    code = TextField(
        label=_("Your code"),
        max_length=40,
        required=True,
        help_text=_("The code you were shown when you signed up, like ABCD-EFGH-JKMN."),
        error_messages={"required": _("Enter the code you were given when you signed up.")},
    )


class CheckInForm(forms.Form):
    registration = forms.IntegerField(widget=forms.HiddenInput)
    undo = forms.BooleanField(required=False, widget=forms.HiddenInput)


def _count_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100000,
        required=False,
        error_messages={"min_value": _("Enter 0 or more."), "invalid": _("Enter a number.")},
    )


class AfterEventForm(forms.Form):
    """What the organiser counts at the end: walk-ins and the feedback slips."""

    walk_in_count = _count_field(_("People who came without signing up"))
    feedback_useful = _count_field(_("Feedback: very useful"))
    feedback_somewhat = _count_field(_("Feedback: a little useful"))
    feedback_not_useful = _count_field(_("Feedback: not useful"))


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("File"), error_messages={"required": _("Choose a file.")})


PERIOD_YEARS = (2000, 2100)


class PeriodForm(forms.Form):
    """The period of "where we have been": a year back from today unless chosen."""

    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date.")},
    )

    def period(self) -> tuple[Any, Any]:
        """(first day, last day), both included; the default when a date is missing or wrong."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}

        def sensible(day: Any) -> Any:
            # Year 1 or 9999 would overflow the datetime arithmetic that follows.
            return day if day and PERIOD_YEARS[0] <= day.year <= PERIOD_YEARS[1] else None

        end = sensible(data.get("end")) or today
        # 365 days back, not "the same date last year", which 29 February does not have.
        start = sensible(data.get("start")) or end - timezone.timedelta(days=364)
        if start > end:
            start, end = end, start
        return start, end


class TownCopyForm(forms.Form):
    """One more stop of a tour: the same event on another day, in another town."""

    day = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date.")},
    )
    address = TextField(label=_("Address"), max_length=240)
    county = forms.ChoiceField(label=_("County"), required=False, choices=[])

    def __init__(self, *args: Any, online: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.online = online
        self.fields["county"].choices = [("", _("Choose a county"))] + county_choices()
        if online:
            del self.fields["address"], self.fields["county"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = [name for name in ("day", "address", "county") if data.get(name)]
        if not filled:
            return data  # an empty row is skipped
        if not data.get("day") and "day" not in self.errors:
            self.add_error("day", _("Enter the date."))
        if data.get("day") and data["day"] < timezone.localdate():
            self.add_error("day", _("Choose a date from today on."))
        if not self.online:
            if not data.get("address"):
                self.add_error("address", _("Give the address."))
            if not data.get("county"):
                self.add_error("county", _("Choose the county it takes place in."))
        return data


TOWN_ROWS = 5


def town_copy_forms(data: Any, *, online: bool) -> list[TownCopyForm]:
    return [TownCopyForm(data, prefix=f"stop{n}", online=online) for n in range(1, TOWN_ROWS + 1)]
