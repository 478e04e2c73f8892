"""Reference data comes back after a flush (what every transactional test and a fresh
database start from), not only after migrate."""

import pytest
from django.core.management import call_command

from rightsdesk.campaigns.models import Ordinance
from rightsdesk.letters.models import LetterTemplate
from rightsdesk.triage.models import FilingDeadlineRule, ReferralOrganisation

SEEDED = (Ordinance, LetterTemplate, FilingDeadlineRule, ReferralOrganisation)


@pytest.mark.django_db(transaction=True)
def test_reference_data_is_seeded_again_after_a_flush():
    counts = {model: model.objects.count() for model in SEEDED}
    assert all(counts.values()), counts
    call_command("flush", interactive=False, verbosity=0)
    assert {model: model.objects.count() for model in SEEDED} == counts
