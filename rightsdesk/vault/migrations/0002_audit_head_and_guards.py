from django.db import migrations


def create_head_and_guards(apps, schema_editor):
    from rightsdesk.vault.audit import guards_wanted, install_append_only_guards

    apps.get_model("vault", "AuditHead").objects.get_or_create(pk=1)
    if guards_wanted():
        install_append_only_guards(schema_editor.connection)


def remove_guards(apps, schema_editor):
    from rightsdesk.vault.audit import remove_append_only_guards

    remove_append_only_guards(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("vault", "0001_initial")]

    operations = [migrations.RunPython(create_head_and_guards, remove_guards)]
