"""A small monitored agreement for report tests: a plan with activities and budget, indicators
with targets and verified quarterly data, and an evaluation with a follow-up.

    agreement = make_monitored_agreement(cast, indicators=2, years=(2025,))
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.models import (
    DataValue,
    Evaluation,
    Finding,
    FollowUp,
    Indicator,
    Recommendation,
    ReportingPeriod,
    Submission,
    Target,
)
from simpul.monitoring.periods import period_bounds
from simpul.plans.models import Activity, BudgetLine, Plan, Program
from simpul.plans.tests.factories import freeze_plan
from simpul.reports.models import Report


def make_monitored_agreement(
    cast, *, indicators: int = 2, years=(2025,), title="Pengelolaan sampah regional", **fields
):
    fields.setdefault("start_date", date(years[0], 1, 1))
    fields.setdefault("end_date", date(years[-1] + 3, 12, 31))
    agreement = make_agreement(cast, state="active", title=title, **fields)
    parties = list(agreement.parties.order_by("position", "pk"))
    plan = Plan.objects.create(agreement=agreement, status=Plan.Status.APPROVED)
    program = Program.objects.create(plan=plan, name="Pengurangan sampah")
    activity = Activity.objects.create(
        plan=plan,
        program=program,
        name="Sosialisasi bank sampah",
        start_date=date(years[0], 1, 1),
        end_date=date(years[0], 3, 31),
        responsible=parties[0],
        status=Activity.Status.IN_PROGRESS,
        progress=40,
    )
    for year in years:
        for party in parties:
            BudgetLine.objects.create(
                plan=plan,
                activity=activity,
                party=party,
                funding_source="apbd",
                fiscal_year=year,
                planned=Decimal("100000000"),
                realised=Decimal("75000000"),
            )
    freeze_plan(plan)
    made = []
    for index in range(indicators):
        indicator = Indicator.objects.create(
            agreement=agreement,
            code=f"IK-{index + 1}",
            name=f"Sampah terangkut ke TPA {index + 1}",
            unit="ton/hari",
            baseline_value=Decimal(100),
            baseline_date=date(years[0] - 1, 12, 31),
            responsible_party=parties[0],
            status=Indicator.Status.ON_TRACK,
            progress=Decimal("95.0"),
            position=index,
        )
        made.append(indicator)
        for year in years:
            for number in range(1, 5):
                Target.objects.create(
                    indicator=indicator, year=year, number=number, value=Decimal(110 + number)
                )
    for year in years:
        for number in range(1, 5):
            start, end = period_bounds("quarterly", year, number)
            period = ReportingPeriod.objects.create(
                agreement=agreement,
                frequency="quarterly",
                year=year,
                number=number,
                start=start,
                end=end,
                due_date=end + timedelta(days=15),
                status=ReportingPeriod.Status.CLOSED,
            )
            for party in parties[:2]:
                submission = Submission.objects.create(
                    period=period,
                    party=party,
                    status=Submission.Status.VERIFIED,
                    verified_at=timezone.now(),
                )
                for indicator in made:
                    DataValue.objects.create(
                        submission=submission, indicator=indicator, value=Decimal(50 + number)
                    )
    evaluation = Evaluation.objects.create(
        agreement=agreement,
        title=f"Evaluasi tahunan {years[0]}",
        period_start=date(years[0], 1, 1),
        period_end=date(years[0], 12, 31),
        status=Evaluation.Status.FINAL,
        summary="Pengangkutan berjalan baik.",
    )
    finding = Finding.objects.create(
        evaluation=evaluation, kind=Finding.Kind.WEAKNESS, text="Armada kurang."
    )
    recommendation = Recommendation.objects.create(
        evaluation=evaluation, finding=finding, text="Tambah dua truk."
    )
    FollowUp.objects.create(
        recommendation=recommendation,
        action="Pengadaan truk",
        owner=parties[0],
        due_date=date(years[0] + 1, 6, 30),
    )
    return agreement


def make_report(agreement, user=None, **fields) -> Report:
    """A queued report row, without running the worker (for pages and the matrix)."""
    fields.setdefault("period_start", agreement.start_date or date(2025, 1, 1))
    fields.setdefault("period_end", (agreement.start_date or date(2025, 1, 1)) + timedelta(364))
    return Report.objects.create(
        agreement=agreement,
        title="Laporan periodik",
        addressee=Report.Addressee.GOVERNOR,
        requested_by=user,
        **fields,
    )
