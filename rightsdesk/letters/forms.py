from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.intake.fields import TextField


class LetterForm(forms.Form):
    recipient_name = TextField(
        label=_("To (name)"),
        max_length=200,
        required=True,
        error_messages={"required": _("Who is the letter to?")},
    )
    recipient_address = TextField(
        label=_("Address"),
        max_length=500,
        multiline=True,
        rows=3,
        help_text=_("One line per line of the address."),
    )
    incident_summary = TextField(
        label=_("What happened, in a few neutral sentences (for a letter of inquiry)"),
        max_length=3000,
        multiline=True,
        rows=4,
    )
    requested_action = TextField(
        label=_("What we ask them to do (for a letter of inquiry)"),
        max_length=2000,
        multiline=True,
        rows=3,
    )
    reason = TextField(
        label=_("Reason to give the person (for a decline; optional)"),
        max_length=1000,
        multiline=True,
        rows=2,
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind != "inquiry":
            del self.fields["incident_summary"], self.fields["requested_action"]
        if kind != "decline":
            del self.fields["reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.kind == "inquiry":
            for name in ("incident_summary", "requested_action"):
                if not data.get(name):
                    self.add_error(name, _("A letter of inquiry needs this."))
        return data


class TemplateForm(forms.ModelForm):
    """Admins edit a letter template; placeholders are checked before it is saved."""

    class Meta:
        from rightsdesk.letters.models import LetterTemplate

        model = LetterTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}

    def clean(self) -> dict[str, Any]:
        from rightsdesk.letters.rendering import template_problems
        from rightsdesk.letters.seed import COMMON_PLACEHOLDERS, KIND_PLACEHOLDERS

        data = super().clean()
        allowed = (*COMMON_PLACEHOLDERS, *KIND_PLACEHOLDERS.get(self.instance.kind, ()))
        for name in ("subject", "body"):
            problems = template_problems(data.get(name) or "", allowed)
            if problems:
                self.add_error(name, " ".join(str(p) for p in problems))
        return data
