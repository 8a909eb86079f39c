"""What a report may show once it is published: the approved plan's budget (never a revision
being drafted), and a finished report refreshes the public pages that list it."""

from datetime import date
from decimal import Decimal

import pytest

from simpul.core import public_cache
from simpul.plans.models import BudgetLine, Plan
from simpul.reports import services
from simpul.reports.models import Report
from simpul.reports.snapshot import report_snapshot

from .factories import make_monitored_agreement, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast_pdf(monkeypatch):
    """A stand-in PDF renderer: these tests are about what happens around the files."""
    from simpul.reports.render_pdf import RenderedPdf

    monkeypatch.setattr(
        services, "render_pdf", lambda snapshot, **kwargs: RenderedPdf(content=b"%PDF-1.7", pages=1)
    )


def test_the_report_budget_is_the_approved_version_not_a_revision_being_drafted(cast):
    agreement = make_monitored_agreement(cast, indicators=1)
    plan = Plan.objects.get(agreement=agreement)
    plan.status, plan.number = Plan.Status.DRAFT, 2  # a revision is being drafted
    plan.save()
    BudgetLine.objects.filter(plan=plan).update(planned=Decimal("987654321"))
    report = make_report(agreement, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))

    snapshot = report_snapshot(report)

    assert snapshot["budget"]["total"]["planned"] == "300000000"
    assert "987654321" not in str(snapshot)


def test_a_finished_report_makes_cached_public_pages_stale(cast, fast_pdf):
    report = make_report(make_monitored_agreement(cast, indicators=1))
    before = public_cache.generation()

    services.report_generate(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert public_cache.generation() > before


def test_a_failed_report_leaves_cached_public_pages_as_they_were(cast, fast_pdf, monkeypatch):
    def broken(snapshot, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "render_xlsx", broken)
    report = make_report(make_monitored_agreement(cast, indicators=1))
    before = public_cache.generation()

    services.report_generate(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert public_cache.generation() == before
