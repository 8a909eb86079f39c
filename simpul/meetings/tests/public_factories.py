"""Factories of the public side's tests (and of the public leak test).

agreement_meeting(cast, agreement, **fields) -> Meeting
    a meeting of the agreement hosted by Pemkot Yogyakarta (tomorrow 09:00 WIB unless
    starts_at is given), through the scheduling service like the schedule form
signed_minutes(cast, meeting, decision="…", **draft) -> MinutesVersion
    minutes with one agenda item and the decision, approved by every party's signer
    (a coordinator is made for a party that has none), through the minutes services
signers_of(meeting) -> [(person, party)]   who signs for each party (made when missing)
"""

from datetime import timedelta

from django.utils import timezone

from simpul.accounts.models import User
from simpul.meetings import minutes_access
from simpul.meetings.models import AgendaItem, Meeting, MinutesVersion
from simpul.meetings.services import minutes as minutes_services
from simpul.meetings.services.scheduling import meeting_schedule
from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user


def agreement_meeting(cast, agreement, *, starts_at=None, hours=2, **fields) -> Meeting:
    starts_at = starts_at or timezone.now() + timedelta(days=1)
    fields.setdefault("title", "Rapat teknis SPAM regional")
    return meeting_schedule(
        user=cast.sari,
        host=cast.pemkot_yogyakarta,
        agreement=agreement,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        **fields,
    )


def signers_of(meeting: Meeting) -> list[tuple]:
    """(person, party) who sign the minutes for each party of the meeting."""
    parties = minutes_access.parties_of(meeting)
    delegates = minutes_access.delegates_of(meeting, parties)
    signers = []
    for party in parties:
        people = delegates[party.pk]
        if not people:
            email = f"penandatangan-{party.pk}@pemda.go.id"
            person = User.objects.filter(email=email).first()
            if person is None:
                person = make_user(email, f"Koordinator {party.pk}")
                make_member(person, party, Membership.Role.COORDINATOR)
            people = [person]
        signers.append((people[0], party))
    return signers


def draft_minutes(
    cast, meeting: Meeting, decision: str = "Tarif air curah disepakati", summary: str = ""
) -> MinutesVersion:
    """Minutes of a started meeting with one agenda item and one decision, still a draft."""
    item = AgendaItem.objects.create(meeting=meeting, title="Tarif air curah", position=0)
    version = minutes_services.minutes_start(meeting=meeting, user=cast.sari)
    if summary:
        minutes_services.minutes_update(
            version=version,
            user=cast.sari,
            version_number=version.version,
            summary=summary,
            item_texts={str(item.pk): summary},
        )
    minutes_services.decision_add(item=item, user=cast.sari, text=decision)
    version.refresh_from_db()
    return version


def sign_all(version: MinutesVersion) -> MinutesVersion:
    meeting = version.minutes.meeting
    signers = signers_of(meeting)
    version = minutes_services.minutes_circulate(version=version, user=version.minutes.created_by)
    for person, party in signers:
        minutes_services.minutes_sign(
            version=version, user=person, organization=party, answer="approved"
        )
    version.refresh_from_db()
    return version


def signed_minutes(cast, meeting: Meeting, decision: str = "Tarif air curah disepakati", **kw):
    return sign_all(draft_minutes(cast, meeting, decision, **kw))
