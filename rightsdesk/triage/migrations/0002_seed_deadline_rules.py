import json
from pathlib import Path

from django.db import migrations


def seed(apps, schema_editor):
    Rule = apps.get_model("triage", "FilingDeadlineRule")
    path = Path(__file__).resolve().parents[1] / "data" / "deadlines.json"
    for item in json.loads(path.read_text("utf-8"))["rules"]:
        Rule.objects.get_or_create(
            key=item["key"],
            defaults={
                "name": item["name"],
                "conditions": item["when"],
                "days": item.get("days"),
                "months": item.get("months"),
                "count_from": item.get("count_from", "incident"),
                "citation": item["citation"],
                "note": item.get("note", ""),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("triage", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
