"""Staff who read RightsDesk in Spanish see the screening vocabulary in Spanish too."""

import html

import pytest

from rightsdesk.conftest import sign_in
from rightsdesk.triage.taxonomy import GROUPS, group_label, label, tags
from rightsdesk.triage.tests.test_desk import _make

pytestmark = pytest.mark.django_db

STORY = (
    "The landlord refused to rent to us because we are Mexican and said he does not rent "
    "to immigrants."
)


def test_every_tag_and_group_has_a_spanish_label():
    from django.utils import translation

    from rightsdesk.triage.taxonomy import taxonomy

    with translation.override("es"):
        for group in GROUPS:
            assert str(group_label(group)) not in ("", group)
            for tag in tags(group):
                assert taxonomy()[group]["tags"][tag].get("es"), (group, tag)
                assert label(group, tag) == taxonomy()[group]["tags"][tag]["es"]
    with translation.override("es"):
        spanish = [group_label(g) for g in GROUPS]
    with translation.override("en"):
        english = [group_label(g) for g in GROUPS]
    assert all(s != e for s, e in zip(spanish, english, strict=True))


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        (
            "es",
            ["Vivienda", "Origen nacional", "Clases protegidas"],
            ["Housing", "National origin"],
        ),
        (
            "en",
            ["Housing", "National origin", "Protected classes"],
            ["Vivienda", "Origen nacional"],
        ),
    ],
)
def test_the_desk_and_queue_show_tags_in_the_staff_members_language(
    client, make_staff, language, shown, not_shown
):
    complaint = _make(STORY)
    sign_in(client, make_staff())
    client.cookies["rd_language"] = language
    for url in ("/staff/screening/", f"/staff/screening/{complaint.reference}/"):
        page = html.unescape(client.get(url).content.decode())
        for text in shown if "screening/" + complaint.reference in url else shown[:2]:
            assert text in page, (url, text)
        for text in not_shown:
            assert f'class="tag">{text}' not in page, (url, text)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_desk_names_the_scope_in_words(client, make_staff, language):
    from rightsdesk.triage.models import Screening

    complaint = _make(STORY)
    scope = Screening.objects.get(complaint=complaint).scope
    sign_in(client, make_staff())
    client.cookies["rd_language"] = language
    page = html.unescape(client.get(f"/staff/screening/{complaint.reference}/").content.decode())
    assert f"<dd>{label('scope', scope, language)}</dd>" in page
    assert f"<dd>{scope}</dd>" not in page
