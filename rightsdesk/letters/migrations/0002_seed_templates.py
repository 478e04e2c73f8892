from django.db import migrations


def seed(apps, schema_editor):
    from rightsdesk.letters.seed import DEFAULT_TEMPLATES

    LetterTemplate = apps.get_model("letters", "LetterTemplate")  # noqa: N806
    for item in DEFAULT_TEMPLATES:
        LetterTemplate.objects.get_or_create(
            kind=item["kind"], language=item["language"],
            defaults={"subject": item["subject"], "body": item["body"]})


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
