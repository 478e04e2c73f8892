"""The step-by-step form engine shared by the public complaint form and the staff screen for
keying in paper forms. Views stay thin: they parse the request and call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpRequest, QueryDict

from rightsdesk.intake.steps import Step, steps_for

PENDING = "_pending"  # raw, not yet valid answers per step: kept so nothing typed is lost


@dataclass(frozen=True)
class Mode:
    """Where the wizard runs: the public form, or staff keying in a paper form."""

    name: str
    session_key: str
    url_prefix: str  # URL namespace prefix for reverse()
    source: str
    base_template: str


PUBLIC = Mode("public", "intake_draft", "intake", "online", "intake/public_base.html")
PAPER = Mode("paper", "intake_paper_draft", "intake_staff", "paper", "base.html")


def make_form(
    step: Step, answers: dict[str, Any], data: QueryDict | dict[str, Any] | None = None
) -> Any:
    """The bound or unbound form (or formset) for a step. Repeatable steps show the rows given
    so far and one empty row."""
    initial = step.initial(answers)
    if step.repeatable:
        formset_class = forms.formset_factory(
            step.form_class.form,
            extra=1 if data is None else 0,
            max_num=step.form_class.max_num,
            validate_max=True,
        )
        return formset_class(data=data, initial=initial or None, prefix=step.key)
    return step.form_class(data=data, initial=initial, prefix=None)


def silence_errors(form: Any) -> Any:
    """Show what was typed without complaining about it (after a language switch or a save)."""
    if isinstance(form, forms.BaseFormSet):
        form._errors = []
        form._non_form_errors = ErrorList()
        for sub in form.forms:
            sub._errors = ErrorDict()
    else:
        form._errors = ErrorDict()
    return form


def posted_answers(request: HttpRequest) -> dict[str, Any]:
    """The raw POST, minus the token and buttons, to keep as a pending answer."""
    data = request.POST.copy()
    for key in ("csrfmiddlewaretoken", "action", "language", "return_to", "website", "kind"):
        data.pop(key, None)
    return {key: data.getlist(key) for key in data}


def pending_as_querydict(pending: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in pending.items():
        query.setlist(key, values)
    return query


def with_extra_row(step: Step, data: QueryDict) -> QueryDict:
    data = data.copy()
    total = f"{step.key}-TOTAL_FORMS"
    raw = data.get(total, "0") or "0"
    count = int(raw) if raw.isdigit() else 0
    if count < step.form_class.max_num:
        data[total] = str(count + 1)
    return data


def position(kind: str, key: str) -> tuple[int, int, Step | None, Step | None]:
    """(number of this step, total steps, previous step, next step)."""
    steps = steps_for(kind)
    index = next(i for i, s in enumerate(steps) if s.key == key)
    previous = steps[index - 1] if index > 0 else None
    following = steps[index + 1] if index + 1 < len(steps) else None
    return index + 1, len(steps), previous, following


def review_sections(kind: str, answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Each step with its questions and the answers given, for the check-your-answers page."""
    sections = []
    for step in steps_for(kind):
        if step.uploads:
            continue
        form = make_form(step, answers)
        rows: list[tuple[str, str]] = []
        forms_to_show = form.forms if step.repeatable else [form]
        for number, sub in enumerate(forms_to_show, 1):
            for name, field in sub.fields.items():
                value = sub.initial.get(name, "")
                if value in ("", None, []):
                    continue
                choices = dict(getattr(field, "choices", []) or [])
                shown = choices.get(value, value) if choices else value
                label = f"{field.label} ({number})" if step.repeatable else str(field.label)
                rows.append((label, str(shown)))
        sections.append({"step": step, "rows": rows})
    return sections
