"""Demo plans and monitoring data for `make demo` (seed_demo_monitoring).

Each demo agreement that is in force or signed gets a plan approved as version 1 (with its
snapshot), a results chain, SMART indicators with quarterly targets, and quarterly data per
party from the agreement's start up to the last quarter that has ended: mostly verified with
provenance, the latest quarter partly submitted, some data late, some indicators off track.
The Kartamantul waste agreement (owned by Kota Yogyakarta, which evaluates twice a year) also
gets two evaluations with findings, recommendations and follow-ups, and a draft revision v2.

Rows are written with the ORM (audited saves, bulk_create only for data values, which are not
audited) inside `acting_as(system_actor("seed_demo_monitoring"))`. Values come from a seeded
random generator, so every run gives the same numbers for the same day.
"""

import datetime
import hashlib
import json
import random
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from simpul.accounts.models import User
from simpul.agreements.models import Agreement, Party
from simpul.core import zones
from simpul.plans.models import (
    Activity,
    BudgetLine,
    NeedsAssessment,
    Objective,
    Plan,
    PlanEvent,
    PlanVersion,
    Program,
    Risk,
    Strategy,
)
from simpul.plans.services import approved_budget_replace

from ..models import (
    DataValue,
    Disaggregation,
    Evaluation,
    Finding,
    FollowUp,
    Indicator,
    MonitoringSetup,
    Recommendation,
    ReportingPeriod,
    Result,
    Submission,
    SubmissionEvent,
    Target,
)
from ..periods import period_bounds, period_of, periods_between
from ..services.lateness import lateness_settle
from .specs import SPECS, AgreementSpec, IndicatorSpec

ACTOR = "seed_demo_monitoring"
# Kota Yogyakarta evaluates its cooperation twice a year (the example in issue #4).
TWICE_A_YEAR_REGIONS = {"34.71"}
WIB = datetime.timezone(datetime.timedelta(hours=7))
DUE_DAYS = 15

# Who enters data, and who approves plans and verifies data, per party region code (demo
# people of seed_demo; a party without one is shown by its office's name, with no account).
DATA_OFFICERS = {
    "34.71": "yusuf.hidayat@dlh.jogjakota.go.id",  # data officer, DLH Kota Yogyakarta
    "34.04": "agus.widodo@slemankab.go.id",
    "34.02": "siti.rahmawati@bantulkab.go.id",
    "34": "bambang.suryanto@jogjaprov.go.id",
}
COORDINATORS = {
    "34.71": "ratna.kusumawati@jogjakota.go.id",  # admin, Pemerintah Kota Yogyakarta
    "34.04": "agus.widodo@slemankab.go.id",  # coordinator, Pemerintah Kabupaten Sleman
    "34.02": "siti.rahmawati@bantulkab.go.id",
    "34": "bambang.suryanto@jogjaprov.go.id",  # coordinator, Pemerintah Daerah DIY
}
OFFICE_LABELS = {
    "33.08": "Dinas Kesehatan Kabupaten Magelang",
    "33.09": "Dinas Kesehatan Kabupaten Boyolali",
    "33.10": "Dinas Kesehatan Kabupaten Klaten",
}


@dataclass
class SeedReport:
    plans: int = 0
    new_plans: int = 0
    indicators: int = 0
    targets: int = 0
    submissions: int = 0
    values: int = 0
    evaluations: int = 0
    skipped: list[str] = field(default_factory=list)
    indicator_ids: list[int] = field(default_factory=list)


def quarter_before(day: datetime.date) -> tuple[int, int]:
    year, number = period_of("quarterly", day)
    return (year, number - 1) if number > 1 else (year - 1, 4)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """A moment during office hours in Yogyakarta (WIB), for events of a day."""
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=WIB)


class DemoMonitoringBuilder:
    """Builds one agreement's plan and monitoring from its spec. `today` fixes which quarters
    have ended, so data is complete up to the previous quarter."""

    def __init__(self, spec: AgreementSpec, agreement: Agreement, today: datetime.date):
        self.spec = spec
        self.agreement = agreement
        self.today = today
        self.rng = random.Random(zlib.crc32(spec.title.encode()))
        self.parties: dict[str, Party] = {
            p.organization.region.code: p
            for p in agreement.parties.select_related("organization__region")
            if p.organization.region_id
        }
        officers = {**DATA_OFFICERS, **spec.data_officers}
        emails = {*officers.values(), *COORDINATORS.values()}
        users = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
        self.officers = {
            code: users.get(email) for code, email in officers.items() if code in self.parties
        }
        self.coordinators = {
            code: users.get(email) for code, email in COORDINATORS.items() if code in self.parties
        }
        owner = agreement.owner.region.code if agreement.owner.region_id else ""
        # The owner's coordinator verifies (else any party's): verifiers are coordinators.
        self.verifier = self.coordinators.get(owner) or next(
            (u for u in self.coordinators.values() if u), None
        )
        self.objectives: dict[str, Objective] = {}
        self.activities: dict[str, Activity] = {}
        self.results: dict[str, Result] = {}

    def officer_label(self, code: str) -> tuple[User | None, str]:
        """Who enters the party's data: its demo data officer, else its office by name."""
        user = self.officers.get(code)
        if user is not None:
            return user, user.full_name or user.email
        party = self.parties[code]
        return None, OFFICE_LABELS.get(code, party.organization.name)

    def coordinator_label(self, code: str) -> tuple[User | None, str]:
        """Who approves the plan for the party: its demo coordinator, else the government."""
        user = self.coordinators.get(code)
        if user is not None:
            return user, user.full_name or user.email
        return None, self.parties[code].organization.name

    # --- plan -----------------------------------------------------------------------------

    def build(self, report: SeedReport) -> None:
        spec, agreement = self.spec, self.agreement
        start = agreement.start_date or self.today
        approved_on = start - datetime.timedelta(days=20)
        plan = Plan.objects.create(agreement=agreement, summary=spec.summary)
        for position, (title, method, on, needs, potentials) in enumerate(spec.assessments):
            NeedsAssessment.objects.create(
                plan=plan,
                position=position,
                title=title,
                method=method,
                conducted_on=on,
                needs=needs,
                potentials=potentials,
            )
        for position, (code, statement) in enumerate(spec.objectives):
            self.objectives[code] = Objective.objects.create(
                plan=plan, position=position, code=code, statement=statement
            )
        for position, (description, stakeholders) in enumerate(spec.strategies):
            Strategy.objects.create(
                plan=plan,
                position=position,
                description=description,
                stakeholders_consulted=stakeholders,
            )
        for position, (description, likelihood, impact, mitigation, owner) in enumerate(spec.risks):
            Risk.objects.create(
                plan=plan,
                position=position,
                description=description,
                likelihood=likelihood,
                impact=impact,
                mitigation=mitigation,
                owner=self.parties.get(owner),
            )
        activity_position = 0
        for position, (name, objective, description, activities) in enumerate(spec.programs):
            program = Program.objects.create(
                plan=plan,
                position=position,
                objective=self.objectives.get(objective),
                name=name,
                description=description,
            )
            for activity in activities:
                self._activity(plan, program, activity_position, *activity)
                activity_position += 1
        for position, (activity, party, source, year, planned, realised) in enumerate(spec.budget):
            BudgetLine.objects.create(
                plan=plan,
                position=position,
                activity=self.activities[activity],
                party=self.parties[party],
                funding_source=source,
                fiscal_year=year,
                planned=Decimal(planned),
                realised=Decimal(realised),
                note="Realisasi melebihi pagu: pekerjaan tambah" if realised > planned else "",
            )
        self._approve(plan, approved_on)
        if spec.revision:
            self._revise(plan, spec.revision)
        report.plans += 1
        report.new_plans += 1

        self._monitoring(report)

    def _activity(self, plan, program, position, name, start, end, status, progress, who, point):
        party = self.parties.get(who)
        region = party.organization.region if party else None
        self.activities[name] = Activity.objects.create(
            plan=plan,
            program=program,
            position=position,
            name=name,
            start_date=start,
            end_date=end,
            status=status,
            progress=progress,
            responsible=party,
            region=region,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
        )

    def _approve(self, plan: Plan, approved_on: datetime.date) -> None:
        submitter = self.verifier
        label = (submitter.full_name or submitter.email) if submitter else f"system:{ACTOR}"
        submitted_at = at(approved_on - datetime.timedelta(days=14))
        PlanEvent.objects.create(
            plan=plan,
            number=1,
            kind=PlanEvent.Kind.SUBMITTED,
            actor=submitter,
            actor_label=label,
            occurred_at=submitted_at,
            note="Rencana kerja sama diajukan untuk persetujuan para pihak.",
        )
        for index, (code, party) in enumerate(self.parties.items(), start=1):
            user, who = self.coordinator_label(code)
            PlanEvent.objects.create(
                plan=plan,
                number=1,
                kind=PlanEvent.Kind.PARTY_APPROVED,
                party=party,
                actor=user,
                actor_label=who,
                occurred_at=at(approved_on - datetime.timedelta(days=10 - index)),
            )
        approved_at = at(approved_on, 14)
        PlanEvent.objects.create(
            plan=plan,
            number=1,
            kind=PlanEvent.Kind.APPROVED,
            actor=None,
            actor_label=f"system:{ACTOR}",
            occurred_at=approved_at,
        )
        plan.status = Plan.Status.APPROVED
        plan.submitted_at = submitted_at
        plan.submitted_by = submitter
        plan.approved_at = approved_at
        plan.save()
        snapshot = plan_snapshot_of(plan)
        version = PlanVersion.objects.create(
            plan=plan,
            number=1,
            snapshot=snapshot,
            sha256=snapshot_sha256(snapshot),
            approved_at=approved_at,
        )
        # The public budget is the approved version's lines (as plan_approve records them).
        approved_budget_replace(version=version)

    def _revise(self, plan: Plan, revision: dict) -> None:
        """Start version 2 as a draft and make the changes the evaluation proposed."""
        user = self.verifier
        PlanEvent.objects.create(
            plan=plan,
            number=2,
            kind=PlanEvent.Kind.REVISION_STARTED,
            actor=user,
            actor_label=(user.full_name or user.email) if user else f"system:{ACTOR}",
            occurred_at=at(revision["started_on"]),
            note=revision["note"],
        )
        plan.status = Plan.Status.DRAFT
        plan.number = 2
        plan.submitted_at = None
        plan.submitted_by = None
        plan.version += 1
        plan.save()
        program = Program.objects.get(plan=plan, name=revision["program"])
        name, start, end, who = revision["activity"]
        position = Activity.objects.filter(plan=plan).count()
        self._activity(plan, program, position, name, start, end, "planned", 0, who, None)
        lines = BudgetLine.objects.filter(plan=plan).count()
        for offset, (party, source, year, planned) in enumerate(revision["budget"]):
            BudgetLine.objects.create(
                plan=plan,
                position=lines + offset,
                activity=self.activities[name],
                party=self.parties[party],
                funding_source=source,
                fiscal_year=year,
                planned=Decimal(planned),
            )

    # --- monitoring ---------------------------------------------------------------------

    def _monitoring(self, report: SeedReport) -> None:
        agreement = self.agreement
        owner_code = agreement.owner.region.code if agreement.owner.region_id else ""
        setup, _created = MonitoringSetup.objects.get_or_create(agreement=agreement)
        setup.reporting_frequency = "quarterly"
        setup.due_days = DUE_DAYS
        setup.evaluations_per_year = 2 if owner_code in TWICE_A_YEAR_REGIONS else 1
        setup.save()

        for position, (code, level, statement, objective, parent, activities) in enumerate(
            self.spec.results
        ):
            result = Result.objects.create(
                agreement=agreement,
                level=level,
                code=code,
                statement=statement,
                objective=self.objectives.get(objective),
                parent=self.results.get(parent),
                position=position,
            )
            if activities:
                result.activities.set([self.activities[name] for name in activities])
            self.results[code] = result

        start = agreement.start_date
        end = agreement.end_date
        indicators = [
            self._indicator(position, ispec, start, end, report)
            for position, ispec in enumerate(self.spec.indicators)
        ]
        self._collect(indicators, report)
        for evaluation in self.spec.evaluations:
            self._evaluation(evaluation)
            report.evaluations += 1

    def _indicator(self, position, ispec: IndicatorSpec, start, end, report) -> Indicator:
        indicator = Indicator.objects.create(
            agreement=self.agreement,
            objective=self.objectives.get(ispec.objective),
            result=self.results.get(ispec.result),
            code=ispec.code,
            name=ispec.name,
            definition=ispec.definition,
            unit=ispec.unit,
            kind=ispec.kind,
            direction=ispec.direction,
            accumulation=ispec.accumulation,
            baseline_value=Decimal(str(ispec.baseline)),
            baseline_date=ispec.baseline_date,
            frequency="quarterly",
            start_date=start,
            end_date=end,
            data_source=ispec.data_source,
            collection_method=ispec.collection_method,
            verification_means=ispec.verification_means,
            responsible_party=self.parties.get(ispec.responsible),
            min_value=None if ispec.min_value is None else Decimal(str(ispec.min_value)),
            max_value=None if ispec.max_value is None else Decimal(str(ispec.max_value)),
            position=position,
        )
        if ispec.by_sex:
            sex = Disaggregation.objects.filter(code="sex").first()
            if sex is not None:
                indicator.disaggregations.add(sex)
        quarters = periods_between("quarterly", start, end)
        first, last = ispec.targets
        for index, (year, number) in enumerate(quarters):
            share = index / max(1, len(quarters) - 1)
            Target.objects.create(
                indicator=indicator,
                year=year,
                number=number,
                value=_round(first + (last - first) * share, ispec.decimals),
            )
        report.targets += len(quarters)
        report.indicators += 1
        report.indicator_ids.append(indicator.pk)
        return indicator

    # --- data -----------------------------------------------------------------------------

    def _collect(self, indicators: list[Indicator], report: SeedReport) -> None:
        agreement = self.agreement
        start, end = agreement.start_date, agreement.end_date
        current = period_of("quarterly", self.today)
        latest = quarter_before(self.today)
        quarters = [q for q in periods_between("quarterly", start, end) if q <= current]
        with_data = [q for q in quarters if q <= latest]
        sex_options = {}
        sex = Disaggregation.objects.filter(code="sex").first()
        if sex is not None:
            sex_options = {o.code: o for o in sex.options.all()}
        values: list[DataValue] = []
        for index, (year, number) in enumerate(quarters):
            period_start, period_end = period_bounds("quarterly", year, number)
            due = period_end + datetime.timedelta(days=DUE_DAYS)
            back = len(with_data) - 1 - index  # 0: the latest ended quarter
            if (year, number) > latest or back == 0:
                status = ReportingPeriod.Status.OPEN
            elif year < self.today.year - 1:
                status = ReportingPeriod.Status.LOCKED
            else:
                status = ReportingPeriod.Status.CLOSED
            period = ReportingPeriod.objects.create(
                agreement=agreement,
                frequency="quarterly",
                year=year,
                number=number,
                start=period_start,
                end=period_end,
                due_date=due,
                status=status,
                status_changed_at=at(period_end + datetime.timedelta(days=1), 8),
            )
            if (year, number) > latest:
                continue
            for code, party in self.parties.items():
                state = self.spec.latest.get(code, "verified") if back == 0 else "verified"
                if (back, code) in self.spec.gaps or state == "missing":
                    continue
                submission = self._submission(period, party, code, state, due)
                report.submissions += 1
                for indicator, ispec in zip(indicators, self.spec.indicators, strict=True):
                    if code not in ispec.series:
                        continue
                    value = self._value(ispec, code, index, len(with_data))
                    narrative = ""
                    if ispec.narratives and self.rng.random() < 0.25:
                        narrative = self.rng.choice(ispec.narratives)
                    values.append(
                        DataValue(
                            submission=submission,
                            indicator=indicator,
                            value=value,
                            narrative=narrative,
                            updated_by=submission.submitted_by,
                        )
                    )
                    if ispec.by_sex and sex_options:
                        female = _round(float(value) * ispec.female_share, 0)
                        values.append(
                            DataValue(
                                submission=submission,
                                indicator=indicator,
                                option=sex_options["f"],
                                value=female,
                                updated_by=submission.submitted_by,
                            )
                        )
                        values.append(
                            DataValue(
                                submission=submission,
                                indicator=indicator,
                                option=sex_options["m"],
                                value=value - female,
                                updated_by=submission.submitted_by,
                            )
                        )
        DataValue.objects.bulk_create(values, batch_size=500)
        report.values += len(values)

    def _value(self, ispec: IndicatorSpec, code: str, index: int, count: int) -> Decimal:
        first, last, noise = ispec.series[code]
        share = index / max(1, count - 1)
        value = first + (last - first) * share
        if ispec.accumulation == Indicator.Accumulation.CUMULATIVE:
            return _round(value, ispec.decimals)  # totals so far never go down
        value += self.rng.gauss(0, noise) if noise else 0
        if ispec.min_value is not None:
            value = max(value, ispec.min_value)
        if ispec.max_value is not None:
            value = min(value, ispec.max_value)
        return _round(value, ispec.decimals)

    def _submission(self, period, party, code: str, state: str, due: datetime.date) -> Submission:
        officer, officer_label = self.officer_label(code)
        verifier = self.verifier
        verifier_label = (verifier.full_name or verifier.email) if verifier else "Sekretariat"
        # One party in ten sends its data a week or two late.
        late = self.rng.random() < 0.1
        sent_on = (
            due + datetime.timedelta(days=self.rng.randint(3, 14))
            if late
            else (due - datetime.timedelta(days=self.rng.randint(1, 10)))
        )
        sent_on = min(sent_on, self.today)
        saved_on = sent_on - datetime.timedelta(days=2)
        submission = Submission.objects.create(period=period, party=party, status=state)
        events = [
            (SubmissionEvent.Action.SAVED, officer, officer_label, at(saved_on, 9), ""),
        ]
        if state in {"submitted", "verified", "returned"}:
            events.append(
                (SubmissionEvent.Action.SUBMITTED, officer, officer_label, at(sent_on, 15), "")
            )
            submission.submitted_at = at(sent_on, 15)
            submission.submitted_by = officer
            submission.is_late = zones.is_late(submission.submitted_at, due, zones.zone_of(party))
        checked_on = min(sent_on + datetime.timedelta(days=self.rng.randint(2, 7)), self.today)
        if state == "verified":
            events.append(
                (SubmissionEvent.Action.VERIFIED, verifier, verifier_label, at(checked_on, 11), "")
            )
            submission.verified_at = at(checked_on, 11)
            submission.verified_by = verifier
        if state == "returned":
            events.append(
                (
                    SubmissionEvent.Action.RETURNED,
                    verifier,
                    verifier_label,
                    at(checked_on, 11),
                    "Angka tidak sama dengan rekap SISRUTE; mohon dicek dan dikirim ulang.",
                )
            )
        submission.save()
        for action, actor, label, moment, comment in events:
            SubmissionEvent.objects.create(
                submission=submission,
                action=action,
                actor=actor,
                actor_label=label,
                occurred_at=moment,
                comment=comment,
            )
        return submission

    # --- evaluations ----------------------------------------------------------------------

    def _evaluation(self, spec: dict) -> None:
        period_start, period_end = spec["period"]
        evaluation = Evaluation.objects.create(
            agreement=self.agreement,
            title=spec["title"],
            period_start=period_start,
            period_end=period_end,
            conducted_on=spec["conducted_on"],
            method=spec["method"],
            summary=spec["summary"],
            status=Evaluation.Status.FINAL,
            proposes_revision=spec["proposes_revision"],
            revision_note=spec.get("revision_note", ""),
            created_by=self.verifier,
        )
        recommendation_position = 0
        for position, (kind, text, recommendations) in enumerate(spec["findings"]):
            finding = Finding.objects.create(
                evaluation=evaluation, kind=kind, text=text, position=position
            )
            for recommendation_text, follow_ups in recommendations:
                recommendation = Recommendation.objects.create(
                    evaluation=evaluation,
                    finding=finding,
                    text=recommendation_text,
                    position=recommendation_position,
                )
                recommendation_position += 1
                for action, owner, due, status, done_on in follow_ups:
                    FollowUp.objects.create(
                        recommendation=recommendation,
                        action=action,
                        owner=self.parties[owner],
                        due_date=due,
                        status=status,
                        done_on=done_on,
                    )


def _round(value: float, decimals: int) -> Decimal:
    return Decimal(str(round(value, decimals))).quantize(Decimal(1).scaleb(-decimals))


def plan_snapshot_of(plan: Plan) -> dict:
    """The plans app's snapshot when its service exists, else a small one of our own."""
    try:
        from simpul.plans.services import plan_snapshot
    except ImportError:
        return _own_snapshot(plan)
    return plan_snapshot(plan)


def snapshot_sha256(snapshot: dict) -> str:
    try:
        from simpul.plans.services import snapshot_sha256 as plans_sha256
    except ImportError:
        text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()
    return plans_sha256(snapshot)


def _own_snapshot(plan: Plan) -> dict:
    def rows(queryset, *fields):
        return [
            {f: (str(v) if isinstance(v, Decimal | datetime.date) else v) for f, v in row.items()}
            for row in queryset.order_by("position", "pk").values("pk", *fields)
        ]

    return {
        "number": plan.number,
        "summary": plan.summary,
        "assessments": rows(plan.assessments, "title", "method", "conducted_on", "needs"),
        "objectives": rows(plan.objectives, "code", "statement"),
        "strategies": rows(plan.strategies, "description", "stakeholders_consulted"),
        "risks": rows(plan.risks, "description", "likelihood", "impact", "mitigation"),
        "programs": rows(plan.programs, "name", "objective_id", "description"),
        "activities": rows(
            plan.activities, "program_id", "name", "start_date", "end_date", "responsible_id"
        ),
        "budget_lines": rows(
            plan.budget_lines,
            "activity_id",
            "party_id",
            "funding_source",
            "fiscal_year",
            "planned",
        ),
    }


def demo_monitoring_seed(today: datetime.date | None = None) -> SeedReport:
    """Build every spec's agreement that is in force or signed and has no plan yet."""
    today = today or timezone.localdate()
    report = SeedReport()
    for spec in SPECS:
        agreement = (
            Agreement.objects.filter(title=spec.title).select_related("owner__region").first()
        )
        if agreement is None or agreement.start_date is None or agreement.end_date is None:
            report.skipped.append(f"{spec.title}: not in the demo (run seed_demo_agreements)")
            continue
        if Plan.objects.filter(agreement=agreement).exists() or agreement.indicators.exists():
            report.plans += 1
            report.indicator_ids.extend(agreement.indicators.values_list("pk", flat=True))
            continue
        with transaction.atomic():
            DemoMonitoringBuilder(spec, agreement, today).build(report)
    # Data never sent is marked late, as the worker does after each zone's midnight.
    lateness_settle(today=today)
    return report
