"""Builders for the portal page and map tests (no tests here; public decisions are written
directly, without the publication services)."""

import hashlib
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.models import Indicator
from simpul.publication.models import PublicationDecision
from simpul.reports.models import Report, ReportFile
from simpul.reports.tests.factories import make_report


def decide(agreement, kind: str, *, public: bool, target_id: int = 0) -> PublicationDecision:
    return PublicationDecision.objects.create(
        agreement=agreement,
        kind=kind,
        target_id=target_id,
        is_public=public,
        reason="uji",
        decided_at=timezone.now(),
    )


def public_agreement(cast, title="Pengelolaan sampah regional", **fields):
    fields.setdefault("start_date", date(2025, 1, 1))
    fields.setdefault("end_date", date(2029, 12, 31))
    return make_agreement(cast, state=fields.pop("state", "active"), title=title, **fields)


def make_indicator(agreement, code="I1", **fields) -> Indicator:
    fields.setdefault("name", "Sampah yang dipilah")
    fields.setdefault("unit", "ton")
    return Indicator.objects.create(
        agreement=agreement,
        code=code,
        baseline_value=Decimal(10),
        latest_value=Decimal(40),
        latest_target=Decimal(70),
        progress=Decimal("50.0"),
        status=Indicator.Status.AT_RISK,
        **fields,
    )


def make_done_report(agreement, content=b"%PDF-1.7 portal") -> Report:
    report = make_report(agreement, status=Report.Status.DONE)
    report_file = ReportFile(
        report=report,
        format=ReportFile.Format.PDF,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        pages=1,
    )
    report_file.file.save("portal.pdf", ContentFile(content), save=False)
    report_file.save()
    return report
