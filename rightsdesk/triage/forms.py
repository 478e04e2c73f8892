from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.triage.taxonomy import GROUPS, label, tags


class QueueFilterForm(forms.Form):
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    county = forms.ChoiceField(label=_("County"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any")), ("en", "EN"), ("es", "ES")]
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, counties: list[str], statuses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", _("Any"))] + [
            (f"{group}:{tag}", f"{group}: {label(group, tag)}")
            for group in GROUPS[:4]
            for tag in tags(group)
        ]
        self.fields["county"].choices = [("", _("Any"))] + [(c, c) for c in counties]
        self.fields["status"].choices = [("", _("Any")), *statuses]


class ConfirmTagsForm(forms.Form):
    """Staff keep, remove and add tags; one checkbox list per group and the scope."""

    scope = forms.ChoiceField(label=_("Scope"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for group in GROUPS[:4]:
            self.fields[group] = forms.MultipleChoiceField(
                label=group.capitalize(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(tag, label(group, tag)) for tag in tags(group)],
            )
        self.fields["scope"].choices = [(t, label("scope", t)) for t in tags("scope")]
        self.order_fields([*GROUPS[:4], "scope"])
