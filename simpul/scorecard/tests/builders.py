"""Small builders of participation, complaint and budget rows for the scorecard tests
(created directly: the formulas only read them)."""

import itertools
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from simpul.complaints.models import Category, Complaint
from simpul.consultations.models import Answer, Comment, Consultation, Section
from simpul.plans.access import plan_for
from simpul.plans.models import Activity, BudgetLine, Program
from simpul.plans.tests.factories import freeze_plan
from simpul.surveys.models import Response, Survey

_numbers = itertools.count(1)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def consultation(agreement, *, opens: date, status=Consultation.Status.OPEN) -> Section:
    item = Consultation.objects.create(
        agreement=agreement,
        subject=Consultation.Subject.PLAN,
        title="Rancangan rencana",
        opens_at=at(opens),
        closes_at=at(opens.replace(day=28)),
        status=status,
    )
    return Section.objects.create(consultation=item, heading="Bab 1", body="Isi")


def comment(section, email: str, status=Comment.Status.APPROVED, *, answered=False) -> Comment:
    item = Comment.objects.create(
        section=section, author_name="Warga", email=email, body="Usul", status=status
    )
    if answered:
        party = section.consultation.agreement.parties.order_by("position").first()
        Answer.objects.create(comment=item, party=party, body="Terima kasih")
    return item


def survey_responses(agreement, *, on: date, count: int) -> None:
    survey = Survey.objects.create(
        agreement=agreement,
        party=agreement.parties.order_by("position").first(),
        title="Kepuasan layanan",
        opens_at=at(on.replace(day=1)),
        closes_at=at(on.replace(day=28)),
        status=Survey.Status.CLOSED,
    )
    for _ in range(count):
        Response.objects.create(survey=survey, submitted_at=at(on))


def complaint(agreement, *, received: date, status=Complaint.Status.ANSWERED, **fields):
    number = next(_numbers)
    return Complaint.objects.create(
        tracking_code=f"ADU-{received.year}-{number:06d}",
        year=received.year,
        number=number,
        access_key_hash="x" * 64,
        kind=Complaint.Kind.COMPLAINT,
        category=Category.objects.order_by("position").first(),
        agreement=agreement,
        title="Sampah menumpuk",
        body="Belum diangkut",
        email="warga@example.org",
        status=status,
        received_at=at(received),
        **fields,
    )


def budget_lines(agreement, lines: list[tuple[int, str, str]]) -> None:
    """An approved plan with these lines: (fiscal year, planned, realised)."""
    plan = plan_for(agreement)
    party = agreement.parties.order_by("position").first()
    program = Program.objects.create(plan=plan, name="Program")
    activity = Activity.objects.create(
        plan=plan,
        program=program,
        name="Kegiatan",
        start_date=date(2025, 1, 1),
        end_date=date(2026, 12, 31),
    )
    for year, planned, realised in lines:
        BudgetLine.objects.create(
            plan=plan,
            activity=activity,
            party=party,
            funding_source="apbd",
            fiscal_year=year,
            planned=Decimal(planned),
            realised=Decimal(realised),
        )
    freeze_plan(plan)  # the scorecard counts the approved version's lines
