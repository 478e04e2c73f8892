import json
from datetime import date
from pathlib import Path

from django.db import migrations


def seed(apps, schema_editor):
    Ordinance = apps.get_model("campaigns", "Ordinance")
    path = Path(__file__).resolve().parents[1] / "data" / "ordinances.json"
    for item in json.loads(path.read_text("utf-8"))["ordinances"]:
        Ordinance.objects.get_or_create(
            municipality=item["municipality"],
            defaults={
                "county": item["county"],
                "adopted_on": date.fromisoformat(item["adopted_on"]),
                "adopted_precision": item["adopted_precision"],
                "protected_classes": item["protected_classes"],
                "areas": item["areas"],
                "coverage_confirmed": item["coverage_confirmed"],
                "source_note": item["source_note"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
