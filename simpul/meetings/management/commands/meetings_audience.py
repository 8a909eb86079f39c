"""Check, and with --repair put right, the meetings' start each invitation carries.

The visibility rule reads a month's or a feed's invitations by that copy
(`Invitation.meeting_starts_at`); `services.meeting_update` moves it with the meeting. A
meeting moved outside the services (a manual UPDATE, a restored backup) leaves invitations
that a calendar would miss: this command finds them, in one query, and repairs them in one.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F, OuterRef, Subquery

from simpul.audit.context import acting_as, system_actor

from ...models import Invitation, Meeting


class Command(BaseCommand):
    help = "Check the invitations' copy of their meeting's start; --repair puts it right."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="update the stale copies")

    def handle(self, *args, **options):
        stale = Invitation.objects.exclude(meeting_starts_at=F("meeting__starts_at"))
        count = stale.count()
        if not options["repair"]:
            self.stdout.write(f"{count} invitations carry a stale meeting start.")
            if count:
                raise CommandError("Run again with --repair to put them right.")
            return
        with acting_as(system_actor("meetings_audience")):
            stale.update(
                meeting_starts_at=Subquery(
                    Meeting.objects.filter(pk=OuterRef("meeting_id")).values("starts_at")[:1]
                )
            )
        self.stdout.write(f"{count} invitations repaired.")
