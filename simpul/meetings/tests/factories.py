"""Factories for meetings tests and for the other areas' tests.

make_forum(cast, **fields) -> Forum          Sekber Kartamantul's forum: the secretariat
                                             runs it; Kota Yogyakarta, Sleman, Bantul sit
make_meeting(cast, *, agreement=None, forum=None, **fields) -> Meeting
                                             a forum's meeting by default, tomorrow 09:00
                                             WIB for two hours, hosted by the secretariat
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from simpul.agreements.tests.factories import government_of
from simpul.core.zones import WIB, today_in, zone_info
from simpul.meetings.models import Forum, ForumMember, Meeting


def make_forum(cast, *, slug="kartamantul", delegates=None, **fields) -> Forum:
    delegates = delegates or {}
    values = {
        "name": "Forum Sekber Kartamantul",
        "kind": Forum.Kind.JOINT_SECRETARIAT,
        "secretariat": cast.sekber_kartamantul,
        "cadence": "monthly",
        "quorum": "majority",
    }
    values.update(fields)
    forum = Forum.objects.create(slug=slug, **values)
    for organization in (
        cast.pemkot_yogyakarta,
        government_of(cast.sleman),
        government_of(cast.bantul),
    ):
        ForumMember.objects.create(
            forum=forum, organization=organization, delegate=delegates.get(organization.pk)
        )
    return forum


def local(day, hour=9, minute=0, zone=WIB) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone_info(zone))


def make_meeting(cast, *, agreement=None, forum=None, starts_at=None, hours=2, **fields):
    if agreement is None and forum is None:
        forum = Forum.objects.filter(slug="kartamantul").first() or make_forum(cast)
    starts_at = starts_at or local(today_in(WIB) + timedelta(days=1))
    values = {
        "title": "Rapat koordinasi bulanan",
        "host": cast.sekber_kartamantul if forum is not None else cast.pemkot_yogyakarta,
        "zone": WIB,
    }
    values.update(fields)
    return Meeting.objects.create(
        agreement=agreement,
        forum=forum,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        **values,
    )


def now_plus(**delta) -> datetime:
    return timezone.now() + timedelta(**delta)
