"""Who may open the discussion pages (see simpul/testing/matrix.py).

The usual agreement (Kota Yogyakarta, Sleman and Bantul, registered by Biro Tata
Pemerintahan DIY) has a thread started by wati. Its readers are the agreement's (party and
registering organisations' members, the agencies under a party, oversight, rina); writers are
the members of a party or of the registering organisation, or of an agency under a party,
whatever their role (sari, wati, tono, vina, yanto, fitri, joko, dewi, agus). Oversight
(gita, hadi) and rina read and get 404 on the write pages and the mention autocomplete. The
joint secretariat (lina), the partner (eko) and the outsider (budi) get 404 everywhere.
Editing a post: its author (wati); other readers 403. Deleting: its author and rina (as
moderator); other readers 403.

The Kartamantul forum (secretariat Sekber Kartamantul; members Kota Yogyakarta, Sleman,
Bantul): lina writes there too; the province bureau (fitri, joko) is no member: 404.
"""

from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect

from .factories import first_post, make_forum_thread, make_thread, pdf

READ = {
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
WRITERS = ("sari", "wati", "tono", "vina", "yanto", "fitri", "joko", "dewi", "agus")
WRITE_PAGE = {**READ, "gita": 404, "hadi": 404, "rina": 404}
WRITE_POST = {**WRITE_PAGE, **dict.fromkeys(WRITERS, 302)}
REDIRECT = {**READ, **{name: 302 for name, status in READ.items() if status == 200}}
AUTHOR_PAGE = {**{name: (403 if s == 200 else s) for name, s in READ.items()}, "wati": 200}
DELETE_POST = {**AUTHOR_PAGE, "wati": 302, "rina": 302}

FORUM_READ = {
    **READ,
    "lina": 200,
    "fitri": 404,
    "joko": 404,
}
FORUM_WRITE_PAGE = {**FORUM_READ, "gita": 404, "hadi": 404, "rina": 404}


def _agreement(cast) -> dict:
    return {"agreement_pk": make_thread(cast).agreement_id}


def _thread(cast) -> dict:
    return {"pk": make_thread(cast).pk}


def _post(cast) -> dict:
    return {"pk": first_post(make_thread(cast)).pk}


def _post_with_file(cast) -> dict:
    return {"pk": first_post(make_thread(cast, attachment=pdf())).pk}


def _forum(cast) -> dict:
    forum = make_forum_thread(cast).forum
    assert forum is not None
    return {"slug": forum.slug}


EXPECTATIONS = {
    "discussions:agreement-threads": Expect(statuses=READ, kwargs=_agreement),
    "discussions:agreement-thread-create": Expect(statuses=WRITE_PAGE, kwargs=_agreement),
    "discussions:forum-threads": Expect(statuses=FORUM_READ, kwargs=_forum),
    "discussions:forum-thread-create": Expect(statuses=FORUM_WRITE_PAGE, kwargs=_forum),
    "discussions:thread-detail": Expect(statuses=READ, kwargs=_thread),
    "discussions:post-create": Expect(
        statuses=WRITE_POST,
        kwargs=_thread,
        method="post",
        data=lambda cast: {"text": "Kami setuju dengan jadwal ini."},
    ),
    "discussions:thread-follow": Expect(statuses=REDIRECT, kwargs=_thread, method="post"),
    "discussions:mention-candidates": Expect(statuses=WRITE_PAGE, kwargs=_thread, query="?q=sa"),
    "discussions:post-goto": Expect(statuses=REDIRECT, kwargs=_post),
    "discussions:post-edit": Expect(statuses=AUTHOR_PAGE, kwargs=_post),
    "discussions:post-delete": Expect(statuses=DELETE_POST, kwargs=_post, method="post"),
    "discussions:post-history": Expect(statuses=READ, kwargs=_post),
    "discussions:post-attachment": Expect(statuses=READ, kwargs=_post_with_file),
}
