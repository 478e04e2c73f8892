"""The public sign-up form, the status form, and the coordinator's vetting forms.

The sign-up is one page with a fixed number of rows for languages and bar admissions, so it works
without JavaScript and keeps everything typed when the page comes back with a problem."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.accounts.models import User
from rightsdesk.accounts.roles import VOLUNTEER_ROLES
from rightsdesk.geo.places import counties
from rightsdesk.intake.fields import TextField
from rightsdesk.intake.steps import email_field
from rightsdesk.network.languages import language_choices
from rightsdesk.network.models import LanguageLevel, Volunteer
from rightsdesk.network.vetting import signup

LANGUAGE_ROWS = 4
BAR_ROWS = 3
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


class SignupForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How would you like to help?"),
        choices=Volunteer.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_("This tells us which checks to do before you start."),
        error_messages={"required": _("Choose how you would like to help.")},
    )
    name = TextField(
        label=_("Your full name"),
        max_length=200,
        required=True,
        help_text=_("So our coordinator knows who to contact."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Tell us your name.")},
    )
    email = email_field(_("Your email address"))
    phone = TextField(
        label=_("Your phone number"),
        max_length=40,
        help_text=_("So our coordinator can call you about visits. Any format, like 601-555-0123."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    immigration_experience = forms.ChoiceField(
        label=_("How much immigration law have you practised?"),
        choices=list(signup.EXPERIENCE.items()),
        widget=forms.RadioSelect,
        required=False,
        help_text=_("There is no wrong answer: we train and mentor new volunteers."),
    )
    experience_note = TextField(
        label=_("Tell us about your experience, if you like"),
        max_length=2000,
        multiline=True,
        rows=3,
    )
    availability = forms.MultipleChoiceField(
        label=_("When could you usually help?"),
        choices=signup.availability_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Tick every time that usually works: morning is 8 to 12, afternoon 12 to 5, evening "
            "5 to 8. We only use it to plan visits."
        ),
    )
    availability_note = TextField(
        label=_("Anything else about when you can help"),
        max_length=1000,
        multiline=True,
        rows=2,
        help_text=_("For example: only one Saturday a month, or not in the summer."),
    )
    county = forms.ChoiceField(
        label=_("Your home county"),
        help_text=_("So we can suggest visits that are not too far to drive."),
        error_messages={"required": _("Choose your county, or “Outside Mississippi”.")},
    )
    heard_from = forms.ChoiceField(
        label=_("How did you hear about us?"),
        choices=[("", _("Choose one")), *signup.HEARD_FROM.items()],
        required=False,
        help_text=_("It helps us know where to find more volunteers."),
    )
    heard_from_note = TextField(label=_("Where, or who told you?"), max_length=300)
    note = TextField(
        label=_("Anything else you want us to know"),
        max_length=3000,
        multiline=True,
        rows=3,
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _("We send your receipt here, and nothing else for now.")
        self.fields["email"].error_messages["required"] = _(
            "Tell us your email address, so we can write to you."
        )
        self.fields["county"].choices = [
            ("", _("Choose your county")),
            *[(c.fips, c.name) for c in counties()],
            (signup.OUTSIDE_MS, _("Outside Mississippi")),
        ]
        languages = [("", _("Choose a language")), *language_choices()]
        levels = [("", _("Choose a level")), *LanguageLevel.choices]
        for n in range(1, LANGUAGE_ROWS + 1):
            self.fields[f"language_{n}"] = forms.ChoiceField(
                label=_("Language"), choices=languages, required=False
            )
            self.fields[f"level_{n}"] = forms.ChoiceField(
                label=_("How well you speak it"), choices=levels, required=False
            )
        states = [("", _("Choose a state")), *signup.STATES.items()]
        for n in range(1, BAR_ROWS + 1):
            self.fields[f"bar_state_{n}"] = forms.ChoiceField(
                label=_("State"), choices=states, required=False
            )
            self.fields[f"bar_number_{n}"] = TextField(
                label=_("Bar number"),
                max_length=20,
                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            )
            self.fields[f"bar_year_{n}"] = TextField(
                label=_("Year admitted"),
                max_length=4,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}),
            )

    # --- rows for the template ---------------------------------------------------------------

    def language_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [(n, self[f"language_{n}"], self[f"level_{n}"]) for n in range(1, LANGUAGE_ROWS + 1)]

    def bar_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (n, self[f"bar_state_{n}"], self[f"bar_number_{n}"], self[f"bar_year_{n}"])
            for n in range(1, BAR_ROWS + 1)
        ]

    def availability_rows(self) -> list[tuple[object, list[Any]]]:
        """The 21 boxes grouped by weekday: one line per day on the page."""
        boxes = list(self["availability"])
        per_day = len(signup.WINDOWS)
        return [
            (label, boxes[i * per_day : (i + 1) * per_day])
            for i, (_day, label) in enumerate(signup.WEEKDAYS)
        ]

    def error_items(self) -> list[tuple[str, str]]:
        """The error summary's lines: (the field's id, "label — error"); a field in a row says
        which row, since every row has the same labels."""
        items = [("", str(error)) for error in self.non_field_errors()]
        for bound in self:
            row = re.fullmatch(r"(language|level|bar_state|bar_number|bar_year)_(\d)", bound.name)
            if row is None:
                label = str(bound.label)
            else:
                group = (
                    _("Language %(n)s")
                    if row[1] in {"language", "level"}
                    else _("Bar admission %(n)s")
                )
                label = f"{group % {'n': row[2]}}: {bound.label}"
            anchor = f"{bound.auto_id}_0" if bound.use_fieldset else bound.id_for_label
            items += [(anchor, f"{label} — {error}") for error in bound.errors]
        return items

    # --- validation --------------------------------------------------------------------------

    def clean_email(self) -> str:
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        value = self.cleaned_data.get("email", "")
        try:
            validate_email(value)
        except ValidationError:
            raise forms.ValidationError(
                _("Enter an email address like name@example.com.")
            ) from None
        return value

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone", "")
        if not value:
            return ""
        phone = signup.us_phone(value)
        if phone is None:
            raise forms.ValidationError(
                _(
                    "Enter a US phone number with its area code: 10 digits, like 601-555-0123 "
                    "or (601) 555-0123."
                )
            )
        return phone

    def clean_token(self) -> str:
        value = self.cleaned_data.get("token", "")
        return value if _TOKEN.fullmatch(value or "") else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        data["languages"] = self._clean_languages()
        data["bar_admissions"] = self._clean_bars() if kind == Volunteer.Kind.ATTORNEY else []
        if kind == Volunteer.Kind.INTERPRETER and not any(
            code != "en" for code, _level in data["languages"]
        ):
            self.add_error(
                "language_1",
                _("Add at least one language you interpret, besides English, and your level."),
            )
        if (
            kind == Volunteer.Kind.ATTORNEY
            and not data["bar_admissions"]
            and not self.errors.get("bar_state_1")
        ):
            self.add_error(
                "bar_state_1", _("Add at least one bar admission: the state, number and year.")
            )
        data["windows"] = signup.windows_from_choices(data.get("availability") or [])
        if kind != Volunteer.Kind.ATTORNEY:
            data["immigration_experience"] = ""
        return data

    def _clean_languages(self) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for n in range(1, LANGUAGE_ROWS + 1):
            code = self.cleaned_data.get(f"language_{n}", "")
            level = self.cleaned_data.get(f"level_{n}", "")
            if code and not level:
                self.add_error(f"level_{n}", _("Choose how well you speak this language."))
            elif level and not code:
                self.add_error(f"language_{n}", _("Choose the language, or clear the level."))
            elif code and code in {c for c, _l in found}:
                self.add_error(f"language_{n}", _("This language is already listed above."))
            elif code:
                found.append((code, level))
        return found

    def _clean_bars(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        this_year = timezone.localdate().year
        for n in range(1, BAR_ROWS + 1):
            state = self.cleaned_data.get(f"bar_state_{n}", "")
            number = self.cleaned_data.get(f"bar_number_{n}", "")
            year_text = self.cleaned_data.get(f"bar_year_{n}", "")
            if not (state or number or year_text):
                continue
            ok = True
            if not state:
                self.add_error(f"bar_state_{n}", _("Choose the state of this bar admission."))
                ok = False
            if not number:
                self.add_error(f"bar_number_{n}", _("Enter the bar number."))
                ok = False
            elif state:
                cleaned = signup.bar_number(state, number)
                if cleaned is None:
                    self.add_error(
                        f"bar_number_{n}",
                        _("A Mississippi bar number is 1 to 6 digits, like 104233.")
                        if state == "MS"
                        else _(
                            "A bar number is 1 to 12 letters, digits or dashes, like 2019-0457."
                        ),
                    )
                    ok = False
                else:
                    number = cleaned
            year = int(year_text) if year_text.isdigit() else None
            if year is None or not signup.bar_year_ok(year, this_year):
                self.add_error(
                    f"bar_year_{n}",
                    _("Enter the year you were admitted, between %(first)s and %(last)s.")
                    % {"first": signup.EARLIEST_BAR_YEAR, "last": this_year},
                )
                ok = False
            if ok:
                found.append({"state": state, "number": number, "year": year})
        return found


# --- the coordinator's forms -----------------------------------------------------------------


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Volunteer.Status.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *Volunteer.Kind.choices], required=False
    )


class BarCheckForm(forms.Form):
    admission = forms.TypedChoiceField(label=_("Bar admission"), coerce=int)
    note = TextField(
        label=_("How it was verified"),
        max_length=500,
        help_text=_("For example: the state bar's online directory, on the phone with the bar."),
    )

    def __init__(self, *args: Any, volunteer: Volunteer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["admission"].choices = [
            (b.pk, f"{b.state} {b.number} ({b.year})") for b in volunteer.bar_admissions.all()
        ]


class LanguageCheckForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    verified_level = forms.ChoiceField(label=_("Verified level"), choices=LanguageLevel.choices)
    verified_by = TextField(
        label=_("Verified by"),
        max_length=200,
        required=True,
        help_text=_("Who tested it: a staff member, or another interpreter, and how."),
        error_messages={"required": _("Say who verified the language.")},
    )

    def __init__(self, *args: Any, volunteer: Volunteer, **kwargs: Any) -> None:
        from rightsdesk.network.languages import language_name

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (lang.code, language_name(lang.code)) for lang in volunteer.languages.all()
        ]


class SignedCheckForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"),
        choices=[
            ("agreement_signed", _("Volunteer agreement signed")),
            ("pledge_signed", _("Confidentiality pledge signed")),
        ],
    )
    signed_on = forms.DateField(
        label=_("Signed on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date it was signed.")},
    )

    def clean_signed_on(self) -> Any:
        value = self.cleaned_data["signed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class ApproveForm(forms.Form):
    username = forms.CharField(
        label=_("Username for their account"),
        max_length=150,
        help_text=_("Letters, digits and . _ - only. They sign in with it."),
    )
    role = forms.ChoiceField(label=_("Role of the account"), required=False)

    def __init__(self, *args: Any, volunteer: Volunteer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.volunteer = volunteer
        self.fields["role"].choices = [
            ("", _("Choose a role")),
            *[(role, User.Role(role).label) for role in sorted(VOLUNTEER_ROLES)],
        ]
        self.fields["role"].required = volunteer.kind in {
            Volunteer.Kind.LAW_STUDENT,
            Volunteer.Kind.OTHER,
        }

    def clean_username(self) -> str:
        value = self.cleaned_data["username"].strip()
        if not re.fullmatch(r"[A-Za-z0-9._-]{3,150}", value):
            raise forms.ValidationError(_("Use at least 3 letters, digits or . _ - and no spaces."))
        if User.objects.filter(username__iexact=value).exists():
            raise forms.ValidationError(_("That username is taken: choose another."))
        return value


class DeclineForm(forms.Form):
    reason = TextField(
        label=_("Reason (kept for the team, not sent to the person)"),
        max_length=2000,
        multiline=True,
        rows=3,
        required=True,
        error_messages={"required": _("Write the reason, for the team's record.")},
    )
