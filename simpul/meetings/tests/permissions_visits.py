"""Who may open the daftar hadir and the exchange-visit pages (see simpul/testing/matrix.py
and permissions.py here).

The daftar hadir carries names and positions: like the attendance page, it is for those who
run the meeting (Kartamantul's secretariat editors, lina, and rina).
"""

from simpul.meetings.tests.factories import make_meeting
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


def _meeting(cast) -> dict:
    return {"pk": make_meeting(cast).pk}


EXPECTATIONS = {
    "meetings:attendance-pdf": Expect(statuses=MANAGE_PAGE, kwargs=_meeting),
}
