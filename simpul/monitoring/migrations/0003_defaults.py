from django.db import migrations


def install(apps, schema_editor):
    from simpul.monitoring.defaults import monitoring_defaults_ensure

    monitoring_defaults_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
