from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.cases.models import ConflictCheck, Matter, MatterMember, Party
from rightsdesk.intake.fields import TextField


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Party.Role.choices)
    name = TextField(
        label=_("Name (a person, or an organisation)"),
        max_length=200,
        required=True,
        help_text=_("A first name alone is accepted, but finds fewer conflicts."),
        error_messages={"required": _("Enter the name.")},
    )


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=None)
    role = forms.ChoiceField(label=_("Role on this matter"), choices=MatterMember.Role.choices)

    def __init__(self, *args: object, **kwargs: object) -> None:
        from rightsdesk.accounts.models import User

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("username")


class ConflictDecisionForm(forms.Form):
    check_id = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ConflictCheck.Decision.choices, widget=forms.RadioSelect
    )
    note = TextField(
        label=_("Why"),
        max_length=2000,
        multiline=True,
        rows=2,
        required=True,
        error_messages={"required": _("Say why, for the record.")},
    )


LEAD_CHOICES = [
    (10080, _("1 week before")),
    (4320, _("3 days before")),
    (1440, _("1 day before")),
    (120, _("2 hours before")),
]


class MatterDateForm(forms.Form):
    from rightsdesk.cases.models import MatterDate as _MatterDate

    kind = forms.ChoiceField(label=_("What"), choices=_MatterDate.Kind.choices)
    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date."), "invalid": _("Enter a real date.")},
    )
    time = forms.TimeField(
        label=_("Time (leave empty for a deadline that lasts all day)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    leads = forms.TypedMultipleChoiceField(
        label=_("Remind the team"),
        choices=LEAD_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=[10080, 1440],
    )
    description = TextField(label=_("Note for the team (not shown in calendars)"), max_length=500)

    def clean_day(self) -> Any:
        from django.utils import timezone

        day = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError(
                _("This date has passed. Record what happened in a note instead.")
            )
        return day


class TaskForm(forms.Form):
    title = TextField(
        label=_("Task"),
        max_length=300,
        required=True,
        error_messages={"required": _("Say what needs doing.")},
    )
    assignee = forms.ModelChoiceField(label=_("Who"), queryset=None, required=False)
    due = forms.DateField(
        label=_("Due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date.")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        from rightsdesk.accounts.models import User

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["assignee"].queryset = User.objects.filter(is_active=True).order_by("username")


class NoteForm(forms.Form):
    body = TextField(
        label=_("Note"),
        max_length=20000,
        multiline=True,
        rows=4,
        required=True,
        help_text=_("Markdown: **bold**, *italic*, lists."),
        error_messages={"required": _("Write the note.")},
    )


class DocumentForm(forms.Form):
    from rightsdesk.cases.models import MatterDocument as _Doc

    file = forms.FileField(label=_("File"), error_messages={"required": _("Choose a file.")})
    kind = forms.ChoiceField(
        label=_("What it is"), choices=[c for c in _Doc.Kind.choices if c[0] != "from_complaint"]
    )


class CloseForm(forms.Form):
    outcome = TextField(
        label=_("Outcome"),
        max_length=200,
        required=True,
        error_messages={"required": _("Say how the matter ended.")},
    )


class NewMatterForm(forms.Form):
    title = TextField(
        label=_("Title"),
        max_length=300,
        required=True,
        help_text=_("For example: Scott County checkpoints, or Doe v. City."),
        error_messages={"required": _("Give the matter a title.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Matter.Kind.choices)
