"""Who may open the consultation pages (see simpul/testing/matrix.py).

The agreement: an active voluntary KSDD of Kota Yogyakarta, Sleman and Bantul registered by
Biro Tapem DIY (public by default, being signed). Internal pages: every reader of the
agreement (sari and dewi of the parties, gita and hadi overseeing, rina) sees the list and a
consultation's page; creating, editing, publishing, closing, concluding, moderating and
answering need an editor role in a party or the registering bureau (sari, fitri, rina); dewi,
a data officer, agus, an agency's editor, and the overseers get 404 like the outsiders budi
and eko. Answering speaks for a party, which the bureau is not: the view sends fitri back to
the consultation with an error (a redirect, as for a success). Anonymous visitors sign in
first.

Public pages: everyone, signed in or not, sees the list and an open consultation of a public
agreement, may comment (a redirect to the page) and confirm a comment by its e-mailed link.
"""

from simpul.agreements.tests.factories import make_agreement
from simpul.consultations.models import Comment
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect, everyone

from .factories import make_comment, make_consultation

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
# Running a consultation: editors of a party (sari, wati; yanto for Pemkab Sleman) or of the
# registering bureau (fitri); a data officer (tono, joko) or a viewer (vina) only reads, and so
# does an editor at an agency under a party (agus).
WRITE_PAGE = {
    **READ,
    **dict.fromkeys(("dewi", "gita", "hadi", "tono", "vina", "joko", "agus"), 404),
}
WRITE_POST = {**WRITE_PAGE, **dict.fromkeys(("sari", "rina", "wati", "yanto", "fitri"), 302)}


def _agreement(cast) -> dict:
    return {"agreement_pk": make_agreement(cast, state="active").pk}


def _consultation(status="open"):
    def build(cast) -> dict:
        consultation = make_consultation(make_agreement(cast, state="active"), status=status)
        return {"agreement_pk": consultation.agreement_id, "pk": consultation.pk}

    return build


def _comment(status=Comment.Status.PENDING):
    def build(cast) -> dict:
        consultation = make_consultation(make_agreement(cast, state="active"))
        comment = make_comment(consultation.sections.first(), status=status)
        return {
            "agreement_pk": consultation.agreement_id,
            "pk": consultation.pk,
            "comment_pk": comment.pk,
        }

    return build


def _public(cast) -> dict:
    return {"pk": make_consultation(make_agreement(cast, state="active")).pk}


def _comment_data(cast) -> dict:
    from simpul.consultations.models import Section

    section = Section.objects.order_by("-pk").first()
    return {
        "section": section.pk,
        "author_name": "Warga",
        "email": "warga@example.org",
        "body": "Setuju, dengan catatan jadwal.",
        "website": "",
    }


def _token(cast) -> dict:
    consultation = make_consultation(make_agreement(cast, state="active"))
    make_comment(
        consultation.sections.first(), status=Comment.Status.UNCONFIRMED, token="matrix-token"
    )
    return {"token": "matrix-token"}


EXPECTATIONS = {
    "consultations:consultation-list": Expect(statuses=READ, kwargs=_agreement),
    "consultations:consultation-create": Expect(statuses=WRITE_PAGE, kwargs=_agreement),
    "consultations:consultation-detail": Expect(statuses=READ, kwargs=_consultation()),
    "consultations:consultation-edit": Expect(statuses=WRITE_PAGE, kwargs=_consultation("draft")),
    "consultations:consultation-publish": Expect(
        statuses=WRITE_POST,
        kwargs=_consultation("draft"),
        method="post",
        data=lambda cast: {"version": 1},
    ),
    "consultations:consultation-close": Expect(
        statuses=WRITE_POST, kwargs=_consultation(), method="post", data=lambda cast: {"version": 1}
    ),
    "consultations:consultation-conclude": Expect(
        statuses=WRITE_POST,
        kwargs=_consultation("closed"),
        method="post",
        data=lambda cast: {"version": 1, "outcome": "Jadwal pengangkutan ditambah."},
    ),
    "consultations:comment-moderate": Expect(
        statuses=WRITE_POST, kwargs=_comment(), method="post", data=lambda c: {"action": "approve"}
    ),
    # Yanto answers for Pemkab Sleman only: the form refuses Yogyakarta's party (400).
    "consultations:comment-answer": Expect(
        statuses={**WRITE_POST, "yanto": 400},
        kwargs=_comment(Comment.Status.APPROVED),
        method="post",
        data=lambda cast: {
            "party": cast.pemkot_yogyakarta.agreement_parties.order_by("-pk").first().pk,
            "body": "Terima kasih, jadwal akan diumumkan.",
        },
    ),
    "consultations:comment-change": Expect(
        statuses=WRITE_POST,
        kwargs=_comment(Comment.Status.APPROVED),
        method="post",
        data=lambda cast: {"led_to_change": "on"},
    ),
    "consultations_public:list": Expect(statuses=everyone(200)),
    "consultations_public:detail": Expect(statuses=everyone(200), kwargs=_public),
    "consultations_public:comment": Expect(
        statuses=everyone(302), kwargs=_public, method="post", data=_comment_data
    ),
    "consultations_public:confirm": Expect(statuses=everyone(200), kwargs=_token),
}
