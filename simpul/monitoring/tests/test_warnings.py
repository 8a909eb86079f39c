"""Early warnings: every rule raises and resolves, disabled rules are silent, the digest is
sent once, the housekeeping task is idempotent, and the work is set-based (query counts do
not grow with agreements)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.core import outbox
from simpul.monitoring.models import (
    EarlyWarning,
    Evaluation,
    FollowUp,
    Indicator,
    MonitoringSetup,
    Recommendation,
    ReportingPeriod,
    Submission,
    WarningRule,
)
from simpul.monitoring.services import warnings as service
from simpul.monitoring.services.lateness import lateness_settle
from simpul.monitoring.services.warnings import (
    add_months,
    warning_message,
    warnings_digest_send,
    warnings_evaluate,
)
from simpul.plans.models import Activity, BudgetLine, Plan, Program

pytestmark = pytest.mark.django_db

# After mid-year, so the budget rule looks at the year.
TODAY = date(2026, 9, 1)


def _aware(day: date):
    return timezone.make_aware(datetime.combine(day, time(9)))


def make_world(cast, *, parties=None, title="Pengelolaan sampah regional"):
    """An agreement in force that trips every rule once (late data only for the Kota
    Yogyakarta party, which is responsible for the indicator)."""
    agreement = make_agreement(
        cast,
        state="active",
        parties=parties,
        title=title,
        start_date=date(2025, 1, 1),
        end_date=TODAY + timedelta(days=60),
    )
    yogya = agreement.parties.get(organization=cast.pemkot_yogyakarta)
    MonitoringSetup.objects.create(agreement=agreement, evaluations_per_year=2)
    indicator = Indicator.objects.create(
        agreement=agreement,
        code="I1",
        name="Sampah terangkut (ton/hari)",
        unit="ton/hari",
        responsible_party=yogya,
        status=Indicator.Status.OFF_TRACK,
        progress=Decimal("55.0"),
    )
    period = ReportingPeriod.objects.create(
        agreement=agreement,
        frequency="quarterly",
        year=2026,
        number=2,
        start=date(2026, 4, 1),
        end=date(2026, 6, 30),
        due_date=date(2026, 7, 15),
        status=ReportingPeriod.Status.OPEN,
    )
    plan = Plan.objects.create(agreement=agreement)
    Plan.objects.filter(pk=plan.pk).update(created_at=_aware(TODAY - timedelta(days=120)))
    program = Program.objects.create(plan=plan, name="Pengangkutan")
    activity = Activity.objects.create(
        plan=plan,
        program=program,
        name="Pengadaan truk",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 6, 30),
        responsible=yogya,
    )
    budget = BudgetLine.objects.create(
        plan=plan,
        activity=activity,
        party=yogya,
        funding_source=BudgetLine._meta.get_field("funding_source").choices[0][0],
        fiscal_year=TODAY.year,
        planned=Decimal("1000000"),
        realised=Decimal("100000"),
    )
    evaluation = Evaluation.objects.create(
        agreement=agreement,
        title="Evaluasi 2025",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
    )
    recommendation = Recommendation.objects.create(evaluation=evaluation, text="Tambah armada")
    follow_up = FollowUp.objects.create(
        recommendation=recommendation,
        action="Ajukan anggaran armada",
        owner=yogya,
        due_date=date(2026, 3, 31),
    )
    return {
        "agreement": agreement,
        "yogya": yogya,
        "indicator": indicator,
        "period": period,
        "plan": plan,
        "activity": activity,
        "budget": budget,
        "evaluation": evaluation,
        "follow_up": follow_up,
    }


def evaluate(today: date = TODAY) -> dict:
    """As the daily housekeeping does: lateness is settled (in each party's zone, here as of
    `today`), then the rules are evaluated."""
    lateness_settle(today=today)
    return warnings_evaluate(today)


def open_warnings(rule_code=None):
    qs = EarlyWarning.objects.filter(resolved_at__isnull=True)
    return qs.filter(rule_code=rule_code) if rule_code else qs


# --- each rule raises and resolves ------------------------------------------------------------


def _submit(world):
    Submission.objects.filter(period=world["period"], party=world["yogya"]).update(
        status=Submission.Status.SUBMITTED
    )


def _on_track(world):
    Indicator.objects.filter(pk=world["indicator"].pk).update(status=Indicator.Status.ON_TRACK)


def _realise(world):
    BudgetLine.objects.filter(pk=world["budget"].pk).update(realised=Decimal("600000"))


def _finish_activity(world):
    Activity.objects.filter(pk=world["activity"].pk).update(status=Activity.Status.DONE)


def _extend(world):
    world["agreement"].__class__.objects.filter(pk=world["agreement"].pk).update(
        end_date=TODAY + timedelta(days=900)
    )


def _approve_plan(world):
    Plan.objects.filter(pk=world["plan"].pk).update(status=Plan.Status.APPROVED)


def _evaluate(world):
    Evaluation.objects.create(
        agreement=world["agreement"],
        title="Evaluasi semester I 2026",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        status=Evaluation.Status.FINAL,
    )


def _follow_up_done(world):
    FollowUp.objects.filter(pk=world["follow_up"].pk).update(
        status=FollowUp.Status.DONE, done_on=TODAY
    )


FIXES = {
    "late_data": _submit,
    "off_track": _on_track,
    "low_absorption": _realise,
    "activity_overdue": _finish_activity,
    "agreement_expiring": _extend,
    "plan_not_approved": _approve_plan,
    "evaluation_overdue": _evaluate,
    "follow_up_overdue": _follow_up_done,
}


@pytest.mark.parametrize("rule_code", sorted(FIXES))
def test_each_rule_raises_a_warning_and_resolves_it_when_the_cause_is_gone(cast, rule_code):
    world = make_world(cast)

    evaluate(TODAY)

    [warning] = open_warnings(rule_code)
    assert warning.agreement == world["agreement"]
    assert warning.link
    with translation.override("en"):
        assert world["agreement"].reference_code in warning_message(warning)

    FIXES[rule_code](world)
    result = evaluate(TODAY)

    assert not open_warnings(rule_code).exists()
    warning.refresh_from_db()
    assert warning.resolved_at is not None
    assert result["resolved"] == 1


def test_every_default_rule_has_a_check():
    from simpul.monitoring.defaults import WARNING_RULES

    assert set(WARNING_RULES) == set(service.RULES)


def test_warnings_are_addressed_to_the_organisation_that_can_act(cast):
    world = make_world(cast)
    sleman = world["agreement"].parties.exclude(organization=cast.pemkot_yogyakarta).first()
    Indicator.objects.filter(pk=world["indicator"].pk).update(responsible_party=sleman)

    evaluate(TODAY)

    addressed = {w.rule_code: w.organization for w in open_warnings()}
    assert addressed["off_track"] == sleman.organization  # the responsible party
    assert addressed["late_data"] == sleman.organization  # the party that must report
    assert addressed["agreement_expiring"] == cast.pemkot_yogyakarta  # the registering one
    assert addressed["follow_up_overdue"] == cast.pemkot_yogyakarta  # the owner party


def test_data_not_yet_due_or_in_a_locked_period_is_not_late(cast):
    world = make_world(cast)
    ReportingPeriod.objects.filter(pk=world["period"].pk).update(due_date=TODAY)
    evaluate(TODAY)
    assert not open_warnings("late_data").exists()

    ReportingPeriod.objects.filter(pk=world["period"].pk).update(
        due_date=date(2026, 7, 15), status=ReportingPeriod.Status.LOCKED
    )
    evaluate(TODAY)
    assert not open_warnings("late_data").exists()


def test_budget_absorption_is_not_judged_before_mid_year(cast):
    make_world(cast)

    evaluate(date(2026, 6, 30))

    assert not open_warnings("low_absorption").exists()
    assert open_warnings("off_track").exists()


def test_twice_a_year_evaluation_is_overdue_six_months_after_the_last_one_plus_the_grace(cast):
    world = make_world(cast)
    Evaluation.objects.filter(pk=world["evaluation"].pk).update(status=Evaluation.Status.FINAL)
    # The last final evaluation covers until 30 June 2025: the next one is due 31 December
    # 2025, and overdue after 30 more days.
    evaluate(date(2026, 1, 30))
    assert not open_warnings("evaluation_overdue").exists()

    evaluate(date(2026, 1, 31))

    [warning] = open_warnings("evaluation_overdue")
    assert warning.params["due_date"] == "2025-12-31"
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)


def test_agreements_not_in_force_raise_nothing(cast):
    world = make_world(cast)
    type(world["agreement"]).objects.filter(pk=world["agreement"].pk).update(state="draft")

    evaluate(TODAY)

    assert not open_warnings().exists()


def test_a_disabled_rule_raises_nothing_and_resolves_what_it_raised(cast):
    make_world(cast)
    evaluate(TODAY)
    assert open_warnings("late_data").exists()

    WarningRule.objects.filter(code="late_data").update(enabled=False)
    evaluate(TODAY)

    assert not open_warnings("late_data").exists()
    assert open_warnings("off_track").exists()


def test_a_rule_threshold_moves_the_line(cast):
    make_world(cast)
    # Due on 15 July: 48 days late on 1 September.
    WarningRule.objects.filter(code="late_data").update(threshold=60)

    evaluate(TODAY)

    assert not open_warnings("late_data").exists()


def test_evaluating_again_refreshes_open_warnings_instead_of_duplicating_them(cast):
    make_world(cast)
    first = evaluate(TODAY)
    count = open_warnings().count()

    second = evaluate(TODAY)

    assert first["raised"] == count == 8
    assert second == {"raised": 0, "refreshed": count, "resolved": 0}
    assert open_warnings().count() == count


def test_a_changed_value_updates_the_open_warning(cast):
    world = make_world(cast)
    evaluate(TODAY)
    BudgetLine.objects.filter(pk=world["budget"].pk).update(realised=Decimal("300000"))

    evaluate(TODAY)

    [warning] = open_warnings("low_absorption")
    assert warning.params["absorption"] == "30.0"
    with translation.override("en"):
        assert "30.0%" in warning_message(warning)


def test_messages_are_rendered_in_the_readers_language(cast):
    make_world(cast)
    evaluate(TODAY)
    warning = open_warnings("late_data").get()

    with translation.override("en"):
        english = warning_message(warning)

    assert "has not submitted the data for" in english
    assert "15 July 2026" in english


def test_warnings_evaluate_uses_the_same_number_of_queries_for_2_and_10_agreements(cast):
    parties = [cast.pemkot_yogyakarta, government_of(cast.sleman)]
    for i in range(2):
        make_world(cast, parties=parties, title=f"Kerja sama {i}")
    lateness_settle(today=TODAY)
    with CaptureQueriesContext(connection) as small_first:
        warnings_evaluate(TODAY)
    with CaptureQueriesContext(connection) as small_again:
        warnings_evaluate(TODAY)
    EarlyWarning.objects.all().delete()
    for i in range(2, 10):
        make_world(cast, parties=parties, title=f"Kerja sama {i}")
    lateness_settle(today=TODAY)

    with CaptureQueriesContext(connection) as large_first:
        result = warnings_evaluate(TODAY)
    with CaptureQueriesContext(connection) as large_again:
        warnings_evaluate(TODAY)

    assert result["raised"] == 10 * 8
    assert len(large_first) == len(small_first)
    assert len(large_again) == len(small_again)


# --- digest -----------------------------------------------------------------------------------


def test_the_digest_is_sent_once_to_the_people_who_can_act(cast):
    cast.sari.preferred_language = "en"
    cast.sari.save()
    make_world(cast)
    evaluate(TODAY)

    sent = warnings_digest_send(timezone.now())
    outbox.deliver_due()

    # Pemkot Yogyakarta's admin, editor and data officer; never its viewer.
    assert sent == 3
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {cast.sari.email, cast.wati.email, cast.tono.email}
    message = by_address[cast.sari.email]
    assert message.subject == "Simpul: 8 new early warnings"
    assert "has not submitted the data for" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert reverse("dashboard:home") in html
    assert not EarlyWarning.objects.filter(digested_at__isnull=True).exists()

    assert warnings_digest_send(timezone.now()) == 0
    outbox.deliver_due()
    assert len(mail.outbox) == 3


def test_the_next_digest_holds_only_the_new_warnings(cast):
    make_world(cast)
    evaluate(TODAY)
    warnings_digest_send(timezone.now())
    second = make_world(cast, title="Air minum regional")
    Indicator.objects.filter(pk=second["indicator"].pk).update(status=Indicator.Status.AT_RISK)
    evaluate(TODAY)

    assert warnings_digest_send(timezone.now()) == 3
    outbox.deliver_due()

    assert len(mail.outbox) == 6
    assert all("7 " in message.subject for message in mail.outbox[3:])


def test_viewers_and_other_regions_get_no_digest(cast):
    from simpul.organizations.models import Membership
    from simpul.testing.cast import make_user

    viewer = make_user("viewer@jogjakota.go.id", "Viewer")
    Membership.objects.create(user=viewer, organization=cast.pemkot_yogyakarta, role="viewer")
    make_world(cast)
    evaluate(TODAY)

    warnings_digest_send(timezone.now())
    outbox.deliver_due()

    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {cast.sari.email, cast.wati.email, cast.tono.email}


# --- housekeeping -----------------------------------------------------------------------------


def test_the_daily_housekeeping_is_idempotent(cast, time_machine):
    from simpul.audit.models import AuditEvent
    from simpul.monitoring.tasks import daily_monitoring_housekeeping

    time_machine.move_to(_aware(TODAY), tick=False)
    make_world(cast)

    first = daily_monitoring_housekeeping.call()
    outbox.deliver_due()
    sent_after_first = len(mail.outbox)
    events_after_first = AuditEvent.objects.count()
    second = daily_monitoring_housekeeping.call()
    outbox.deliver_due()

    assert sent_after_first >= 1
    assert first["warnings_raised"] == 8
    assert first["digests_sent"] == 3  # Pemkot Yogyakarta's admin, editor and data officer
    assert second["warnings_raised"] == 0
    assert second["digests_sent"] == 0
    assert len(mail.outbox) == sent_after_first
    assert AuditEvent.objects.count() == events_after_first
    assert open_warnings().count() == 8


# --- the agreement's warnings page --------------------------------------------------------------


def test_the_agreements_readers_see_its_open_warnings_and_outsiders_get_404(client, cast):
    world = make_world(cast)
    evaluate(TODAY)
    page_url = reverse("monitoring:warning-list", kwargs={"agreement_pk": world["agreement"].pk})
    client.cookies["django_language"] = "en"

    client.force_login(cast.gita)
    response = client.get(page_url)

    assert response.status_code == 200
    assert response.context["early_warnings"]["count"] == 8
    assert "Critical:" in response.text or "Warning:" in response.text
    client.force_login(cast.budi)
    assert client.get(page_url).status_code == 404
