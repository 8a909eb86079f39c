"""Who may open the meeting pages (see simpul/testing/matrix.py).

A forum's meeting: Sekber Kartamantul's forum (the secretariat runs it; Kota Yogyakarta,
Sleman and Bantul sit in it). Its readers are the members' people (sari, wati, tono, vina,
yanto), the agencies under a member (dewi, agus), the secretariat (lina), oversight (gita for
DIY, hadi centrally) and the platform admin (rina); the bureau of the province (fitri, joko)
is neither member nor overseer of regencies' forums, and budi and eko are outsiders: 404.
Running it (edit, invite, cancel, mark held, decide on the agenda, record attendance) is for
the secretariat's editors (lina) and rina. An organisation's invitation is answered by its
editors (sari, wati for Kota Yogyakarta), who may therefore propose agenda items too.

An agreement's meetings tab is read by the agreement's readers (matrix.PARTY_STAFF_READ and
the overseers). Lists, the calendar, forums and the feed settings are for everyone signed in
(each shows only what the person may read). The personal feed and a guest's invitation page
take no session: their secret token or signed link is the key, so everyone gets 200.
"""

from datetime import timedelta

from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.meetings import services
from simpul.meetings.models import AgendaItem, Invitation
from simpul.meetings.tests.factories import make_forum, make_meeting
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect, everyone, signed_in

FORUM_READ = {
    "anonymous": LOGIN,
    **dict.fromkeys(
        ("sari", "wati", "tono", "vina", "yanto", "dewi", "agus", "lina", "gita", "hadi", "rina"),
        200,
    ),
    **dict.fromkeys(("budi", "eko", "fitri", "joko"), 404),
}
RUNNERS = ("lina", "rina")
MANAGE_PAGE = {**dict.fromkeys(FORUM_READ, 404), "anonymous": LOGIN, **dict.fromkeys(RUNNERS, 200)}
MANAGE_POST = {**MANAGE_PAGE, **dict.fromkeys(RUNNERS, 302)}
AGREEMENT_READ = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 200,
    "gita": 200,
    "hadi": 200,
    "eko": 404,
    "rina": 200,
    **PARTY_STAFF_READ,
}


def _forum(cast) -> dict:
    make_forum(cast)
    return {}


def _forum_slug(cast) -> dict:
    return {"slug": make_forum(cast).slug}


def _meeting(cast) -> dict:
    return {"pk": make_meeting(cast).pk}


def _started(cast) -> dict:
    return {"pk": make_meeting(cast, starts_at=timezone.now() - timedelta(hours=1)).pk}


def _invited(cast):
    meeting = make_meeting(cast)
    invitation = Invitation.objects.create(
        meeting=meeting, kind="organization", organization=cast.pemkot_yogyakarta
    )
    return meeting, invitation


def _invitation(cast) -> dict:
    meeting, invitation = _invited(cast)
    return {"pk": meeting.pk, "invitation_pk": invitation.pk}


def _agenda(cast) -> dict:
    meeting, _invitation = _invited(cast)
    return {"pk": meeting.pk}


def _item(status):
    def build(cast) -> dict:
        meeting = make_meeting(cast)
        item = AgendaItem.objects.create(meeting=meeting, title="Tarif TPST", status=status)
        return {"pk": meeting.pk, "item_pk": item.pk}

    return build


def _agreement(cast) -> dict:
    return {"agreement_pk": make_agreement(cast, state="active").pk}


def _feed(cast) -> dict:
    return {"token": services.feed_start(user=cast.sari).token}


def _guest(cast) -> dict:
    meeting = make_meeting(cast)
    [invitation] = services.invitations_add(
        meeting=meeting, user=cast.lina, guests=[services.Guest("Dr. Ani", "ani@ugm.ac.id")]
    )
    return {"token": services.guest_link(invitation).rstrip("/").rsplit("/", 1)[1]}


EXPECTATIONS = {
    "meetings:meeting-list": Expect(statuses=signed_in(200)),
    "meetings:meeting-calendar": Expect(statuses=signed_in(200)),
    "meetings:meeting-create": Expect(
        statuses=MANAGE_PAGE, kwargs=_forum, query="?forum=kartamantul"
    ),
    "meetings:meeting-detail": Expect(statuses=FORUM_READ, kwargs=_meeting),
    "meetings:meeting-edit": Expect(statuses=MANAGE_PAGE, kwargs=_meeting),
    "meetings:meeting-cancel": Expect(
        statuses=MANAGE_POST, kwargs=_meeting, method="post", data=lambda cast: {"reason": "Banjir"}
    ),
    "meetings:meeting-hold": Expect(statuses=MANAGE_POST, kwargs=_started, method="post"),
    "meetings:meeting-ics": Expect(statuses=FORUM_READ, kwargs=_meeting),
    "meetings:meeting-invite": Expect(statuses=MANAGE_PAGE, kwargs=_meeting),
    # Kota Yogyakarta's invitation: its editors answer it (a redirect back to the meeting).
    "meetings:invitation-answer": Expect(
        statuses={**MANAGE_POST, "lina": 404, "rina": 404, "sari": 302, "wati": 302},
        kwargs=_invitation,
        method="post",
        data=lambda cast: {"answer": "accepted"},
    ),
    # The organiser adds items; the invited organisation's editors propose them.
    "meetings:agenda-add": Expect(
        statuses={**MANAGE_PAGE, "sari": 200, "wati": 200}, kwargs=_agenda
    ),
    "meetings:agenda-decide": Expect(
        statuses=MANAGE_POST,
        kwargs=_item(AgendaItem.Status.PROPOSED),
        method="post",
        data=lambda cast: {"decision": "accept"},
    ),
    "meetings:agenda-move": Expect(
        statuses=MANAGE_POST,
        kwargs=_item(AgendaItem.Status.ACCEPTED),
        method="post",
        data=lambda cast: {"direction": "up"},
    ),
    "meetings:attendance": Expect(statuses=MANAGE_PAGE, kwargs=_started),
    "meetings:guest-invitation": Expect(statuses=everyone(200), kwargs=_guest),
    "meetings:feed-settings": Expect(statuses=signed_in(200)),
    "meetings:feed": Expect(statuses=everyone(200), kwargs=_feed),
    "meetings:forum-list": Expect(statuses=signed_in(200)),
    "meetings:forum-detail": Expect(statuses=FORUM_READ, kwargs=_forum_slug),
    "meetings:agreement-meetings": Expect(statuses=AGREEMENT_READ, kwargs=_agreement),
}

# The minutes' pages are declared beside their tests.
from simpul.meetings.tests.permissions_minutes import EXPECTATIONS as _MINUTES  # noqa: E402

EXPECTATIONS.update(_MINUTES)

# The daftar hadir and the exchange visits are declared beside their tests.
from simpul.meetings.tests.permissions_visits import EXPECTATIONS as _VISITS  # noqa: E402

EXPECTATIONS.update(_VISITS)

# The public meeting feeds (portal namespace) are declared beside their tests.
from simpul.meetings.tests.permissions_public import EXPECTATIONS as _PUBLIC  # noqa: E402

EXPECTATIONS.update(_PUBLIC)

# The forum create and edit pages are declared beside their tests.
from simpul.meetings.tests.permissions_forums import EXPECTATIONS as _FORUMS  # noqa: E402

EXPECTATIONS.update(_FORUMS)
