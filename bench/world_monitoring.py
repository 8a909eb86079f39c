"""Plans and monitoring for the benchmark world: ~150,000 indicators with quarterly targets and
~5,000,000 data values on the ~20,000 agreements of generate_world.py.

Every agreement from KB drafting onwards gets a monitoring set-up, a plan (objectives,
programs, activities, budget lines per party and fiscal year), two results and its
indicators; agreements that reached a signed PKS (active, expired, terminated, in dispute)
get quarterly reporting periods from their start to today, one submission per party and
quarter (mostly verified, with provenance events; the latest quarter partly in, some quarters
late) and values per indicator, some broken down by sex or age group so the world reaches
--values. Indicator.status/progress/latest_* are set as indicator_refresh would leave them.

Rows are written with executemany on the raw connection in batches (the ORM's bulk_create is
several times slower at this size), with explicit primary keys so rows can point at each
other without reading them back. Not audited, like the rest of the world.
"""

import datetime
import random
import time
from collections.abc import Iterable, Iterator

DATA_STATES = {"pks_signed", "active", "expired", "terminated", "in_dispute"}
PLAN_STATES = DATA_STATES | {"kb_drafting", "kb_signed", "pks_drafting"}
BATCH = 20_000

INDICATORS = (  # (name, unit, kind, direction, accumulation, low, high)
    ("Sampah yang diolah", "ton/hari", "number", "higher", "per_period", 20, 400),
    ("Cakupan layanan air minum", "%", "percentage", "higher", "per_period", 40, 95),
    ("Pengaduan warga", "pengaduan", "number", "lower", "per_period", 10, 500),
    ("Sambungan rumah", "sambungan rumah", "number", "higher", "cumulative", 100, 20000),
    ("Pasien dirujuk", "orang", "number", "higher", "per_period", 20, 900),
    ("Wisatawan", "orang", "number", "higher", "per_period", 1000, 90000),
    ("Penumpang angkutan pengumpan", "orang/hari", "number", "higher", "per_period", 100, 5000),
    ("Waktu tempuh rujukan", "menit", "number", "lower", "per_period", 20, 120),
    ("Kelompok tani terlatih", "kelompok", "number", "higher", "cumulative", 5, 300),
    ("Kepuasan warga", "%", "percentage", "higher", "per_period", 50, 95),
)
STATUS_WEIGHTS = (("on_track", 52), ("at_risk", 23), ("off_track", 20), ("no_data", 5))


def batched(rows: Iterable[tuple], size: int = BATCH) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Writer:
    """INSERT … VALUES with executemany, columns named by model field, explicit ids."""

    def __init__(self, connection):
        self.connection = connection
        self.counts: dict[str, int] = {}

    def next_id(self, model) -> int:
        from django.db.models import Max

        return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def insert(self, model, fields: list[str], rows: Iterable[tuple]) -> int:
        meta = model._meta
        quote = self.connection.ops.quote_name
        columns = [meta.get_field(name).column for name in fields]
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        written = 0
        with self.connection.cursor() as cursor:
            for chunk in batched(rows):
                cursor.executemany(sql, chunk)
                written += len(chunk)
        self.counts[meta.model_name] = self.counts.get(meta.model_name, 0) + written
        return written


def quarters(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    from simpul.monitoring.periods import periods_between

    return periods_between("quarterly", start, end)


def build_monitoring(
    *,
    indicators: int,
    values: int,
    rng: random.Random,
    started: float,
    today: datetime.date | None = None,
) -> dict[str, int]:
    """Add plans and monitoring to every agreement of the world; returns rows per table."""
    from django.db import connection

    from simpul.agreements.models import Agreement, Party
    from simpul.monitoring.models import (
        DataValue,
        Disaggregation,
        DisaggregationOption,
        Indicator,
        MonitoringSetup,
        ReportingPeriod,
        Result,
        Submission,
        SubmissionEvent,
        Target,
    )
    from simpul.monitoring.periods import period_bounds, period_of
    from simpul.plans.models import Activity, BudgetLine, Objective, Plan, Program

    today = today or datetime.datetime.now(datetime.UTC).date()
    ops = connection.ops
    stamp_cache: dict = {}

    def stamp(moment: datetime.datetime):
        if moment not in stamp_cache:
            stamp_cache[moment] = ops.adapt_datetimefield_value(moment)
        return stamp_cache[moment]

    def day(value: datetime.date):
        return ops.adapt_datefield_value(value)

    now = stamp(datetime.datetime.now(datetime.UTC).replace(microsecond=0))
    writer = Writer(connection)

    agreements = list(
        Agreement.objects.filter(state__in=PLAN_STATES, start_date__isnull=False)
        .exclude(end_date__isnull=True)
        .order_by("pk")
        .values_list("pk", "state", "start_date", "end_date")
    )
    parties: dict[int, list[int]] = {}
    for agreement_id, party_id in Party.objects.order_by("agreement_id", "position").values_list(
        "agreement_id", "pk"
    ):
        parties.setdefault(agreement_id, []).append(party_id)
    latest_year, latest_number = period_of("quarterly", today)
    latest = (latest_year, latest_number - 1) if latest_number > 1 else (latest_year - 1, 4)
    current = (latest_year, latest_number)

    # How many values per (submission, indicator) the world needs to reach --values: the
    # total, plus sex (2 options) or age group (3 options) breakdowns on some indicators.
    per_agreement = indicators / max(1, len(agreements))
    counts = {pk: max(3, round(per_agreement * rng.uniform(0.5, 1.5))) for pk, *_ in agreements}
    base = sum(
        counts[pk] * len(parties.get(pk, ())) * len([q for q in quarters(s, e) if q <= latest])
        for pk, state, s, e in agreements
        if state in DATA_STATES
    )
    extra = max(0.0, values / max(1, base) - 1)
    age_share = min(1.0, max(0.0, extra - 2))
    sex_share = min(1.0, extra / 2) - age_share if extra < 2 else 1 - age_share
    options = {
        d.code: list(DisaggregationOption.objects.filter(disaggregation=d).order_by("position"))
        for d in Disaggregation.objects.filter(code__in=["sex", "age"])
    }
    disaggregation_ids = {
        d.code: d.pk for d in Disaggregation.objects.filter(code__in=["sex", "age"])
    }

    ids = {
        model: writer.next_id(model)
        for model in (
            Plan,
            Objective,
            Program,
            Activity,
            BudgetLine,
            MonitoringSetup,
            Result,
            Indicator,
            Target,
            ReportingPeriod,
            Submission,
            SubmissionEvent,
            DataValue,
        )
    }

    def take(model) -> int:
        value = ids[model]
        ids[model] = value + 1
        return value

    plans, objectives, programs, activities, budget = [], [], [], [], []
    setups, results, indicator_rows, m2m = [], [], [], []
    # (indicator id, agreement id, kind, low, high, accumulation, breakdown) for the data pass
    indicator_meta: dict[int, list[tuple]] = {}
    statuses = [s for s, _ in STATUS_WEIGHTS]
    status_weights = [w for _, w in STATUS_WEIGHTS]
    for agreement_id, state, start, end in agreements:
        data_quarters = [q for q in quarters(start, end) if q <= latest]
        has_data = state in DATA_STATES and bool(data_quarters)
        party_ids = parties.get(agreement_id, [])
        plan_id = take(Plan)
        approved = state not in {"kb_drafting"}
        plans.append(
            (
                plan_id,
                now,
                now,
                agreement_id,
                "approved" if approved else rng.choice(("draft", "submitted")),
                1,
                "",
                stamp(datetime.datetime.combine(start, datetime.time(3), tzinfo=datetime.UTC))
                if approved
                else None,
                1,
            )
        )
        setups.append((take(MonitoringSetup), now, now, agreement_id, "quarterly", 15, 1))
        objective_ids = []
        for position in range(rng.choice((2, 3))):
            objective_ids.append(take(Objective))
            objectives.append(
                (
                    objective_ids[-1],
                    now,
                    now,
                    plan_id,
                    position,
                    f"T{position + 1}",
                    f"Tujuan {position + 1} kerja sama",
                )
            )
        outcome_id, output_id = take(Result), take(Result)
        results.append(
            (
                outcome_id,
                now,
                now,
                agreement_id,
                "outcome",
                objective_ids[0],
                None,
                "OC1",
                "Hasil utama kerja sama",
                0,
            )
        )
        results.append(
            (
                output_id,
                now,
                now,
                agreement_id,
                "output",
                objective_ids[0],
                outcome_id,
                "OP1",
                "Keluaran utama kerja sama",
                1,
            )
        )
        span = max(1, (end - start).days)
        for program_position in range(rng.choice((1, 2))):
            program_id = take(Program)
            programs.append(
                (
                    program_id,
                    now,
                    now,
                    plan_id,
                    program_position,
                    objective_ids[program_position % len(objective_ids)],
                    f"Program {program_position + 1}",
                    "",
                )
            )
            for position in range(rng.randint(1, 3)):
                a_start = start + datetime.timedelta(days=rng.randrange(span))
                a_end = min(end, a_start + datetime.timedelta(days=rng.randint(60, 540)))
                if a_end < today:
                    status, progress = rng.choices(
                        (("done", 100), ("delayed", 70), ("in_progress", 85)), (85, 10, 5)
                    )[0]
                elif a_start <= today:
                    status, progress = "in_progress", rng.randint(10, 90)
                else:
                    status, progress = "planned", 0
                activity_id = take(Activity)
                responsible = rng.choice(party_ids) if party_ids else None
                activities.append(
                    (
                        activity_id,
                        now,
                        now,
                        plan_id,
                        position,
                        program_id,
                        f"Kegiatan {program_position + 1}.{position + 1}",
                        day(a_start),
                        day(a_end),
                        responsible,
                        status,
                        progress,
                    )
                )
                for party_id in party_ids:
                    planned = rng.randint(5, 400) * 10_000_000
                    year = a_start.year
                    if year < today.year:
                        realised = planned * rng.uniform(0.55, 1.08)
                    elif year == today.year:
                        realised = planned * rng.uniform(0.05, 0.85)
                    else:
                        realised = 0
                    budget.append(
                        (
                            take(BudgetLine),
                            now,
                            now,
                            plan_id,
                            len(budget),
                            activity_id,
                            party_id,
                            rng.choice(("apbd", "apbd", "apbd", "apbn", "grant", "private")),
                            year,
                            planned,
                            round(realised, -3),
                            "",
                        )
                    )
        metas = []
        for position in range(counts[agreement_id]):
            name, unit, kind, direction, accumulation, low, high = rng.choice(INDICATORS)
            indicator_id = take(Indicator)
            breakdown = ""
            if has_data:
                draw = rng.random()
                if draw < age_share and "age" in options:
                    breakdown = "age"
                elif draw < age_share + sex_share and "sex" in options:
                    breakdown = "sex"
            if breakdown:
                m2m.append((indicator_id, disaggregation_ids[breakdown]))
            status = rng.choices(statuses, status_weights)[0] if has_data else "no_data"
            target = rng.uniform(low, high)
            progress = {
                "on_track": rng.uniform(90, 130),
                "at_risk": rng.uniform(70, 90),
                "off_track": rng.uniform(20, 70),
            }.get(status)
            latest_value = None
            if progress is not None:
                latest_value = target * progress / 100
                if direction == "lower":
                    latest_value = target * 100 / progress
            latest_end = period_bounds("quarterly", *data_quarters[-1])[1] if has_data else None
            indicator_rows.append(
                (
                    indicator_id,
                    now,
                    now,
                    agreement_id,
                    objective_ids[position % len(objective_ids)],
                    output_id if position % 2 else outcome_id,
                    f"I-{position + 1}",
                    name,
                    f"Definisi operasional {name.lower()}",
                    unit,
                    kind,
                    direction,
                    round(rng.uniform(low, high) * 0.8, 2),
                    day(start),
                    "quarterly",
                    accumulation,
                    day(start),
                    day(end),
                    "Laporan perangkat daerah",
                    "Rekap triwulanan",
                    "Berita acara verifikasi",
                    party_ids[position % len(party_ids)] if party_ids else None,
                    1,
                    0,
                    100 if kind == "percentage" else None,
                    90,
                    70,
                    position,
                    None if latest_value is None else round(latest_value, 2),
                    None if progress is None else round(target, 2),
                    day(latest_end) if progress is not None and latest_end else None,
                    None if progress is None else round(progress, 1),
                    status,
                    1,
                )
            )
            metas.append((indicator_id, kind, low, high, accumulation, breakdown, target))
        indicator_meta[agreement_id] = metas

    writer.insert(
        Plan,
        [
            "id",
            "created_at",
            "updated_at",
            "agreement",
            "status",
            "number",
            "summary",
            "approved_at",
            "version",
        ],
        plans,
    )
    writer.insert(
        MonitoringSetup,
        [
            "id",
            "created_at",
            "updated_at",
            "agreement",
            "reporting_frequency",
            "due_days",
            "evaluations_per_year",
        ],
        setups,
    )
    writer.insert(
        Objective,
        ["id", "created_at", "updated_at", "plan", "position", "code", "statement"],
        objectives,
    )
    writer.insert(
        Program,
        ["id", "created_at", "updated_at", "plan", "position", "objective", "name", "description"],
        programs,
    )
    writer.insert(
        Activity,
        [
            "id",
            "created_at",
            "updated_at",
            "plan",
            "position",
            "program",
            "name",
            "start_date",
            "end_date",
            "responsible",
            "status",
            "progress",
        ],
        activities,
    )
    writer.insert(
        BudgetLine,
        [
            "id",
            "created_at",
            "updated_at",
            "plan",
            "position",
            "activity",
            "party",
            "funding_source",
            "fiscal_year",
            "planned",
            "realised",
            "note",
        ],
        budget,
    )
    writer.insert(
        Result,
        [
            "id",
            "created_at",
            "updated_at",
            "agreement",
            "level",
            "objective",
            "parent",
            "code",
            "statement",
            "position",
        ],
        results,
    )
    writer.insert(
        Indicator,
        [
            "id",
            "created_at",
            "updated_at",
            "agreement",
            "objective",
            "result",
            "code",
            "name",
            "definition",
            "unit",
            "kind",
            "direction",
            "baseline_value",
            "baseline_date",
            "frequency",
            "accumulation",
            "start_date",
            "end_date",
            "data_source",
            "collection_method",
            "verification_means",
            "responsible_party",
            "weight",
            "min_value",
            "max_value",
            "on_track_from",
            "at_risk_from",
            "position",
            "latest_value",
            "latest_target",
            "latest_period_end",
            "progress",
            "status",
            "version",
        ],
        indicator_rows,
    )
    writer.insert(Indicator.disaggregations.through, ["indicator", "disaggregation"], m2m)
    print(
        f"Plans: {len(plans)}, activities: {len(activities)}, budget lines: {len(budget)}, "
        f"indicators: {len(indicator_rows)} ({time.monotonic() - started:.1f} s)"
    )
    del plans, objectives, programs, activities, budget, setups, results, indicator_rows

    def target_rows() -> Iterator[tuple]:
        target_id = ids[Target]
        for agreement_id, _state, start, end in agreements:
            agreement_quarters = quarters(start, end)
            for indicator_id, _kind, low, _high, _acc, _b, target in indicator_meta[agreement_id]:
                step = (target - low) / max(1, len(agreement_quarters))
                for index, (year, number) in enumerate(agreement_quarters):
                    yield (target_id, indicator_id, year, number, round(low + step * index, 2), "")
                    target_id += 1

    writer.insert(Target, ["id", "indicator", "year", "number", "value", "text"], target_rows())
    print(f"Targets: {writer.counts['target']} ({time.monotonic() - started:.1f} s)")

    # Periods, submissions, provenance and values, agreement by agreement, streamed.
    periods, submissions, events = [], [], []
    period_id, submission_id = ids[ReportingPeriod], ids[Submission]
    event_id = ids[SubmissionEvent]
    value_plan: list[tuple[int, int, list[tuple]]] = []  # (submission, quarter index, metas)
    for agreement_id, state, start, end in agreements:
        if state not in DATA_STATES:
            continue
        party_ids = parties.get(agreement_id, [])
        all_quarters = [q for q in quarters(start, end) if q <= current]
        with_data = [q for q in all_quarters if q <= latest]
        for index, (year, number) in enumerate(all_quarters):
            p_start, p_end = period_bounds("quarterly", year, number)
            due = p_end + datetime.timedelta(days=15)
            is_latest = (year, number) == latest
            if (year, number) > latest or is_latest:
                status = "open"
            elif year < today.year - 1:
                status = "locked"
            else:
                status = "closed"
            periods.append(
                (period_id, agreement_id, "quarterly", year, number, day(p_start), day(p_end))
                + (day(due), status)
            )
            if (year, number) <= latest:
                for party_id in party_ids:
                    if is_latest and state == "active":
                        sub_status = rng.choices(
                            ("verified", "submitted", "draft", None), (35, 30, 15, 20)
                        )[0]
                    else:
                        sub_status = "verified" if rng.random() > 0.03 else None
                    if sub_status is None:
                        continue  # never sent: late
                    sent = stamp(datetime.datetime.combine(due, datetime.time(8)))
                    checked = stamp(
                        datetime.datetime.combine(
                            due + datetime.timedelta(days=5), datetime.time(8)
                        )
                    )
                    submissions.append(
                        (
                            submission_id,
                            now,
                            now,
                            period_id,
                            party_id,
                            sub_status,
                            sent if sub_status != "draft" else None,
                            checked if sub_status == "verified" else None,
                            1,
                        )
                    )
                    if sub_status != "draft":
                        events.append((event_id, submission_id, "submitted", "bench", sent, ""))
                        event_id += 1
                    if sub_status == "verified":
                        events.append((event_id, submission_id, "verified", "bench", checked, ""))
                        event_id += 1
                    value_plan.append((submission_id, index, len(with_data), agreement_id))
                    submission_id += 1
            period_id += 1
    writer.insert(
        ReportingPeriod,
        ["id", "agreement", "frequency", "year", "number", "start", "end", "due_date", "status"],
        periods,
    )
    writer.insert(
        Submission,
        [
            "id",
            "created_at",
            "updated_at",
            "period",
            "party",
            "status",
            "submitted_at",
            "verified_at",
            "version",
        ],
        submissions,
    )
    writer.insert(
        SubmissionEvent,
        ["id", "submission", "action", "actor_label", "occurred_at", "comment"],
        events,
    )
    print(
        f"Periods: {len(periods)}, submissions: {len(submissions)}, events: {len(events)} "
        f"({time.monotonic() - started:.1f} s)"
    )
    del periods, submissions, events

    def value_rows() -> Iterator[tuple]:
        value_id = ids[DataValue]
        noise = rng.random
        for sub_id, index, count, agreement_id in value_plan:
            share = (index + 1) / max(1, count)
            for indicator_id, kind, low, high, accumulation, breakdown, target in indicator_meta[
                agreement_id
            ]:
                if accumulation == "cumulative":
                    value = low + (target - low) * share
                else:
                    value = low + (high - low) * (0.4 + 0.6 * noise())
                value = round(value, 1 if kind == "percentage" else 0)
                yield (value_id, sub_id, indicator_id, None, value, "", "", False, now)
                value_id += 1
                if breakdown:
                    parts = options[breakdown]
                    remaining = value
                    for position, option in enumerate(parts):
                        if position == len(parts) - 1:
                            part = remaining
                        else:
                            part = round(value / len(parts) * (0.8 + 0.4 * noise()), 0)
                            remaining -= part
                        if kind == "percentage":
                            part = value
                        yield (value_id, sub_id, indicator_id, option.pk, part, "", "", False, now)
                        value_id += 1

    writer.insert(
        DataValue,
        [
            "id",
            "submission",
            "indicator",
            "option",
            "value",
            "text",
            "narrative",
            "is_outlier",
            "updated_at",
        ],
        value_rows(),
    )
    print(f"Data values: {writer.counts['datavalue']} ({time.monotonic() - started:.1f} s)")
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        models = [
            Plan,
            Objective,
            Program,
            Activity,
            BudgetLine,
            MonitoringSetup,
            Result,
            Indicator,
            Target,
            ReportingPeriod,
            Submission,
            SubmissionEvent,
            DataValue,
        ]
        with connection.cursor() as cursor:
            for sql in ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
    return writer.counts
