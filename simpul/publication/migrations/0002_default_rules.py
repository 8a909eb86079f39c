from django.db import migrations


def install(apps, schema_editor):
    from simpul.publication.kinds import install_default_rules

    install_default_rules(apps.get_model("publication", "PublicationRule"))


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
