"""Load the closed list of 32 government affairs and the default dispute escalation levels."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "government_affairs.csv"

DISPUTE_LEVELS = [
    ("deliberation", "Musyawarah para pihak", "Deliberation between the parties", 1),
    ("governor", "Penyelesaian oleh gubernur", "Settlement by the governor", 2),
    ("minister", "Penyelesaian oleh Menteri Dalam Negeri", "Settlement by the Minister of Home Affairs", 3),
]


def load(apps, schema_editor):
    GovernmentAffair = apps.get_model("agreements", "GovernmentAffair")
    DisputeLevel = apps.get_model("agreements", "DisputeLevel")
    with DATA.open(encoding="utf-8", newline="") as handle:
        for position, row in enumerate(csv.DictReader(handle), start=1):
            GovernmentAffair.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name_id": row["name_id"],
                    "name_en": row["name_en"],
                    "group": row["group"],
                    "position": position,
                },
            )
    for code, name_id, name_en, position in DISPUTE_LEVELS:
        DisputeLevel.objects.update_or_create(
            code=code, defaults={"name_id": name_id, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
