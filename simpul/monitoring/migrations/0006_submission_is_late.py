from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import migrations, models
from django.utils import timezone

# Frozen copy of the rule in simpul.core.zones (a migration must not follow later code).
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def _deadline_end(due, zone_name):
    zone = ZoneInfo(zone_name if zone_name in ZONES else "Asia/Jakarta")
    return datetime.combine(due + timedelta(days=1), time.min, tzinfo=zone)


def decide_lateness(apps, schema_editor):
    """Submitted rows: late when first submitted after the end of the due date in the party's
    zone. Unsubmitted rows of open periods whose deadline has passed there: late. The rest
    stay undecided (the worker decides them when their deadline passes)."""
    Submission = apps.get_model("monitoring", "Submission")
    now = timezone.now()
    rows = Submission.objects.select_related("period", "party__organization__region").only(
        "pk",
        "status",
        "submitted_at",
        "period__due_date",
        "period__status",
        "party__organization__region__timezone",
    )
    late, on_time = [], []
    for row in rows.iterator(chunk_size=2000):
        region = row.party.organization.region
        end = _deadline_end(row.period.due_date, region.timezone if region else "")
        if row.submitted_at is not None:
            (late if row.submitted_at >= end else on_time).append(row.pk)
        elif row.period.status == "open" and now >= end:
            late.append(row.pk)
    for chunk in range(0, len(late), 1000):
        Submission.objects.filter(pk__in=late[chunk : chunk + 1000]).update(is_late=True)
    for chunk in range(0, len(on_time), 1000):
        Submission.objects.filter(pk__in=on_time[chunk : chunk + 1000]).update(is_late=False)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0005_status_progress_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="is_late",
            field=models.BooleanField(blank=True, default=None, null=True, verbose_name="late"),
        ),
        migrations.RunPython(decide_lateness, migrations.RunPython.noop),
    ]
