"""Who may open the ideas pages (see simpul/testing/matrix.py).

The idea: owned by Pemkot Yogyakarta, posted by wati, Sleman could join. Its readers are the
members of organisations in Kota Yogyakarta or Sleman (sari, wati, tono, vina of the owner;
dewi and agus of its DLH; lina of the joint secretariat based in the city; yanto of Pemkab
Sleman; eko of an NGO in Sleman), the overseers (gita for DIY, hadi centrally) and rina.
Budi (Semarang) and the province bureau (fitri, joko: their organisation is in the province,
not in a concerned region) get 404. Readers other than the overseers support and comment.
Deciding (review, decline, accept) and moderating citizens' ideas: the owner's admin and
editor (sari, wati) and rina; everyone else 404. Editing: those and the author (wati).
Posting needs a membership (rina has none: 404). Anonymous visitors sign in first.

Public pages: everyone sees the list and a published citizen's idea, may open and send the
form (a redirect to the list) and follow a confirmation link.
"""

from simpul.ideas.models import Idea
from simpul.testing.matrix import LOGIN, Expect, everyone

from .factories import make_citizen_idea, make_idea

READ = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 200,
    "gita": 200,
    "hadi": 200,
    "eko": 200,
    "rina": 200,
    "wati": 200,
    "tono": 200,
    "vina": 200,
    "yanto": 200,
    "lina": 200,
    "fitri": 404,
    "joko": 404,
    "agus": 200,
}
TAKE_PART = {
    **READ,
    **{name: 302 for name, s in READ.items() if s == 200},
    "gita": 404,
    "hadi": 404,
}
DECIDE_PAGE = {
    **dict.fromkeys(READ, 404),
    "anonymous": LOGIN,
    "sari": 200,
    "wati": 200,
    "rina": 200,
}
DECIDE_POST = {**DECIDE_PAGE, "sari": 302, "wati": 302, "rina": 302}
POST_PAGE = {**READ, "budi": 200, "fitri": 200, "joko": 200, "rina": 404}


def _idea(cast) -> dict:
    return {"pk": make_idea(cast).pk}


def _version(cast) -> dict:
    return {"version": Idea.objects.latest("pk").version}


def _citizen(cast) -> dict:
    return {"pk": make_citizen_idea(cast).pk}


def _published(cast) -> dict:
    return {"code": make_citizen_idea(cast, moderation="published").code}


def _token(cast) -> dict:
    make_citizen_idea(cast, moderation="unconfirmed", token="matrix-token")
    return {"token": "matrix-token"}


def _citizen_data(cast) -> dict:
    return {
        "region": cast.sleman.code,
        "title": "Pasar tani bersama",
        "problem": "Petani Sleman sulit menjual ke kota.",
        "proposal": "Pasar tani bergilir di kedua wilayah.",
        "author_name": "Warga",
        "email": "warga@example.org",
        "website": "",
    }


EXPECTATIONS = {
    "ideas:idea-list": Expect(statuses={**READ, "budi": 200, "fitri": 200, "joko": 200}),
    "ideas:idea-create": Expect(statuses=POST_PAGE),
    "ideas:idea-detail": Expect(statuses=READ, kwargs=_idea),
    "ideas:idea-edit": Expect(statuses=DECIDE_PAGE, kwargs=_idea),
    "ideas:idea-support": Expect(statuses=TAKE_PART, kwargs=_idea, method="post"),
    "ideas:idea-comment": Expect(
        statuses=TAKE_PART, kwargs=_idea, method="post", data=lambda cast: {"body": "Setuju."}
    ),
    "ideas:idea-move": Expect(
        statuses=DECIDE_POST,
        kwargs=_idea,
        method="post",
        data=lambda cast: {**_version(cast), "action": "review"},
    ),
    "ideas:idea-accept": Expect(statuses=DECIDE_PAGE, kwargs=_idea),
    "ideas:moderation": Expect(statuses={**dict.fromkeys(READ, 200), "anonymous": LOGIN}),
    "ideas:idea-moderate": Expect(
        statuses=DECIDE_POST,
        kwargs=_citizen,
        method="post",
        data=lambda cast: {**_version(cast), "action": "publish"},
    ),
    "ideas_public:list": Expect(statuses=everyone(200)),
    "ideas_public:detail": Expect(statuses=everyone(200), kwargs=_published),
    "ideas_public:submit": Expect(statuses=everyone(302), method="post", data=_citizen_data),
    "ideas_public:confirm": Expect(statuses=everyone(200), kwargs=_token),
}
