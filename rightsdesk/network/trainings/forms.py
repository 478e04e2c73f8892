"""Forms for the coordinator's training, requirement and mentoring pages and the portal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.cases.models import Matter
from rightsdesk.intake.fields import TextField
from rightsdesk.network.models import Training, TrainingTopic, VisitPurpose, Volunteer
from rightsdesk.network.trainings.services import local_datetime


class TrainingForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=TrainingTopic.objects.all(),
        help_text=_("Requirements name topics: any training on the topic counts."),
        error_messages={"required": _("Choose the topic.")},
    )
    title = TextField(
        label=_("Title"),
        max_length=160,
        required=True,
        error_messages={"required": _("Give the training a title.")},
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
    online = forms.TypedChoiceField(
        label=_("In person or online"),
        choices=[("", _("In person")), ("yes", _("Online"))],
        coerce=bool,
        empty_value=False,
        required=False,
        widget=forms.RadioSelect,
    )
    place = TextField(
        label=_("Place"),
        max_length=200,
        help_text=_("An address or a room. Leave empty for an online training."),
    )
    cle_hours = forms.DecimalField(
        label=_("CLE hours"),
        min_value=Decimal(0),
        max_value=Decimal("24"),
        decimal_places=2,
        initial=Decimal(0),
        widget=forms.NumberInput(attrs={"step": "0.25"}),
        error_messages={
            "required": _("Enter the CLE hours (0 when none)."),
            "invalid": _("Enter a number of hours, such as 1.5."),
            "max_value": _("A training gives at most 24 hours."),
            "min_value": _("Hours cannot be negative."),
            "max_decimal_places": _("Use at most two decimals, such as 1.25."),
        },
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        help_text=_("How many people can come. Leave empty for no limit."),
        error_messages={"min_value": _("At least one person must be able to come.")},
    )
    description = TextField(label=_("Description"), max_length=4000, multiline=True, rows=4)

    def __init__(self, *args: Any, training: Training | None = None, **kwargs: Any) -> None:
        if training is not None and "initial" not in kwargs:
            starts = timezone.localtime(training.starts_at, _zone())
            kwargs["initial"] = {
                "topic": training.topic_id,
                "title": training.title,
                "day": starts.date(),
                "starts": starts.time().replace(second=0, microsecond=0),
                "ends": timezone.localtime(training.ends_at, _zone()).time().replace(second=0),
                "online": "yes" if training.online else "",
                "place": training.place,
                "cle_hours": training.cle_hours,
                "capacity": training.capacity,
                "description": training.description,
            }
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("It must end after it starts."))
        if not data.get("online") and not data.get("place"):
            self.add_error("place", _("Say where it is, or choose Online."))
        return data

    def training_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "topic": data["topic"],
            "title": data["title"],
            "starts_at": local_datetime(data["day"], data["starts"]),
            "ends_at": local_datetime(data["day"], data["ends"]),
            "place": data["place"],
            "online": data["online"],
            "cle_hours": data["cle_hours"],
            "capacity": data["capacity"],
            "description": data["description"],
        }


def _zone() -> Any:
    from zoneinfo import ZoneInfo

    from django.conf import settings

    return ZoneInfo(settings.TIME_ZONE)


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("File"), error_messages={"required": _("Choose a file.")})


class TopicForm(forms.Form):
    name = TextField(
        label=_("New topic"),
        max_length=120,
        required=True,
        error_messages={"required": _("Name the topic.")},
    )


def applies_to_choices() -> list[tuple[str, Any]]:
    """Every kind of assignment a requirement can name (Requirement.applies_to)."""
    choices: list[tuple[str, Any]] = [("visit", _("Any facility visit"))]
    choices += [(f"visit:{value}", _("Visit: %s") % label) for value, label in VisitPurpose.choices]
    choices += [
        (f"matter:{value}", _("Matter: %s") % label) for value, label in Matter.Kind.choices
    ]
    return choices


def applies_to_label(key: str) -> Any:
    return dict(applies_to_choices()).get(key, key)


class RequirementForm(forms.Form):
    applies_to = forms.ChoiceField(
        label=_("Assignment"),
        choices=applies_to_choices,
        error_messages={"required": _("Choose the kind of assignment.")},
    )
    topic = forms.ModelChoiceField(
        label=_("Training it needs"),
        queryset=TrainingTopic.objects.all(),
        error_messages={"required": _("Choose the training topic.")},
    )


class PairForm(forms.Form):
    mentee = forms.ModelChoiceField(
        label=_("New volunteer"),
        queryset=Volunteer.objects.none(),
        error_messages={"required": _("Choose the volunteer to be mentored.")},
    )
    mentor = forms.ModelChoiceField(
        label=_("Mentor (an experienced attorney)"),
        queryset=None,
        error_messages={"required": _("Choose the mentor.")},
    )
    started_on = forms.DateField(
        label=_("Started on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date."), "invalid": _("Enter a real date.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from rightsdesk.network.trainings.selectors import mentors_available

        kwargs.setdefault("initial", {"started_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        mentee = self.fields["mentee"]
        mentee.queryset = Volunteer.objects.filter(status=Volunteer.Status.APPROVED).order_by("pk")
        mentee.label_from_instance = lambda v: f"{v.name} ({v.reference})"
        mentor = self.fields["mentor"]
        mentor.queryset = mentors_available()
        mentor.label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.get_role_display()})"
        )


class CheckInForm(forms.Form):
    on = forms.DateField(
        label=_("Date of the check-in"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date."), "invalid": _("Enter a real date.")},
    )
    note = TextField(
        label=_("Note"),
        max_length=4000,
        multiline=True,
        rows=3,
        help_text=_("Kept encrypted. Only the pair and the coordinator can read it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
