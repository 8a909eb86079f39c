"""Who may open the minutes pages (see simpul/testing/matrix.py and permissions.py here).

The meeting is Kartamantul's forum meeting held two hours ago (`minutes_factories`): its
readers read the minutes and download the berita acara; the secretariat's editors (lina)
and platform admins (rina) write them, add decisions and action items, circulate and
correct. Signing for Kota Yogyakarta is for its admin (sari) alone: every other reader is
refused with a message (400), platform admins included. The action item belongs to wati at
Kota Yogyakarta: she, Kota Yogyakarta's other editors (sari) and the runners close it.
"""

from simpul.meetings.models import ActionItem
from simpul.meetings.tests.minutes_factories import circulated, final, held_meeting
from simpul.testing.matrix import LOGIN, Expect

# As in permissions.py (which imports this module, so they are not imported from there).
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

READERS_REFUSED = {
    **{person: (400 if status == 200 else status) for person, status in FORUM_READ.items()},
    "sari": 302,
}
CLOSE_ACTION = {
    **{person: (404 if status == 200 else status) for person, status in FORUM_READ.items()},
    **dict.fromkeys(("sari", "wati", "lina", "rina"), 200),
    "anonymous": LOGIN,
}


def _held(cast) -> dict:
    return {"pk": held_meeting(cast).pk}


def _draft(cast) -> dict:
    from simpul.meetings.services import minutes as services

    meeting = held_meeting(cast)
    services.minutes_start(meeting=meeting, user=cast.lina)
    return {"pk": meeting.pk}


def _circulated(cast) -> dict:
    return {"pk": circulated(cast).minutes.meeting_id}


def _final(cast) -> dict:
    return {"pk": final(cast).minutes.meeting_id}


def _item(cast) -> dict:
    meeting = held_meeting(cast)
    return {"pk": meeting.pk, "item_pk": meeting.agenda_items.first().pk}


def _action(cast) -> dict:
    meeting_pk = circulated(cast).minutes.meeting_id
    return {"pk": meeting_pk, "action_pk": ActionItem.objects.get().pk}


EXPECTATIONS = {
    "meetings:minutes": Expect(statuses=FORUM_READ, kwargs=_circulated),
    "meetings:minutes-start": Expect(statuses=MANAGE_POST, kwargs=_held, method="post"),
    "meetings:minutes-edit": Expect(statuses=MANAGE_PAGE, kwargs=_draft),
    "meetings:minutes-circulate": Expect(statuses=MANAGE_POST, kwargs=_draft, method="post"),
    "meetings:minutes-sign": Expect(
        statuses=READERS_REFUSED,
        kwargs=_circulated,
        method="post",
        data=lambda cast: {"organization": cast.pemkot_yogyakarta.pk, "answer": "approved"},
    ),
    "meetings:minutes-correct": Expect(statuses=MANAGE_POST, kwargs=_final, method="post"),
    "meetings:minutes-pdf": Expect(statuses=FORUM_READ, kwargs=_final),
    "meetings:decision-add": Expect(statuses=MANAGE_PAGE, kwargs=_item),
    "meetings:action-add": Expect(statuses=MANAGE_PAGE, kwargs=_item),
    "meetings:action-complete": Expect(statuses=CLOSE_ACTION, kwargs=_action),
}
