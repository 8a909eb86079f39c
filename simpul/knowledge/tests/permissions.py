"""Who may open the knowledge pages (see simpul/testing/matrix.py).

The item is Pemerintah Kota Yogyakarta's good practice, written by wati (editor). A draft is
read by its owner's members (sari, wati, tono, vina), the agency under it (DLH: dewi, agus),
oversight (gita at DIY, hadi at Kemendagri) and the platform admin (rina); it is edited and
submitted by the owner's editors (sari, wati) and rina. In review it is published or returned
by the owner's reviewers (admin, coordinator: sari) and rina, never by wati who submitted
it. A published item is read by every signed-in member. Knowledge is shared by whoever
edits for an organisation (admin, coordinator or editor somewhere; rina belongs to none). A
lesson is started from a finding or decision by such a person who reads it.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from simpul.agreements.tests.factories import make_agreement
from simpul.knowledge.tests.factories import (
    make_decision,
    make_finding,
    make_item,
    pdf_upload,
    png_bytes,
)
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect, everyone, signed_in

NOBODY = dict.fromkeys(
    ("sari", "budi", "dewi", "gita", "hadi", "eko", "rina", "wati", "tono", "vina", "yanto",
     "lina", "fitri", "joko", "agus"),
    404,
)  # fmt: skip
DRAFT_READ = {
    **NOBODY,
    "anonymous": LOGIN,
    **dict.fromkeys(("sari", "wati", "tono", "vina", "dewi", "agus", "gita", "hadi", "rina"), 200),
}
WRITERS = ("sari", "wati", "rina")
EDIT_PAGE = {**NOBODY, "anonymous": LOGIN, **dict.fromkeys(WRITERS, 200)}
SUBMIT = {**NOBODY, "anonymous": LOGIN, **dict.fromkeys(WRITERS, 302)}
REVIEW = {**NOBODY, "anonymous": LOGIN, **dict.fromkeys(("sari", "rina"), 302)}
# Admins, coordinators and editors of any organisation.
SHARERS = ("sari", "budi", "gita", "eko", "wati", "yanto", "lina", "fitri", "agus")
CREATE = {**NOBODY, "anonymous": LOGIN, **dict.fromkeys(SHARERS, 200)}
# Of the sharers, those who read the agreement (parties, the registering bureau, its agency,
# oversight) or the forum's meeting (its members, secretariat and oversight).
FROM_FINDING = {
    **NOBODY, "anonymous": LOGIN,
    **dict.fromkeys(("sari", "wati", "yanto", "fitri", "agus", "gita"), 200),
}  # fmt: skip
FROM_DECISION = {
    **NOBODY, "anonymous": LOGIN,
    **dict.fromkeys(("sari", "wati", "yanto", "agus", "lina", "gita"), 200),
}  # fmt: skip


def _draft(cast) -> dict:
    return {"pk": make_item(cast).pk}


def _with_file(cast) -> dict:
    return {"pk": make_item(cast, kind="document", file=pdf_upload()).pk}


def _with_image(cast) -> dict:
    image = SimpleUploadedFile("infografis.png", png_bytes(), content_type="image/png")
    item = make_item(cast, kind="infographic", image=image, image_alt="Alur bank sampah")
    return {"pk": item.pk}


def _in_review(cast) -> dict:
    return {"pk": make_item(cast, status="in_review").pk}


# The agreement's Knowledge tab: whoever reads the usual agreement.
AGREEMENT_READ = {
    **NOBODY, "anonymous": LOGIN,
    **dict.fromkeys(("sari", "dewi", "gita", "hadi", "rina"), 200),
    **PARTY_STAFF_READ,
}  # fmt: skip

EXPECTATIONS = {
    "knowledge:item-list": Expect(statuses=signed_in(200)),
    "knowledge:agreement-knowledge": Expect(
        statuses=AGREEMENT_READ,
        kwargs=lambda cast: {"agreement_pk": make_agreement(cast, state="active").pk},
    ),
    "knowledge:item-create": Expect(statuses=CREATE),
    "knowledge:item-detail": Expect(statuses=DRAFT_READ, kwargs=_draft),
    "knowledge:item-edit": Expect(statuses=EDIT_PAGE, kwargs=_draft),
    "knowledge:item-submit": Expect(
        statuses=SUBMIT, kwargs=_draft, method="post", data=lambda cast: {"version": 1}
    ),
    "knowledge:item-review": Expect(
        statuses=REVIEW,
        kwargs=_in_review,
        method="post",
        data=lambda cast: {"version": 1, "action": "publish", "audience": "members"},
    ),
    "knowledge:item-file": Expect(statuses=DRAFT_READ, kwargs=_with_file),
    "knowledge:item-image": Expect(statuses=DRAFT_READ, kwargs=_with_image),
    "knowledge:lesson-from-finding": Expect(
        statuses=FROM_FINDING, kwargs=lambda cast: {"finding_pk": make_finding(cast).pk}
    ),
    "knowledge:lesson-from-decision": Expect(
        statuses=FROM_DECISION, kwargs=lambda cast: {"decision_pk": make_decision(cast).pk}
    ),
}


# The portal's knowledge pages: a practice published to the public is everyone's; its image
# and file likewise (simpul.knowledge.public is the gate).
def _public_with_image(cast) -> dict:
    image = SimpleUploadedFile("infografis.png", png_bytes(), content_type="image/png")
    item = make_item(
        cast, kind="infographic", image=image, image_alt="Alur", status="published",
        audience="public",
    )  # fmt: skip
    return {"code": item.code}


def _public_with_file(cast) -> dict:
    item = make_item(
        cast, kind="document", file=pdf_upload(), status="published", audience="public"
    )
    return {"code": item.code}


EXPECTATIONS.update(
    {
        "portal:knowledge-list": Expect(statuses=everyone(200)),
        "portal:knowledge": Expect(statuses=everyone(200), kwargs=_public_with_image),
        "portal:knowledge-image": Expect(statuses=everyone(200), kwargs=_public_with_image),
        "portal:knowledge-file": Expect(statuses=everyone(200), kwargs=_public_with_file),
        "api:knowledge-list": Expect(statuses=everyone(200)),
        "api:knowledge-detail": Expect(statuses=everyone(200), kwargs=_public_with_file),
        "api:adoption-list": Expect(statuses=everyone(200)),
    }
)


# The adoption loop, on Pemkot Yogyakarta's published practice: whoever reads the practice
# reads its adoptions and map; interest is marked by an editor of another organisation (not
# sari or wati, whose only organisation owns it; not rina, who belongs to none); Kota
# Semarang's adoption (budi's) is recorded only by Semarang's editors: budi. Without a
# submitted learning report or a decision to adopt, his visit and plan are refused (400).
INTEREST = {
    **NOBODY, "anonymous": LOGIN,
    **dict.fromkeys(("budi", "gita", "eko", "yanto", "lina", "fitri", "agus"), 302),
}  # fmt: skip
ADOPTER_ONLY = {**NOBODY, "anonymous": LOGIN}


def _practice(cast) -> dict:
    return {"pk": make_item(cast, status="published").pk}


def _adoption(cast) -> dict:
    from simpul.knowledge.services_adoption import adoption_express_interest

    item = make_item(cast, status="published")
    adoption = adoption_express_interest(
        item=item, user=cast.budi, organization=cast.pemkot_semarang
    )
    return {"pk": item.pk, "adoption_pk": adoption.pk}


EXPECTATIONS.update(
    {
        "knowledge:adoption-interest": Expect(
            statuses=INTEREST,
            kwargs=_practice,
            method="post",
            data=lambda cast: {"organization": cast.pemkot_semarang.pk},
        ),  # fmt: skip
        "knowledge:adoption-map": Expect(statuses=signed_in(200), kwargs=_practice),
        "knowledge:adoption-detail": Expect(statuses=signed_in(200), kwargs=_adoption),
        "knowledge:adoption-decide": Expect(
            statuses={**ADOPTER_ONLY, "budi": 302},
            kwargs=_adoption,
            method="post",
            data=lambda cast: {"version": 1, "decision": "not_now", "reason": "Belum ada dana"},
        ),  # fmt: skip
        "knowledge:adoption-visit": Expect(
            statuses={**ADOPTER_ONLY, "budi": 400},
            kwargs=_adoption,
            method="post",
            data=lambda cast: {"version": 1},
        ),  # fmt: skip
        "knowledge:adoption-plan": Expect(
            statuses={**ADOPTER_ONLY, "budi": 400},
            kwargs=_adoption,
            method="post",
            data=lambda cast: {"version": 1, "note": "Rencana"},
        ),  # fmt: skip
    }
)
