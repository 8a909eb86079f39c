"""Who may open an agreement's results dashboard, indicator pages and IPTT (see
simpul/testing/matrix.py).

The agreement: a voluntary KSDD between Kota Yogyakarta, Sleman and Bantul registered by
Biro Tapem DIY. Everyone who reads the agreement reads its analysis: Sari (a party's
admin), Dewi (an agency under a party), Gita and Hadi (oversight) and Rina (platform admin).
Budi (Semarang) and Eko (an NGO) have nothing to do with it: 404. Anonymous visitors are
sent to sign in.
"""

from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.models import Indicator
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect

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


def _agreement(cast) -> dict:
    return {"agreement_pk": make_agreement(cast, state="active").pk}


def _indicator(cast) -> dict:
    agreement = make_agreement(cast, state="active")
    indicator = Indicator.objects.create(
        agreement=agreement, code="I1", name="Sampah terangkut", unit="ton"
    )
    return {"agreement_pk": agreement.pk, "pk": indicator.pk}


EXPECTATIONS = {
    "monitoring:results-dashboard": Expect(statuses=READ, kwargs=_agreement),
    "monitoring:indicator-detail": Expect(statuses=READ, kwargs=_indicator),
    "monitoring:iptt": Expect(statuses=READ, kwargs=_agreement),
    "monitoring:iptt-csv": Expect(statuses=READ, kwargs=_agreement),
}
