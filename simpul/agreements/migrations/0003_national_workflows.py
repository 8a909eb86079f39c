"""Install the national default workflows (one per family); data in workflow_defaults.py."""

from django.db import migrations


def install(apps, schema_editor):
    from simpul.agreements.workflow_defaults import install as install_defaults

    install_defaults(
        apps.get_model("agreements", "Workflow"),
        apps.get_model("agreements", "Stage"),
        apps.get_model("agreements", "Transition"),
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_reference_data")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
