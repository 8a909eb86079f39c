"""Who may open the forum create and edit pages (see simpul/testing/matrix.py).

Creating a forum is for platform admins (rina) and the admins of a government-side
organisation, who make it the secretariat: sari (Kota Yogyakarta), budi (Kota Semarang) and
lina (Sekber Kartamantul). eko is an NGO's admin and every other person no admin: 404.
Editing Kartamantul's forum is for its secretariat's admin (lina) and rina; its members, the
overseers and everyone else get 404, as for running its meetings.
"""

from simpul.meetings.tests.factories import make_forum
from simpul.testing.matrix import LOGIN, Expect

PEOPLE = (
    "sari", "wati", "tono", "vina", "yanto", "dewi", "agus", "lina", "gita", "hadi", "rina",
    "budi", "eko", "fitri", "joko",
)  # fmt: skip
CREATORS = ("sari", "budi", "lina", "rina")
EDITORS = ("lina", "rina")


def _forum_slug(cast) -> dict:
    return {"slug": make_forum(cast).slug}


EXPECTATIONS = {
    "meetings:forum-create": Expect(
        statuses={"anonymous": LOGIN, **dict.fromkeys(PEOPLE, 404), **dict.fromkeys(CREATORS, 200)}
    ),
    "meetings:forum-edit": Expect(
        statuses={"anonymous": LOGIN, **dict.fromkeys(PEOPLE, 404), **dict.fromkeys(EDITORS, 200)},
        kwargs=_forum_slug,
    ),
}
