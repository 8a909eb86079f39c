"""Who may open the stakeholder register's pages (see simpul/testing/matrix.py).

The register follows the usual agreement (Kota Yogyakarta, Sleman and Bantul, registered by
Biro Tata Pemerintahan DIY): whoever reads the agreement reads it; its editors (sari admin,
wati editor, yanto coordinator of a party, fitri coordinator of the registering bureau, rina)
add and edit stakeholders and record contributions; a contribution recorded by wati is verified
by a party's admin or coordinator (sari, yanto) or rina, never by wati herself, nor by the
registering bureau (fitri), an agency (agus) or oversight (gita, hadi). Everyone else 404.
"""

from simpul.agreements.tests.factories import make_agreement
from simpul.stakeholders.models import Stakeholder
from simpul.stakeholders.tests.factories import make_contribution, make_stakeholder, pdf_upload
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect, everyone

NOBODY = dict.fromkeys(
    ("sari", "budi", "dewi", "gita", "hadi", "eko", "rina", "wati", "tono", "vina", "yanto",
     "lina", "fitri", "joko", "agus"),
    404,
)  # fmt: skip
READ = {
    **NOBODY, "anonymous": LOGIN,
    **dict.fromkeys(("sari", "dewi", "gita", "hadi", "rina"), 200),
    **PARTY_STAFF_READ,
}  # fmt: skip
EDITORS = ("sari", "wati", "yanto", "fitri", "rina")
EDIT_PAGE = {**NOBODY, "anonymous": LOGIN, **dict.fromkeys(EDITORS, 200)}
EDIT_POST = {**NOBODY, "anonymous": LOGIN, **dict.fromkeys(EDITORS, 302)}
DECIDE = {**NOBODY, "anonymous": LOGIN, **dict.fromkeys(("sari", "yanto", "rina"), 302)}


def _agreement(cast) -> dict:
    return {"agreement_pk": make_agreement(cast).pk}


def _with_stakeholder(cast) -> dict:
    return {"agreement_pk": make_stakeholder(cast).agreement_id}


def _stakeholder(cast) -> dict:
    stakeholder = make_stakeholder(cast)
    return {"agreement_pk": stakeholder.agreement_id, "pk": stakeholder.pk}


def _contribution(cast) -> dict:
    contribution = make_contribution(cast, evidence=pdf_upload())
    return {"agreement_pk": contribution.stakeholder.agreement_id, "pk": contribution.pk}


def _new_contribution(cast) -> dict:
    return {
        "stakeholder": Stakeholder.objects.order_by("-pk").values_list("pk", flat=True)[0],
        "kind": "labour",
        "description": "Kerja bakti membersihkan sungai",
        "value": "5000000",
        "year": "2026",
    }


def _verify(cast) -> dict:
    from simpul.stakeholders.models import Contribution

    return {"version": Contribution.objects.order_by("-pk")[0].version, "action": "verify"}


EXPECTATIONS = {
    "stakeholders:register": Expect(statuses=READ, kwargs=_with_stakeholder),
    "stakeholders:stakeholder-create": Expect(statuses=EDIT_PAGE, kwargs=_agreement),
    "stakeholders:stakeholder-edit": Expect(statuses=EDIT_PAGE, kwargs=_stakeholder),
    "stakeholders:stakeholder-invite": Expect(
        statuses=EDIT_POST,
        kwargs=_stakeholder,
        method="post",
        data=lambda cast: {"email": "andi@sinarjaya.example"},
    ),
    "stakeholders:contribution-list": Expect(statuses=READ, kwargs=_with_stakeholder),
    "stakeholders:contribution-create": Expect(
        statuses=EDIT_POST, kwargs=_with_stakeholder, method="post", data=_new_contribution
    ),
    "stakeholders:contribution-decide": Expect(
        statuses=DECIDE, kwargs=_contribution, method="post", data=_verify
    ),
    "stakeholders:contribution-evidence": Expect(statuses=READ, kwargs=_contribution),
    # The public API's list of verified contributions (portal, read through the public gate).
    "api:stakeholder-contribution-list": Expect(statuses=everyone(200)),
}
