from django import forms
from django.utils.translation import gettext_lazy as _

from rightsdesk.intake.fields import TextField


class QuestionForm(forms.Form):
    question = TextField(
        label=_("Ask the person for more information"),
        max_length=2000,
        multiline=True,
        rows=4,
        required=True,
        help_text=_(
            "They see this on their status page, in plain words. Do not ask about "
            "immigration status unless the case needs it."
        ),
        error_messages={"required": _("Write the question.")},
    )
