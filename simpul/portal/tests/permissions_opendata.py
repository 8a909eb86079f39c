"""Permission-matrix expectations of the open data pages and the API (merged into
simpul/portal/tests/permissions.py), and the small world the open-data tests build on.

Everything here is public: every member of the cast, anonymous or signed in, gets the same
answer. A public agreement's rows answer 200; an internal (draft) agreement answers 404 for
everyone, the same as an unknown code. The bulk ZIP answers 202 ("being prepared") while no
bundle has been built yet.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from simpul.agreements.models import Agreement, Party
from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.models import DataValue, Indicator, ReportingPeriod, Submission
from simpul.plans.models import Activity, BudgetLine, Plan, Program
from simpul.publication.models import PublicationDecision
from simpul.publication.tests.factories import approve_plan
from simpul.testing.matrix import Expect, everyone

FORMULA_TITLE = '=HYPERLINK("http://evil.example","klik")'


@dataclass
class OpenDataWorld:
    public: Agreement  # active: summary, parties, indicators and budget public
    draft: Agreement  # internal: nothing of it is public
    hidden_indicators: Agreement  # active, but its indicators were unpublished
    indicator: Indicator  # of `public`, with a verified and an unverified value
    hidden_indicator: Indicator  # of `hidden_indicators`, with a verified value
    draft_indicator: Indicator


def _parties(agreement) -> list[Party]:
    return list(agreement.parties.order_by("position", "pk"))


def _indicator(agreement, code="K1") -> Indicator:
    return Indicator.objects.create(
        agreement=agreement,
        code=code,
        name=f"Sampah terangkut {agreement.reference_code}",
        unit="ton/hari",
        kind=Indicator.Kind.NUMBER,
        frequency="quarterly",
        latest_value=Decimal("10"),
        status=Indicator.Status.ON_TRACK,
    )


def _value(indicator, party, value, status=Submission.Status.VERIFIED, number=1):
    period, _ = ReportingPeriod.objects.get_or_create(
        agreement=indicator.agreement,
        frequency="quarterly",
        year=2026,
        number=number,
        defaults={
            "start": date(2026, 1, 1),
            "end": date(2026, 3, 31),
            "due_date": date(2026, 4, 15),
            "status": "open",
        },
    )
    submission, _ = Submission.objects.get_or_create(
        period=period, party=party, defaults={"status": status}
    )
    return DataValue.objects.create(submission=submission, indicator=indicator, value=value)


def make_budget_line(agreement, party, *, planned="1000000", realised="400000", year=2026):
    plan, _ = Plan.objects.get_or_create(agreement=agreement)
    program = Program.objects.create(plan=plan, name="Pengurangan sampah")
    activity = Activity.objects.create(
        plan=plan,
        program=program,
        name="TPST",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    line = BudgetLine.objects.create(
        plan=plan,
        activity=activity,
        party=party,
        funding_source="apbd",
        fiscal_year=year,
        planned=Decimal(planned),
        realised=Decimal(realised),
    )
    approve_plan(agreement)  # the public budget is the approved version's
    return line


def opendata_world(cast) -> OpenDataWorld:
    public = make_agreement(
        cast,
        state="active",
        title=FORMULA_TITLE,
        start_date=date(2025, 1, 1),
        end_date=date(2028, 12, 31),
    )
    draft = make_agreement(cast, state="draft", title="Rahasia: draf internal")
    hidden = make_agreement(cast, state="active", title="Indikator tertutup")
    PublicationDecision.objects.create(
        agreement=hidden,
        kind="indicators",
        is_public=False,
        reason="Data belum divalidasi",
        decided_at=timezone.now() - timedelta(days=1),
    )
    yogya, sleman, *_ = _parties(public)
    indicator = _indicator(public)
    _value(indicator, yogya, Decimal("12.5"))
    _value(indicator, sleman, Decimal("99999"), status=Submission.Status.SUBMITTED)
    make_budget_line(public, yogya)
    hidden_indicator = _indicator(hidden, code="H1")
    _value(hidden_indicator, _parties(hidden)[0], Decimal("77777"))
    make_budget_line(hidden, _parties(hidden)[0], planned="5555555")
    draft_indicator = _indicator(draft, code="D1")
    _value(draft_indicator, _parties(draft)[0], Decimal("66666"))
    make_budget_line(draft, _parties(draft)[0], planned="8888888")
    return OpenDataWorld(public, draft, hidden, indicator, hidden_indicator, draft_indicator)


def _public(cast) -> dict:
    return {"reference_code": make_agreement(cast, state="active").reference_code}


def _public_with_approved_plan(cast) -> dict:
    agreement = make_agreement(cast, state="active")
    approve_plan(agreement)
    return {"reference_code": agreement.reference_code}


def _draft(cast) -> dict:
    return {"reference_code": make_agreement(cast, state="draft").reference_code}


def _indicator_kwargs(cast) -> dict:
    return {"pk": _indicator(make_agreement(cast, state="active")).pk}


def _party_kwargs(cast) -> dict:
    return {"pk": _parties(make_agreement(cast, state="active"))[0].pk}


ALL_200 = everyone(200)
ALL_404 = everyone(404)

EXPECTATIONS = {
    "opendata:index": Expect(statuses=ALL_200),
    "opendata:dictionary": Expect(statuses=ALL_200),
    "opendata:catalog": Expect(statuses=ALL_200),
    "opendata:dataset": Expect(
        statuses=ALL_200, kwargs=lambda cast: {"name": "agreements", "fmt": "csv"}
    ),
    "opendata:bulk": Expect(statuses=everyone(202)),
    "api:root": Expect(statuses=ALL_200),
    "api:openapi": Expect(statuses=ALL_200),
    "api:agreement-list": Expect(statuses=ALL_200),
    "api:agreement-detail": Expect(statuses=ALL_404, kwargs=_draft),
    "api:agreement-budget": Expect(statuses=ALL_200, kwargs=_public_with_approved_plan),
    "api:party-list": Expect(statuses=ALL_200),
    "api:party-detail": Expect(statuses=ALL_200, kwargs=_party_kwargs),
    "api:indicator-list": Expect(statuses=ALL_200),
    "api:indicator-detail": Expect(statuses=ALL_200, kwargs=_indicator_kwargs),
    "api:indicator-values": Expect(statuses=ALL_200, kwargs=_indicator_kwargs),
    # Without ?agreement= the national table is refused (400) for everyone, with a message.
    "api:indicator-value-list": Expect(statuses=everyone(400)),
    "api:budget-list": Expect(statuses=ALL_200),
    "api:region-list": Expect(statuses=ALL_200),
    "api:region-detail": Expect(statuses=ALL_200, kwargs=lambda cast: {"code": "34.71"}),
}
