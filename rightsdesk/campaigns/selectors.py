from __future__ import annotations

from rightsdesk.campaigns.coverage import OrdinanceRecord, records_from_dicts
from rightsdesk.campaigns.models import Ordinance


def ordinance_records() -> list[OrdinanceRecord]:
    return records_from_dicts(o.as_record_dict() for o in Ordinance.objects.all())
