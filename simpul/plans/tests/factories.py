"""Plans for tests: an agreement with dates and a plan with one row of every part.

make_dated_agreement(cast, **fields) -> Agreement   (2025-01-01 to 2029-12-31, in force)
fill_plan(plan, user, *, activities=1, budget_lines=1) -> dict of the created rows
approve_by_all(plan, user) -> Plan                    (submitted by the system, then every
                                                       party approves as `user`)
freeze_plan(plan) -> PlanVersion                      (the plan as it stands, approved at once)
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.plans import services
from simpul.plans.access import plan_for
from simpul.plans.models import PlanVersion


def make_dated_agreement(cast, **fields):
    fields.setdefault("start_date", date(2025, 1, 1))
    fields.setdefault("end_date", date(2029, 12, 31))
    fields.setdefault("state", "active")
    return make_agreement(cast, user=cast.sari, **fields)


def _v(plan) -> int:
    plan.refresh_from_db(fields=["version", "status", "number"])
    return plan.version


def fill_plan(plan, user, *, activities: int = 1, budget_lines: int = 1) -> dict:
    parties = list(plan.agreement.parties.order_by("position", "pk"))
    objective = services.objective_create(
        plan=plan,
        user=user,
        expected_version=_v(plan),
        code="T1",
        statement="Mengurangi sampah yang dibuang ke TPA sebesar 30% pada 2028",
    )
    strategy = services.strategy_create(
        plan=plan,
        user=user,
        expected_version=_v(plan),
        description="Pemilahan di sumber bersama bank sampah",
        stakeholders_consulted="DLH, bank sampah, kelurahan",
    )
    risk = services.risk_create(
        plan=plan,
        user=user,
        expected_version=_v(plan),
        description="Penolakan warga di sekitar TPST",
        likelihood=3,
        impact=4,
        mitigation="Sosialisasi dan kompensasi",
        owner=parties[0],
    )
    assessment = services.assessment_create(
        plan=plan,
        user=user,
        expected_version=_v(plan),
        title="Survei timbulan sampah",
        method="survey",
        conducted_on=date(2025, 2, 1),
        needs="Kapasitas TPA hampir penuh",
    )
    program = services.program_create(
        plan=plan,
        user=user,
        expected_version=_v(plan),
        name="Pengurangan sampah",
        objective=objective,
    )
    created_activities = []
    created_lines = []
    for i in range(activities):
        activity = services.activity_create(
            plan=plan,
            user=user,
            expected_version=_v(plan),
            program=program,
            name=f"Pembangunan TPST {i + 1}",
            start_date=date(2025, 3, 1),
            end_date=date(2026, 6, 30),
            responsible=parties[i % len(parties)],
            status="in_progress",
            progress=40,
        )
        created_activities.append(activity)
    for i in range(budget_lines):
        line = services.budget_line_create(
            plan=plan,
            user=user,
            expected_version=_v(plan),
            activity=created_activities[i % len(created_activities)],
            party=parties[i % len(parties)],
            funding_source="apbd",
            fiscal_year=2025 + (i // len(parties)) % 3,
            planned=Decimal("1000000"),
            realised=Decimal("400000"),
        )
        created_lines.append(line)
    _v(plan)
    return {
        "objective": objective,
        "strategy": strategy,
        "risk": risk,
        "assessment": assessment,
        "program": program,
        "activities": created_activities,
        "budget_lines": created_lines,
        "budget_line_0": created_lines[0] if created_lines else None,
    }


def approve_by_all(plan, user, *, submitter=None):
    # Whoever submits may not approve (separation of duties): by default the plan is
    # submitted without a person, as an import or a migration would.
    services.plan_submit(plan=plan, user=submitter, expected_version=_v(plan))
    for party in plan.agreement.parties.select_related("organization"):
        services.plan_approve(plan=plan, party=party, user=user, expected_version=_v(plan))
    _v(plan)
    return plan


def new_plan(cast, **fields):
    return plan_for(make_dated_agreement(cast, **fields))


def freeze_plan(plan) -> PlanVersion:
    """Record the plan as it stands as its approved version (what plan_approve does once every
    party approved), for tests of what reads approved plans."""
    # Versions are frozen records: a plan already approved at this number keeps its version.
    version = PlanVersion.objects.filter(plan=plan, number=plan.number).first()
    if version is None:
        snapshot = services.plan_snapshot(plan)
        version = PlanVersion.objects.create(
            plan=plan,
            number=plan.number,
            snapshot=snapshot,
            sha256=services.snapshot_sha256(snapshot),
            approved_at=timezone.now(),
        )
    services.approved_budget_replace(version=version)
    return version
