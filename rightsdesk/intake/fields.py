"""Form fields shared by the public form, the paper-form keying screen and the status page."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# Control characters other than tab and newline never mean anything in an answer; some break
# PDFs, CSV exports or terminals later, so they are dropped rather than refused.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", value).strip()


class TextField(forms.CharField):
    """A text answer: control characters removed; the limit is stated in the error."""

    def __init__(self, *args: Any, multiline: bool = False, rows: int = 5, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        if multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(*args, **kwargs)
        if self.max_length:
            self.error_messages["max_length"] = _(
                "This answer is too long: please keep it under %(limit_value)d characters "
                "(it has %(show_value)d)."
            )

    def to_python(self, value: Any) -> str:
        return clean_text(super().to_python(value) or "")


class YesNoField(forms.ChoiceField):
    def __init__(self, *args: Any, choices: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(*args, choices=choices or YES_NO, **kwargs)


def to_bool(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def from_bool(value: object) -> str:
    return {True: "yes", False: "no"}.get(value, "")  # type: ignore[call-overload]


def phone_digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())
