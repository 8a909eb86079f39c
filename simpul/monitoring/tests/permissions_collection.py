"""Permission-matrix expectations of the monitoring collection area (and the small world the
collection tests build on: `collection_world`).

The agreement: Kota Yogyakarta, Sleman and Bantul, registered by Biro Tapem DIY, with an
open quarter and a submission of Pemkot Yogyakarta's party. Reading follows the agreement
(sari, dewi, gita, hadi, rina; budi and eko 404). Opening, closing and locking periods needs
an editor of a party or of the registering organisation (sari, fitri, rina). Entering data for
Yogyakarta's party: its data officers and up, including dewi and agus at DLH, an agency under
Pemkot Yogyakarta (gita and hadi only read; the registering bureau enters no party's data).
Verifying: the agreement's coordinators (sari, fitri, rina), never dewi or agus.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile

from simpul.agreements.models import Agreement, Party
from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.monitoring.models import (
    DataValue,
    Evidence,
    Indicator,
    ReportingPeriod,
    Submission,
)
from simpul.monitoring.periods import period_bounds
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
# Entering Yogyakarta's data: data officers and up of Pemkot Yogyakarta (wati, tono) or of an
# agency under it (dewi, agus); not its viewer (vina), nor Sleman's coordinator (yanto), who
# enters for Sleman only, nor the registering bureau (fitri, joko), which is no party.
ENTER = {**READ, "gita": 404, "hadi": 404, "vina": 404, "yanto": 404, "fitri": 404, "joko": 404}
ENTER_ACT = {
    **ENTER,
    **dict.fromkeys(("sari", "dewi", "rina", "wati", "tono", "agus"), 302),
}
# An upload without a file is refused with the form shown again.
ENTER_REFUSED = {
    **ENTER,
    **dict.fromkeys(("sari", "dewi", "rina", "wati", "tono", "agus"), 400),
}
# Periods: editors of a party (sari, wati, yanto) or of the registering organisation (fitri)
# and the platform admin.
WRITE_ACT = {
    **READ,
    "sari": 302,
    "dewi": 404,
    "gita": 404,
    "hadi": 404,
    "rina": 302,
    "wati": 302,
    "tono": 404,
    "vina": 404,
    "yanto": 302,
    "fitri": 302,
    "joko": 404,
    "agus": 404,
}
# Verifying and returning: admins and coordinators of a party (sari; yanto, coordinator of
# Pemkab Sleman) or of the registering organisation (fitri) and the platform admin; never an
# editor, a data officer or a viewer.
VERIFY_ACT = {**WRITE_ACT, "wati": 404}


@dataclass
class World:
    agreement: Agreement
    yogyakarta: Party
    sleman: Party
    bantul: Party
    period: ReportingPeriod
    indicator: Indicator
    submission: Submission


def make_indicator(agreement, code="K1", **fields) -> Indicator:
    defaults = {
        "name": "Sampah terangkut",
        "unit": "ton/hari",
        "kind": Indicator.Kind.NUMBER,
        "frequency": "quarterly",
    }
    defaults.update(fields)
    return Indicator.objects.create(agreement=agreement, code=code, **defaults)


def make_period(agreement, year=2026, number=1, status="open", frequency="quarterly"):
    start, end = period_bounds(frequency, year, number)
    return ReportingPeriod.objects.create(
        agreement=agreement,
        frequency=frequency,
        year=year,
        number=number,
        start=start,
        end=end,
        due_date=end + timedelta(days=15),
        status=status,
    )


def collection_world(cast, *, status="open", submission_status="draft") -> World:
    agreement = make_agreement(
        cast, state="active", start_date=date(2025, 1, 1), end_date=date(2027, 12, 31)
    )
    parties = {p.organization_id: p for p in agreement.parties.select_related("organization")}
    yogyakarta = parties[cast.pemkot_yogyakarta.pk]
    sleman = parties[government_of(cast.sleman).pk]
    bantul = parties[government_of(cast.bantul).pk]
    period = make_period(agreement, status=status)
    indicator = make_indicator(agreement)
    submission = Submission.objects.create(
        period=period, party=yogyakarta, status=submission_status
    )
    DataValue.objects.create(submission=submission, indicator=indicator, value=Decimal(10))
    return World(agreement, yogyakarta, sleman, bantul, period, indicator, submission)


def _period(cast) -> dict:
    world = collection_world(cast)
    return {"agreement_pk": world.agreement.pk, "pk": world.period.pk}


def _agreement(cast) -> dict:
    return {"agreement_pk": collection_world(cast).agreement.pk}


def _start(cast) -> dict:
    world = collection_world(cast)
    period = make_period(world.agreement, number=2)
    return {"agreement_pk": world.agreement.pk, "pk": period.pk, "party_pk": world.yogyakarta.pk}


def _submission(cast, **flags) -> dict:
    world = collection_world(cast, **flags)
    return {"agreement_pk": world.agreement.pk, "pk": world.submission.pk}


def _submitted(cast) -> dict:
    return _submission(cast, submission_status="submitted")


def _evidence(cast) -> dict:
    world = collection_world(cast)
    evidence = Evidence(
        submission=world.submission,
        original_name="berita-acara.pdf",
        content_type="application/pdf",
        size=20,
        sha256="0" * 64,
    )
    evidence.file.save("berita-acara.pdf", ContentFile(b"%PDF-1.4 bukti %%EOF"), save=False)
    evidence.save()
    return {
        "agreement_pk": world.agreement.pk,
        "pk": world.submission.pk,
        "evidence_pk": evidence.pk,
    }


EXPECTATIONS = {
    "monitoring:period-list": Expect(statuses=READ, kwargs=_agreement),
    "monitoring:period-ensure": Expect(statuses=WRITE_ACT, kwargs=_agreement, method="post"),
    "monitoring:period-detail": Expect(statuses=READ, kwargs=_period),
    "monitoring:period-status": Expect(
        statuses=WRITE_ACT,
        kwargs=_period,
        method="post",
        data=lambda cast: {"action": "close"},
    ),
    "monitoring:submission-start": Expect(statuses=ENTER_ACT, kwargs=_start, method="post"),
    "monitoring:submission-detail": Expect(statuses=READ, kwargs=_submission),
    "monitoring:submission-edit": Expect(statuses=ENTER, kwargs=_submission),
    "monitoring:submission-submit": Expect(
        statuses=ENTER_ACT,
        kwargs=_submission,
        method="post",
        data=lambda cast: {"expected_version": "1"},
    ),
    "monitoring:submission-verify": Expect(statuses=VERIFY_ACT, kwargs=_submitted, method="post"),
    "monitoring:submission-return": Expect(
        statuses=VERIFY_ACT,
        kwargs=_submitted,
        method="post",
        data=lambda cast: {"comment": "Angka triwulan tidak sesuai berita acara."},
    ),
    "monitoring:submission-xlsx": Expect(statuses=ENTER, kwargs=_submission),
    "monitoring:submission-upload": Expect(
        statuses=ENTER_REFUSED, kwargs=_submission, method="post"
    ),
    "monitoring:evidence-upload": Expect(statuses=ENTER_REFUSED, kwargs=_submission, method="post"),
    "monitoring:evidence-download": Expect(statuses=READ, kwargs=_evidence),
}
