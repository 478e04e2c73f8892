from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.intake.fields import TextField, YesNoField
from rightsdesk.intake.models import Document
from rightsdesk.intake.steps import check_state, check_zip


class StartForm(forms.Form):
    kind = forms.ChoiceField(choices=[("help", "help"), ("tip", "tip")])
    # Staff keying a paper form say which language it was written in.
    language = forms.ChoiceField(choices=[("en", "en"), ("es", "es")], required=False)


class ResumeForm(forms.Form):
    code = TextField(
        label=_("Your save code"),
        max_length=40,
        required=True,
        help_text=_("It looks like ABCD-2345-EFGH-6789."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code you were given when you saved your form.")},
    )


class StatusForm(forms.Form):
    reference = TextField(
        label=_("Reference"),
        max_length=20,
        required=True,
        help_text=_("It looks like K7M4-9QX2."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the reference on your receipt.")},
    )
    code = TextField(
        label=_("Status code"),
        max_length=30,
        required=True,
        help_text=_("The separate code on your receipt."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the status code on your receipt.")},
    )


class AnswerForm(forms.Form):
    answer = TextField(
        label=_("Your answer"),
        max_length=10000,
        multiline=True,
        required=True,
        error_messages={"required": _("Write your answer, even a few words.")},
    )


class ConsentsForm(forms.Form):
    share_with_partner_organisations = YesNoField(
        label=_("If we cannot help, may we pass your complaint to another legal organisation?"),
        required=True,
    )
    deidentified_use = YesNoField(
        label=_(
            "May we use what happened, without anything that identifies you, in reports "
            "and campaigns?"
        ),
        required=True,
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadForm(forms.Form):
    files = forms.FileField(
        label=_("Choose files"),
        required=False,
        widget=MultipleFileInput(
            attrs={
                "accept": ".pdf,.jpg,.jpeg,.png,.heic,.docx,.txt,application/pdf,"
                "image/jpeg,image/png,image/heic,text/plain"
            }
        ),
    )
    kind = forms.ChoiceField(
        label=_("What are these papers?"),
        choices=Document.Kind.choices,
        required=False,
        initial=Document.Kind.OTHER,
    )


class PaperFormRequestForm(forms.Form):
    name = TextField(
        label=_("Name"),
        max_length=200,
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Tell us who to send the form to.")},
    )
    street = TextField(
        label=_("Street address or P.O. box"),
        max_length=300,
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"required": _("Enter the street address or P.O. box.")},
    )
    city = TextField(
        label=_("Town or city"),
        max_length=100,
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        error_messages={"required": _("Enter the town or city.")},
    )
    state = TextField(
        label=_("State"),
        max_length=2,
        required=True,
        initial="MS",
        widget=forms.TextInput(attrs={"autocomplete": "address-level1", "size": 3}),
        error_messages={"required": _("Enter the 2-letter state code, like MS.")},
    )
    zip = TextField(
        label=_("ZIP code"),
        max_length=10,
        required=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 10}
        ),
        error_messages={"required": _("Enter the ZIP code.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the form"),
        widget=forms.RadioSelect,
        choices=[("en", _("English")), ("es", _("Spanish"))],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        check_zip(self, "zip")
        check_state(self, "state")
        return data
