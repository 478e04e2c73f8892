from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.triage.taxonomy import GROUPS, group_label, label, tags


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
            (f"{group}:{tag}", f"{group_label(group)}: {label(group, tag)}")
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
                label=group_label(group),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(tag, label(group, tag)) for tag in tags(group)],
            )
        self.fields["scope"].choices = [(t, label("scope", t)) for t in tags("scope")]
        self.order_fields([*GROUPS[:4], "scope"])


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why (kept for the record; the person does not see it)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why, for the record.")},
    )
    question = forms.CharField(
        label=_("Question for the person (when asking for more information)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("They read it on their status page. Plain words."),
    )
    referral = forms.ModelChoiceField(
        label=_("Refer to (when referring)"),
        required=False,
        queryset=None,
        empty_label=_("Choose an organisation"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from rightsdesk.triage.models import Decision, ReferralOrganisation

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = Decision.Outcome.choices
        self.fields["referral"].queryset = ReferralOrganisation.objects.filter(active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == "need_info" and not data.get("question"):
            self.add_error("question", _("Write the question the person will see."))
        if data.get("outcome") == "refer" and not data.get("referral"):
            self.add_error("referral", _("Choose the organisation to refer to."))
        return data


class DeadlineRuleForm(forms.ModelForm):
    """One filing-deadline rule; its conditions are checked the way the estimator reads them."""

    class Meta:
        from rightsdesk.triage.models import FilingDeadlineRule

        model = FilingDeadlineRule
        fields = [
            "name",
            "conditions",
            "days",
            "months",
            "count_from",
            "citation",
            "note",
            "active",
        ]
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        from rightsdesk.triage.deadlines import rules_from_dicts

        data = super().clean()
        if self.errors:
            return data
        rule = {
            "key": self.instance.key or "new",
            "name": data.get("name", ""),
            "when": data.get("conditions") or {},
            "citation": data.get("citation", ""),
            "count_from": data.get("count_from") or "incident",
        }
        if data.get("days") is not None:
            rule["days"] = data["days"]
        if data.get("months") is not None:
            rule["months"] = data["months"]
        try:
            rules_from_dicts([rule])
        except (ValueError, KeyError, TypeError) as problem:
            raise forms.ValidationError(str(problem)) from None
        return data


def _words(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class ReferralForm(forms.Form):
    """An organisation in the referral directory; lists are typed comma-separated."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.CharField(label=_("Kind of organisation"), max_length=60)
    areas = forms.CharField(label=_("Areas (taxonomy keys, comma-separated)"), required=False)
    counties = forms.CharField(label=_("Counties served (empty: statewide)"), required=False)
    languages = forms.CharField(label=_("Languages (en, es, ...)"), required=False)
    how_to_reach = forms.CharField(
        label=_("How to reach them"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "From the organisation itself: phone, address, "
            "website. The person sees this when referred."
        ),
    )
    active = forms.BooleanField(label=_("In use"), required=False)

    def clean_areas(self) -> list[str]:
        areas = _words(self.cleaned_data["areas"])
        unknown = sorted(set(areas) - set(tags("areas")))
        if unknown:
            raise forms.ValidationError(
                _("Unknown areas: %(names)s") % {"names": ", ".join(unknown)}
            )
        return areas

    def clean_counties(self) -> list[str]:
        return _words(self.cleaned_data["counties"])

    def clean_languages(self) -> list[str]:
        return _words(self.cleaned_data["languages"])
