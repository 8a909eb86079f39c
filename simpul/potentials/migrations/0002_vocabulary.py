"""Load the vocabulary of matching potentials and problems (data/vocabulary.csv); editable in the
admin afterwards, and re-running only updates the terms it lists."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "vocabulary.csv"


def load(apps, schema_editor):
    Term = apps.get_model("potentials", "Term")
    GovernmentAffair = apps.get_model("agreements", "GovernmentAffair")
    affairs = {a.code: a for a in GovernmentAffair.objects.all()}
    with DATA.open(encoding="utf-8", newline="") as handle:
        for position, row in enumerate(csv.DictReader(handle), start=1):
            Term.objects.update_or_create(
                code=row["code"],
                defaults={
                    "affair": affairs[row["affair"]],
                    "potential_id": row["potential_id"],
                    "potential_en": row["potential_en"],
                    "problem_id": row["problem_id"],
                    "problem_en": row["problem_en"],
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("potentials", "0001_initial"), ("agreements", "0002_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
