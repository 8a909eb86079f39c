"""Meeting minutes and decisions in the search index (simpul.search): one document per
meeting that has minutes, with the latest version's text and the decisions.

Readers are exactly those of `access.meetings_visible_to`: the agreement's readers (for an
agreement's meeting), the forum's secretariat and members and the overseers of their regions
(for a forum's meeting), the host organisation, and every invited organisation or person.
Minutes are not public in the index: the portal shows only final decisions, per agreement.
"""

from collections.abc import Iterable, Sequence

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Party
from simpul.agreements.search import readers_of, region_ids_of, with_readers
from simpul.search.registry import Entry, Readers, register_kind

from .models import (
    AgendaItem,
    Decision,
    ForumMember,
    Invitation,
    Meeting,
    Minutes,
    MinutesVersion,
)


def _readers(meeting: Meeting) -> Readers:
    organizations = {meeting.host_id}
    regions: set[int] = set()
    users: set[int] = set()
    if meeting.agreement is not None:
        agreement_readers = readers_of(meeting.agreement)
        organizations |= set(agreement_readers.organization_ids)
        regions |= set(agreement_readers.region_ids)
    if meeting.forum is not None:
        organizations.add(meeting.forum.secretariat_id)
        if meeting.forum.secretariat.region_id:
            regions.add(meeting.forum.secretariat.region_id)
        for seat in meeting.forum.memberships.all():
            organizations.add(seat.organization_id)
            if seat.organization.region_id:
                regions.add(seat.organization.region_id)
    for invitation in meeting.invitations.all():
        if invitation.organization_id:
            organizations.add(invitation.organization_id)
        if invitation.user_id:
            users.add(invitation.user_id)
    return Readers(organization_ids=organizations, region_ids=regions, user_ids=users)


def build_entries(ids: Sequence[int]) -> Iterable[Entry]:
    meetings = (
        Meeting.objects.filter(pk__in=ids, minutes__isnull=False)
        .select_related("forum__secretariat", "minutes")
        .prefetch_related(
            Prefetch("agreement", queryset=with_readers(Agreement.objects.all())),
            Prefetch(
                "forum__memberships",
                queryset=ForumMember.objects.select_related("organization").only(
                    "forum_id", "organization_id", "organization__region_id"
                ),
            ),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.only("meeting_id", "organization_id", "user_id"),
            ),
            Prefetch("minutes__versions", queryset=MinutesVersion.objects.order_by("-number")),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("pk").prefetch_related("decisions"),
            ),
        )
    )
    for meeting in meetings:
        latest = next(iter(meeting.minutes.versions.all()), None)
        lines = [meeting.description]
        if latest is not None:
            lines.append(latest.summary)
        for item in meeting.agenda_items.all():
            if latest is not None and latest.text_for(item):
                lines += [item.title, latest.text_for(item)]
            lines += [f"{d.text} {d.rationale}" for d in item.decisions.all()]
        yield Entry(
            object_id=meeting.pk,
            title=meeting.title,
            text="\n".join(line for line in lines if line and line.strip()),
            url=reverse("meetings:minutes", args=[meeting.pk]),
            readers=_readers(meeting),
            year=meeting.starts_at.year,
            affair_ids=(),
            region_ids=(
                region_ids_of(meeting.agreement)
                if meeting.agreement is not None
                else {r for r in [meeting.region_id] if r is not None}
            ),
        )


def _of_agreement(agreement_id: int) -> list[int]:
    return list(Meeting.objects.filter(agreement_id=agreement_id).values_list("pk", flat=True))


def _of_forum(forum_id: int) -> list[int]:
    return list(Meeting.objects.filter(forum_id=forum_id).values_list("pk", flat=True))


def register() -> None:
    register_kind(
        "minutes",
        _("Meeting minutes"),
        build=build_entries,
        all_ids=lambda: (
            Minutes.objects.order_by("meeting_id").values_list("meeting_id", flat=True).iterator()
        ),
        watches={
            Meeting: lambda m: [m.pk],
            Minutes: lambda m: [m.meeting_id],
            MinutesVersion: lambda v: list(
                Minutes.objects.filter(pk=v.minutes_id).values_list("meeting_id", flat=True)
            ),
            AgendaItem: lambda i: [i.meeting_id],
            Decision: lambda d: list(
                AgendaItem.objects.filter(pk=d.agenda_item_id).values_list("meeting_id", flat=True)
            ),
            Invitation: lambda i: [i.meeting_id],
            ForumMember: lambda s: _of_forum(s.forum_id),
            Agreement: lambda a: _of_agreement(a.pk),
            Party: lambda p: _of_agreement(p.agreement_id),
        },
    )
