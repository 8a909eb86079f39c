"""Demo notifications for `make demo` (seed_demo_notifications), run after the other demo
seeds: those already notified the demo people through the apps' services (meeting
invitations, minutes to sign off, adoption decisions, …). This seed adds what the centre
itself owns, from the demo people of seed_demo only (it sits below the apps that own
agreements and meetings, and never reads their tables):

- a welcome notification for every demo member, so several people have unread ones;
- Bambang (coordinator, Pemda DIY) chooses the daily digest for every kind at 00.00 WIB, so
  the worker prints his digest in the `make demo` console at its first run;
- Indah (Kemendagri) turns the meeting reminders off, to show an "off" in the settings.

Safe to run again: notifications are keyed, preferences set to the same values.
"""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.accounts.models import User

from . import registry
from .models import Channel
from .services import digest_hour_set, notify, preference_set

ACTOR = "seed_demo_notifications"
BAMBANG = "bambang.suryanto@jogjaprov.go.id"  # coordinator, Pemda DIY: the daily digest
INDAH = "indah.permatasari@kemendagri.go.id"  # viewer, Kemendagri: reminders off
WELCOME = "notifications.welcome"


@dataclass(frozen=True)
class Seeded:
    notified: int
    digest_person: str


@transaction.atomic
def demo_notifications_seed() -> Seeded:
    people = list(User.objects.filter(is_active=True, memberships__isnull=False).distinct())
    bambang = next((person for person in people if person.email == BAMBANG), None)
    if bambang is not None:
        for spec in registry.kinds():
            preference_set(user=bambang, kind=spec.key, channel=Channel.DIGEST)
        digest_hour_set(user=bambang, hour=0)
    indah = next((person for person in people if person.email == INDAH), None)
    if indah is not None and "meetings.reminder" in {spec.key for spec in registry.kinds()}:
        preference_set(user=indah, kind="meetings.reminder", channel=Channel.OFF)
    notified = notify(
        kind=WELCOME,
        recipients=people,
        key="welcome",
        title=_("Welcome to the notification centre"),
        body=_(
            "What happens in your agreements, meetings and threads shows here. Choose for each "
            "kind whether it reaches you in the app only, by e-mail at once, in one daily "
            "digest, or not at all."
        ),
        url=reverse("notifications:preferences"),
    )
    return Seeded(notified=notified, digest_person=BAMBANG if bambang else "")
