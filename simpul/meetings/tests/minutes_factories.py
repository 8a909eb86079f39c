"""Factories of the minutes tests and the permission matrix.

held_meeting(cast) -> Meeting     Kartamantul's forum meeting that started two hours ago, with
                                  two accepted agenda items; Bantul's seat has a delegate
                                  (bantul_delegate), Kota Yogyakarta and Sleman sign through
                                  their admins and coordinators (sari, yanto)
bantul_delegate(cast) -> User     the delegate of Bantul (made once per test database)
circulated(cast) -> MinutesVersion   the meeting's minutes with a decision and an action item,
                                  circulated for sign-off
final(cast) -> MinutesVersion     the same, approved by all three parties
"""

from datetime import timedelta

from django.utils import timezone

from simpul.accounts.models import User
from simpul.agreements.tests.factories import government_of
from simpul.meetings.models import AgendaItem, Forum, ForumMember, MinutesVersion
from simpul.meetings.services import minutes as services
from simpul.meetings.tests.factories import make_forum, make_meeting
from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user


def bantul_delegate(cast) -> User:
    user = User.objects.filter(email="wakil@bantulkab.go.id").first()
    if user is None:
        user = make_user("wakil@bantulkab.go.id", "Wakil Bantul")
        make_member(user, government_of(cast.bantul), Membership.Role.EDITOR)
    return user


def held_meeting(cast, **fields):
    forum = Forum.objects.filter(slug="kartamantul").first() or make_forum(cast)
    ForumMember.objects.filter(forum=forum, organization=government_of(cast.bantul)).update(
        delegate=bantul_delegate(cast)
    )
    meeting = make_meeting(
        cast, forum=forum, starts_at=timezone.now() - timedelta(hours=2), **fields
    )
    for position, title in enumerate(["Tarif TPST Piyungan", "Jadwal angkutan sampah"]):
        AgendaItem.objects.create(meeting=meeting, title=title, position=position)
    return meeting


def circulated(cast, meeting=None) -> MinutesVersion:
    meeting = meeting or held_meeting(cast)
    version = services.minutes_start(meeting=meeting, user=cast.lina)
    first = meeting.agenda_items.first()
    first.meeting = meeting
    services.minutes_update(
        version=version,
        user=cast.lina,
        version_number=version.version,
        summary="Dibuka oleh Sekretaris Sekber.",
        item_texts={str(first.pk): "Tarif dibahas bersama."},
    )
    services.decision_add(item=first, user=cast.lina, text="Tarif tipping fee naik 5 persen")
    services.action_add(
        item=first,
        user=cast.lina,
        title="Menyusun rancangan perjanjian tarif",
        owner_organization=cast.pemkot_yogyakarta,
        owner=cast.wati,
        due_date=timezone.localdate() + timedelta(days=14),
    )
    return services.minutes_circulate(version=version, user=cast.lina)


def final(cast, meeting=None) -> MinutesVersion:
    version = circulated(cast, meeting)
    for user, organization in (
        (cast.sari, cast.pemkot_yogyakarta),
        (cast.yanto, government_of(cast.sleman)),
        (bantul_delegate(cast), government_of(cast.bantul)),
    ):
        services.minutes_sign(
            version=version, user=user, organization=organization, answer="approved"
        )
    version.refresh_from_db()
    return version
