"""Form fields rendered by Jinja2.

Django's own widget templates compiled by Jinja2 render a field several times faster than the
same templates in the Django template language, and the public form renders a dozen fields on
every page. Templates write `{{ field.as_field_group }}` to get the label, hint, errors and
input of one field from rightsdesk/field.html."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django.forms
import jinja2
from django.forms.renderers import Jinja2
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext


def environment(**options: Any) -> jinja2.Environment:
    """A Jinja2 environment whose `_()` is Django's gettext, so fields speak the page's language."""
    options.pop("autoescape", None)
    env = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


class FormRenderer(Jinja2):
    field_template_name = "rightsdesk/field.html"

    @cached_property
    def engine(self) -> Any:
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "rightsdesk-forms",
                "OPTIONS": {"environment": "rightsdesk.core.forms_rendering.environment"},
            }
        )
