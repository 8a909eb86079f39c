"""Permission-matrix expectations of the monitoring indicators area, and the small builders
its tests share (an agreement with a plan objective, an indicator that passes SMART).

The agreement: a voluntary KSDD between Kota Yogyakarta, Sleman and Bantul, registered by
Biro Tapem DIY. Everyone who may see the agreement reads its results chain (sari, dewi at
an agency of a party, gita and hadi overseeing, rina); only editors of a party or the owner
(sari, fitri, rina) design it. Budi and Eko have nothing to do with it: 404.
"""

from datetime import date
from decimal import Decimal

from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.models import Indicator, Result, Target
from simpul.plans.access import plan_for
from simpul.plans.models import Objective
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect

AGREEMENT_START = date(2025, 1, 1)
AGREEMENT_END = date(2027, 12, 31)


def agreement_with_objective(cast, **fields):
    """An agreement in force 2025–2027 whose plan has objective T1."""
    fields.setdefault("start_date", AGREEMENT_START)
    fields.setdefault("end_date", AGREEMENT_END)
    agreement = make_agreement(cast, state="active", **fields)
    Objective.objects.create(
        plan=plan_for(agreement), code="T1", statement="Sampah regional terkelola"
    )
    return agreement


def objective_of(agreement) -> Objective:
    return plan_for(agreement).objectives.get(code="T1")


def make_indicator(agreement, *, code="IKU-1", targets=None, **fields) -> Indicator:
    """An indicator that passes the SMART check unless `fields` say otherwise; written
    directly (no service) so tests of the check control every field."""
    defaults = {
        "name": "Sampah diterima TPA",
        "definition": "Rata-rata ton sampah per hari yang ditimbang di jembatan timbang TPA.",
        "unit": "ton/hari",
        "kind": Indicator.Kind.NUMBER,
        "baseline_value": Decimal(500),
        "baseline_date": date(2024, 12, 31),
        "frequency": "quarterly",
        "objective": objective_of(agreement),
    }
    defaults.update(fields)
    indicator = Indicator.objects.create(agreement=agreement, code=code, **defaults)
    for (year, number), value in (targets if targets is not None else {(2025, 4): 600}).items():
        Target.objects.create(
            indicator=indicator,
            year=year,
            number=number,
            value=None if isinstance(value, str) else Decimal(value),
            text=value if isinstance(value, str) else "",
        )
    return indicator


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
# Designing: editors of a party (sari, wati, yanto) or of the registering bureau (fitri); not
# a data officer or a viewer, nor an editor of an agency under a party (agus).
WRITE = {
    **READ,
    **dict.fromkeys(("dewi", "gita", "hadi", "tono", "vina", "joko", "agus"), 404),
}
# A POST that succeeds answers with a redirect back to the list.
ACT = {**WRITE, **dict.fromkeys(("sari", "rina", "wati", "yanto", "fitri"), 302)}


def _agreement(cast) -> dict:
    return {"agreement_pk": agreement_with_objective(cast).pk}


def _indicator(cast) -> dict:
    agreement = agreement_with_objective(cast)
    return {"agreement_pk": agreement.pk, "pk": make_indicator(agreement).pk}


def _result(cast) -> dict:
    agreement = agreement_with_objective(cast)
    result = Result.objects.create(
        agreement=agreement,
        level=Result.Level.OUTCOME,
        objective=objective_of(agreement),
        code="OC1",
        statement="Layanan persampahan regional",
    )
    return {"agreement_pk": agreement.pk, "pk": result.pk}


EXPECTATIONS = {
    "monitoring:indicator-list": Expect(statuses=READ, kwargs=_agreement),
    "monitoring:indicator-create": Expect(statuses=WRITE, kwargs=_agreement),
    "monitoring:indicator-edit": Expect(statuses=WRITE, kwargs=_indicator),
    "monitoring:indicator-delete": Expect(statuses=ACT, kwargs=_indicator, method="post"),
    "monitoring:result-create": Expect(statuses=WRITE, kwargs=_agreement),
    "monitoring:result-edit": Expect(statuses=WRITE, kwargs=_result),
    "monitoring:result-delete": Expect(statuses=ACT, kwargs=_result, method="post"),
    "monitoring:monitoring-setup": Expect(statuses=WRITE, kwargs=_agreement),
}
