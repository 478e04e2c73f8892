from django.db import migrations

# The facilities the organisation visits. Visit rules are left empty on purpose: they must come
# from the facility (the coordinator enters them), never be guessed here.
FACILITIES = [
    {
        "key": "tallahatchie-county-correctional-facility",
        "name": "Tallahatchie County Correctional Facility",
        "kind": "private_prison",
        "town": "Tutwiler",
        "county": "28135",  # Tallahatchie
        "operator": "CoreCivic",
    },
    {
        "key": "adams-county-correctional-center",
        "name": "Adams County Correctional Center",
        "kind": "private_prison",
        "town": "Natchez",
        "county": "28001",  # Adams
        "operator": "CoreCivic",
    },
    {
        "key": "madison-county-detention-center",
        "name": "Madison County Detention Center",
        "kind": "county_jail",
        "town": "Canton",
        "county": "28089",  # Madison
        "operator": "",
    },
]


def seed(apps, schema_editor):
    Facility = apps.get_model("network", "Facility")  # noqa: N806
    for row in FACILITIES:
        # Keyed on the key only: a coordinator's later edits (rules, address) are kept.
        Facility.objects.get_or_create(
            key=row["key"], defaults={k: v for k, v in row.items() if k != "key"})


class Migration(migrations.Migration):
    dependencies = [("network", "0002_trainings")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
