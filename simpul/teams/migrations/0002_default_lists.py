from django.db import migrations


def install(apps, schema_editor):
    from simpul.teams.defaults import install_defaults

    install_defaults(apps.get_model("teams", "Competency"), apps.get_model("teams", "SelectionCriterion"))


class Migration(migrations.Migration):
    dependencies = [("teams", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
