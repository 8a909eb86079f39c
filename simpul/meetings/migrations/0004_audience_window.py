"""Issue 12 at national scale: a calendar's month and a feed's window read only their own
meetings. An index on the meetings' start with their owners (forum, agreement, host), so the
visibility rule is tested on the index alone, and each invitation carries its meeting's start
(filled here for the invitations there are) with an index (organisation, start, meeting)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_meeting_starts(apps, schema_editor):
    Invitation = apps.get_model("meetings", "Invitation")
    Meeting = apps.get_model("meetings", "Meeting")
    Invitation.objects.update(
        meeting_starts_at=Subquery(
            Meeting.objects.filter(pk=OuterRef("meeting_id")).values("starts_at")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_visits"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="starts_at",
            field=models.DateTimeField(verbose_name="starts at"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(
                fields=["starts_at", "forum", "agreement", "host"], name="meetings_start_owners"
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="meeting_starts_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="meeting starts at"
            ),
        ),
        migrations.RunPython(copy_meeting_starts, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="invitation",
            name="meeting_starts_at",
            field=models.DateTimeField(editable=False, verbose_name="meeting starts at"),
        ),
        migrations.AddIndex(
            model_name="invitation",
            index=models.Index(
                fields=["organization", "meeting_starts_at", "meeting"],
                name="meetings_invite_org_start",
            ),
        ),
    ]
