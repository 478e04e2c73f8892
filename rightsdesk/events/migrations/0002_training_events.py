"""Every training made before trainings were on the calendar gets its calendar entry."""

from django.conf import settings
from django.db import migrations


def add_training_events(apps, schema_editor):
    Training = apps.get_model("network", "Training")
    Event = apps.get_model("events", "Event")
    for training in Training.objects.filter(calendar_event__isnull=True).iterator():
        Event.objects.create(
            training=training,
            kind="training",
            title=training.title,
            description=training.description,
            starts_at=training.starts_at,
            ends_at=training.ends_at,
            place="online" if training.online else "after_signup",
            address="" if training.online else training.place,
            languages=",en,",
            capacity=training.capacity,
            walk_ins=False,
            host=settings.ORGANISATION_NAME,
            cancelled_at=training.cancelled_at,
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_events")]

    operations = [migrations.RunPython(add_training_events, migrations.RunPython.noop)]
