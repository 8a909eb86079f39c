"""Time the PDF of a large periodic report (the issue's "30-page PDF under 20 s").

    python bench/report_pdf.py                       # throwaway SQLite database in a temp dir
    python bench/report_pdf.py --indicators 48 --years 4 --output /tmp/laporan.pdf

Migrates a throwaway database, then builds one agreement of three regional governments with
an approved plan (programs, activities, budget lines per party and year), --indicators
quarterly indicators with targets and verified data from each party for --years years, and
--evaluations evaluations with findings, recommendations and follow-ups (bulk_create: not
audited, like the benchmark world). It takes the report's snapshot once, then renders the PDF
--rounds times with `simpul.reports.render_pdf.render_pdf` (the worker's own code: HTML
template, pygal charts, WeasyPrint) and prints the page count and the seconds of each round;
it exits 1 if the best round is over --limit seconds or the PDF is shorter than --min-pages.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _django  # noqa: E402

WORDS = (  # noqa: SIM905 - a word list reads better as text
    "sampah armada TPA pengangkutan kapasitas layanan pengaduan air minum sambungan rumah "
    "rujukan pasien puskesmas anggaran koordinasi pelaporan pemilahan bank daur ulang warga"
).split()


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build(args, rng: random.Random):
    """The agreement and its monitoring data; returns a (unsaved-to-disk) Report row."""
    from simpul.agreements.models import Agreement, Party, Workflow
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
    from simpul.organizations.models import Organization
    from simpul.organizations.services import governments_ensure
    from simpul.plans.models import Activity, BudgetLine, Plan, Program
    from simpul.regions.services import regions_load
    from simpul.reports.models import Report

    first_year = 2026 - args.years
    years = list(range(first_year, first_year + args.years))
    # The three governments of Kartamantul, made by the same services as `load_regions`.
    codes = ["34.71", "34.04", "34.02"]
    regions_load(codes=set(codes))
    governments_ensure()
    by_code = {
        org.region.code: org
        for org in Organization.objects.governments()
        .filter(region__code__in=codes)
        .select_related("region")
    }
    governments = [by_code[code] for code in codes]
    agreement = Agreement.objects.create(
        reference_code="BENCH/KARTAMANTUL/001",
        title="Pengelolaan sampah regional Kartamantul",
        family="ksdd",
        category="wajib",
        objectives=sentence(rng, 40),
        start_date=date(first_year, 1, 1),
        end_date=date(first_year + 10, 12, 31),
        workflow=Workflow.objects.get(family="ksdd", region__isnull=True),
        state="active",
        owner=governments[0],
    )
    parties = [
        Party.objects.create(agreement=agreement, organization=org, position=i)
        for i, org in enumerate(governments)
    ]
    plan = Plan.objects.create(agreement=agreement, status=Plan.Status.APPROVED)
    programs = [Program.objects.create(plan=plan, name=sentence(rng, 4)) for _ in range(4)]
    activities = Activity.objects.bulk_create(
        Activity(
            plan=plan,
            program=programs[i % len(programs)],
            name=sentence(rng, 6),
            start_date=date(years[i % len(years)], 1, 1),
            end_date=date(years[i % len(years)], 6 + i % 7, 28),
            responsible=parties[i % 3],
            status=rng.choice(["planned", "in_progress", "done", "delayed"]),
            progress=rng.randint(0, 100),
        )
        for i in range(args.activities)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            plan=plan,
            activity=activity,
            party=party,
            funding_source="apbd",
            fiscal_year=year,
            planned=Decimal(rng.randint(50, 900) * 1_000_000),
            realised=Decimal(rng.randint(20, 950) * 1_000_000),
        )
        for activity in activities[:12]
        for party in parties
        for year in years
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            agreement=agreement,
            code=f"IK-{i + 1:02d}",
            name=sentence(rng, 7),
            definition=sentence(rng, 25),
            unit=rng.choice(["ton/hari", "%", "liter/detik", "pasien", "SR"]),
            baseline_value=Decimal(rng.randint(50, 150)),
            baseline_date=date(first_year - 1, 12, 31),
            responsible_party=parties[i % 3],
            status=rng.choice(["on_track", "at_risk", "off_track", "no_data"]),
            progress=Decimal(rng.randint(40, 120)),
            position=i,
        )
        for i in range(args.indicators)
    )
    Target.objects.bulk_create(
        Target(indicator=indicator, year=year, number=q, value=Decimal(120 + q * 5))
        for indicator in indicators
        for year in years
        for q in range(1, 5)
    )
    periods = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            agreement=agreement,
            frequency="quarterly",
            year=year,
            number=q,
            start=period_bounds("quarterly", year, q)[0],
            end=period_bounds("quarterly", year, q)[1],
            due_date=period_bounds("quarterly", year, q)[1] + timedelta(days=15),
            status="closed",
        )
        for year in years
        for q in range(1, 5)
    )
    submissions = Submission.objects.bulk_create(
        Submission(period=period, party=party, status="verified")
        for period in periods
        for party in parties
    )
    DataValue.objects.bulk_create(
        DataValue(submission=s, indicator=i, value=Decimal(rng.randint(20, 60)))
        for s in submissions
        for i in indicators
    )
    for n in range(args.evaluations):
        year = years[n % len(years)]
        evaluation = Evaluation.objects.create(
            agreement=agreement,
            title=f"Evaluasi semester {n % 2 + 1} tahun {year}",
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            status="final",
            summary=sentence(rng, 60),
        )
        findings = Finding.objects.bulk_create(
            Finding(
                evaluation=evaluation,
                kind=rng.choice(["strength", "weakness", "lesson"]),
                text=sentence(rng, 30),
                position=k,
            )
            for k in range(6)
        )
        for k, finding in enumerate(findings[:4]):
            recommendation = Recommendation.objects.create(
                evaluation=evaluation, finding=finding, text=sentence(rng, 25), position=k
            )
            FollowUp.objects.bulk_create(
                FollowUp(
                    recommendation=recommendation,
                    action=sentence(rng, 10),
                    owner=parties[k % 3],
                    due_date=date(year + 1, 6, 30),
                )
                for _ in range(2)
            )
    return Report.objects.create(
        agreement=agreement,
        title=f"Laporan periodik {agreement.reference_code}",
        period_start=date(years[0], 1, 1),
        period_end=date(years[-1], 12, 31),
        addressee=Report.Addressee.GOVERNOR,
        language="id",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--activities", type=int, default=60)
    parser.add_argument("--evaluations", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--limit", type=float, default=20.0, help="seconds allowed (best round)")
    parser.add_argument("--min-pages", type=int, default=30)
    parser.add_argument("--output", help="also write the PDF here")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest calls")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="simpul-report-bench-") as tmp:
        _django.setup(f"sqlite:///{Path(tmp) / 'report.sqlite3'}")
        from django.core.management import call_command
        from django.utils import translation

        from simpul.audit.context import acting_as, system_actor
        from simpul.reports.render_pdf import render_pdf
        from simpul.reports.snapshot import report_snapshot

        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        with acting_as(system_actor("bench_report_pdf")):
            report = build(args, random.Random(args.seed))
        print(f"world built in {time.perf_counter() - started:.1f} s")

        with translation.override(report.language):
            started = time.perf_counter()
            snapshot = report_snapshot(report)
            snapshot_seconds = time.perf_counter() - started
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.runcall(render_pdf, snapshot)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
            timings, cpu_timings = [], []
            for _round in range(args.rounds):
                started, cpu_started = time.perf_counter(), time.process_time()
                pdf = render_pdf(snapshot)
                timings.append(time.perf_counter() - started)
                cpu_timings.append(time.process_time() - cpu_started)
    if args.output:
        Path(args.output).write_bytes(pdf.content)
    best = min(timings)
    print(
        f"indicators {args.indicators}, periods {args.years * 4}, "
        f"evaluations {args.evaluations}, activities {args.activities}"
    )
    print(f"snapshot: {snapshot_seconds:.2f} s")
    print(
        f"PDF: {pdf.pages} pages, {len(pdf.content) / 1024:.0f} KiB; render_pdf seconds per "
        f"round: {', '.join(f'{t:.2f}' for t in timings)} (best {best:.2f}, limit {args.limit:g})"
    )
    # CPU seconds do not count time the process waited for a busy machine's cores.
    print(f"render_pdf CPU seconds per round: {', '.join(f'{t:.2f}' for t in cpu_timings)}")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    ok = best <= args.limit and pdf.pages >= args.min_pages
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
