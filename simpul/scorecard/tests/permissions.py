"""Who may open the scorecard pages (see simpul/testing/matrix.py): the ranking, region and
recognition pages are public, so everyone, signed in or not, gets 200; the agreement's
collaboration-health tab is read by whoever reads the agreement (404 for others)."""

from simpul.agreements.tests.factories import make_agreement
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect, everyone

# The agreement's collaboration-health tab: whoever reads the usual agreement.
AGREEMENT_READ = {
    **everyone(404), "anonymous": LOGIN,
    **dict.fromkeys(("sari", "dewi", "gita", "hadi", "rina"), 200),
    **PARTY_STAFF_READ,
}  # fmt: skip

EXPECTATIONS = {
    "scorecard:ranking": Expect(statuses=everyone(200)),
    "scorecard:region": Expect(
        statuses=everyone(200), kwargs=lambda cast: {"code": cast.yogyakarta.code}
    ),
    "health:agreement": Expect(
        statuses=AGREEMENT_READ,
        kwargs=lambda cast: {"agreement_pk": make_agreement(cast, state="active").pk},
    ),
    # Recognition is public; a signed-in reader sees more lines, never another status.
    "recognition:list": Expect(statuses=everyone(200)),
    "recognition:organization": Expect(
        statuses=everyone(200), kwargs=lambda cast: {"pk": cast.pemkot_yogyakarta.pk}
    ),
}
