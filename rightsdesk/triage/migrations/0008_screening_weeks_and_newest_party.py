from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_arrival_times(apps, schema_editor):
    """Existing screenings take their complaint's arrival time."""
    Complaint = apps.get_model("intake", "Complaint")
    Screening = apps.get_model("triage", "Screening")
    own = Complaint.objects.filter(pk=OuterRef("complaint_id"))
    Screening.objects.update(received_at=Subquery(own.values("received_at")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_complaint_public_note"),
        ("triage", "0007_queue_without_full_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="screening",
            name="received_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(copy_arrival_times, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="complaintentity",
            name="entity_hash",
            field=models.CharField(max_length=32),
        ),
        migrations.AddIndex(
            model_name="complaintentity",
            index=models.Index(fields=["entity_hash", "complaint"], name="triage_entity_newest_idx"),
        ),
        migrations.AddIndex(
            model_name="screening",
            index=models.Index(fields=["county", "received_at"], name="triage_screening_weeks_idx"),
        ),
    ]
