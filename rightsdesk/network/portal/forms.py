"""Forms of the volunteer portal: the visit report, follow-ups and the conflict confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.intake.fields import TextField, YesNoField, to_bool
from rightsdesk.network.portal.services import FollowUpAction, Outcome

LATER, MATTER, TASK = "later", "matter", "task"


class ReportForm(forms.Form):
    summary = TextField(
        label=_("Summary of the visit"),
        max_length=20000,
        multiline=True,
        rows=5,
        help_text=_(
            "What happened, what the facility allowed, anything the next visit should know."
        ),
    )


class PersonOutcomeForm(forms.Form):
    """What the report says of one person to be seen; one per person, with the person's id as
    the prefix."""

    seen = YesNoField(label=_("Seen"))
    needs = TextField(label=_("Needs found"), max_length=5000, multiline=True, rows=2)

    def __init__(self, *args: Any, name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen"].label = _("Was %(name)s seen?") % {"name": name}
        self.fields["needs"].label = _("Needs found for %(name)s") % {"name": name}

    def outcome(self) -> Outcome:
        return Outcome(seen=to_bool(self.cleaned_data["seen"]), needs=self.cleaned_data["needs"])


class FollowUpActForm(forms.Form):
    """What a follow-up becomes: a new matter, or a task on an existing matter."""

    becomes = forms.ChoiceField(
        label=_("What it becomes"),
        choices=[
            (MATTER, _("A new matter for this person (with a conflict check)")),
            (TASK, _("A task on an existing matter")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the follow-up becomes.")},
    )
    matter_title = TextField(
        label=_("Title of the new matter"),
        max_length=300,
        help_text=_("For example: bond hearing, or credible-fear interview."),
    )
    matter_number = forms.IntegerField(
        label=_("Matter number (for a task)"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Enter the matter's number, for example 12.")},
    )
    task_title = TextField(label=_("Task"), max_length=300)
    due = forms.DateField(
        label=_("Task due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        becomes = data.get("becomes")
        if becomes == MATTER and not data.get("matter_title"):
            self.add_error("matter_title", _("Give the new matter a title."))
        if becomes == TASK:
            if not data.get("matter_number"):
                self.add_error("matter_number", _("Enter the number of the matter."))
            if not data.get("task_title"):
                self.add_error("task_title", _("Say what needs doing."))
        return data

    def action(self, matter: Any = None) -> FollowUpAction | None:
        data = self.cleaned_data
        if data["becomes"] == MATTER:
            return FollowUpAction(kind=MATTER, title=data["matter_title"])
        if data["becomes"] == TASK:
            return FollowUpAction(
                kind=TASK, title=data["task_title"], matter=matter, due=data["due"]
            )
        return None


class FollowUpForm(FollowUpActForm):
    """A new follow-up; for network staff, also what it becomes, in the same step. Volunteers
    file it and the coordinator decides (``can_act`` False drops those fields)."""

    field_order = ["person", "description", "becomes"]

    person = forms.ChoiceField(label=_("Who it is about"), required=False)
    description = TextField(
        label=_("What needs doing"),
        max_length=5000,
        multiline=True,
        rows=3,
        required=True,
        error_messages={"required": _("Say what needs doing.")},
    )

    def __init__(self, *args: Any, people: list[Any], can_act: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Nobody in particular"))] + [
            (str(p.pk), p.name or _("Person %(n)s") % {"n": p.pk}) for p in people
        ]
        if can_act:
            becomes = self.fields["becomes"]
            becomes.choices = [(LATER, _("Decide later")), *becomes.choices]
            becomes.initial = LATER
        else:
            for name in ("becomes", "matter_title", "matter_number", "task_title", "due"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        if "becomes" not in self.fields:
            return forms.Form.clean(self)
        data = super().clean()
        if data.get("becomes") == MATTER and not data.get("person"):
            self.add_error("person", _("Choose who the new matter is for: they become its client."))
        return data

    def action(self, matter: Any = None) -> FollowUpAction | None:
        if "becomes" not in self.fields:
            return None
        return super().action(matter)


class ConfirmationForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("none", _("I have no conflict with any of these parties")),
            ("conflict", _("I have a conflict")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one answer.")},
    )
    note = TextField(
        label=_("If you have a conflict, what it is (only the coordinator reads it)"),
        max_length=2000,
        multiline=True,
        rows=2,
    )
