from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.cases.models import ConflictCheck, MatterMember, Party
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
