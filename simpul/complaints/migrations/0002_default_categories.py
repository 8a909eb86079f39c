from django.db import migrations


def install(apps, schema_editor):
    from simpul.complaints.categories import install_categories

    install_categories(apps.get_model("complaints", "Category"))


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
