"""Early warnings (issue 4 §6): rules evaluated daily by the worker, addressed to the
organisation that can act, shown on its members' dashboards and e-mailed as a digest.

    warnings_evaluate(today) -> dict            raise, refresh and resolve open warnings
    warnings_digest_send(now) -> int            e-mail each person the warnings new to them
    warning_message(warning) -> str             the warning in the active language

Each rule is a function `rule_<code>(today, threshold) -> list[Found]` that finds its
subjects with one set-based query (never one per agreement), so evaluating the whole country
costs a constant number of queries. A rule's `threshold` (WarningRule.threshold, defaults
in defaults.WARNING_RULES) is in days, except low_absorption's, which is a percentage.
Only agreements in force (ACTIVE_STATES) are watched.

A warning is addressed to the organisation of the party responsible for its subject (the
party that must submit the data, the activity's or indicator's responsible party, the
follow-up's owner), else to the agreement's registering organisation. Its `params` hold
only language-neutral values (codes, names, ISO dates, numbers as strings), so the message
is rendered in the reader's language. An open warning is unique per rule, subject and
organisation: evaluating again refreshes it (last_seen_at, params), a subject no longer found
resolves it, and a disabled rule raises nothing and resolves what it raised before.
"""

import calendar
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from simpul.agreements.models import ACTIVE_STATES, Agreement
from simpul.core.formats import long_date
from simpul.notifications.services import notify, per_person
from simpul.organizations.models import Membership
from simpul.plans.models import Activity, BudgetLine, Plan, PlanEvent

from ..models import (
    EarlyWarning,
    Evaluation,
    FollowUp,
    Indicator,
    ReportingPeriod,
    Submission,
    WarningRule,
)
from ..notification_kinds import WARNINGS as WARNINGS_KIND
from ..periods import period_label

Severity = EarlyWarning.Severity

# Who receives the digest: the same roles that may enter data or better (access.py).
DIGEST_ROLES = (
    Membership.Role.ADMIN,
    Membership.Role.COORDINATOR,
    Membership.Role.EDITOR,
    Membership.Role.DATA_OFFICER,
)
# The digest lists critical warnings first.
SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}
# Data this many days past the threshold, or an agreement ending this soon, is critical.
CRITICAL_DAYS = 30


@dataclass
class Found:
    agreement_id: int
    organization_id: int
    subject_key: str
    params: dict
    link: str
    severity: str = Severity.WARNING


# --- helpers ------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def evaluation_interval_months(evaluations_per_year: int | None) -> int:
    """12 months for one evaluation a year, 6 for two (Kota Yogyakarta), at least 1."""
    per_year = max(1, min(12, evaluations_per_year or 1))
    return 12 // per_year


def evaluation_next_due(
    *, start: date | None, last_period_end: date | None, evaluations_per_year: int | None
) -> date | None:
    """When the next evaluation is due: the end of the interval that follows the period the
    last final evaluation covered, or that starts with the agreement when there is none yet.
    Twice a year from 1 January 2025: 30 June 2025, then (after one covering until then)
    31 December 2025."""
    if last_period_end is not None:
        next_start = last_period_end + timedelta(days=1)
    elif start is not None:
        next_start = start
    else:
        return None
    return add_months(next_start, evaluation_interval_months(evaluations_per_year)) - timedelta(
        days=1
    )


def _link(url_name: str, fallback: str, **kwargs) -> str:
    """A page of another area; the agreement page while that area's URL is not installed."""
    try:
        return reverse(url_name, kwargs=kwargs)
    except NoReverseMatch:
        return fallback


def _agreement_url(agreement_id: int) -> str:
    return reverse("agreements:agreement-detail", kwargs={"pk": agreement_id})


def _days(threshold) -> int:
    return int(threshold or 0)


def _in_force(prefix: str = "") -> Q:
    return Q(**{f"{prefix}state__in": ACTIVE_STATES})


# --- the rules ----------------------------------------------------------------------------


def rule_late_data(today: date, threshold) -> list[Found]:
    """A party whose data for an open reporting period is marked late (Submission.is_late,
    decided in the party's zone, services/lateness.py) and still not submitted or verified,
    more than `threshold` days after the due date. Addressed to that party's organisation.
    Closed and locked periods accept no data, so they are not chased."""
    cutoff = today - timedelta(days=_days(threshold))
    rows = (
        Submission.objects.filter(
            _in_force("period__agreement__"),
            is_late=True,
            period__status=ReportingPeriod.Status.OPEN,
            period__due_date__lt=cutoff,
        )
        .exclude(status__in=(Submission.Status.SUBMITTED, Submission.Status.VERIFIED))
        .values(
            "party_id",
            "period_id",
            "period__agreement_id",
            "party__organization_id",
            "party__organization__name",
            "period__agreement__reference_code",
            "period__due_date",
            "period__frequency",
            "period__year",
            "period__number",
        )
    )
    found = []
    for row in rows:
        late_days = (today - row["period__due_date"]).days
        found.append(
            Found(
                agreement_id=row["period__agreement_id"],
                organization_id=row["party__organization_id"],
                subject_key=f"period:{row['period_id']}:party:{row['party_id']}",
                severity=Severity.CRITICAL
                if late_days > _days(threshold) + CRITICAL_DAYS
                else Severity.WARNING,
                params={
                    "agreement": row["period__agreement__reference_code"],
                    "party": row["party__organization__name"],
                    "frequency": row["period__frequency"],
                    "year": row["period__year"],
                    "number": row["period__number"],
                    "due_date": row["period__due_date"].isoformat(),
                },
                link=_link(
                    "monitoring:period-detail",
                    _agreement_url(row["period__agreement_id"]),
                    agreement_pk=row["period__agreement_id"],
                    pk=row["period_id"],
                ),
            )
        )
    return found


def rule_off_track(today: date, threshold) -> list[Found]:
    """An indicator whose latest verified value puts it off track. Addressed to the
    indicator's responsible party, else the registering organisation."""
    rows = Indicator.objects.filter(
        _in_force("agreement__"), status=Indicator.Status.OFF_TRACK
    ).values(
        "pk",
        "code",
        "name",
        "progress",
        "agreement_id",
        "agreement__reference_code",
        "agreement__owner_id",
        "responsible_party__organization_id",
    )
    return [
        Found(
            agreement_id=row["agreement_id"],
            organization_id=row["responsible_party__organization_id"] or row["agreement__owner_id"],
            subject_key=f"indicator:{row['pk']}",
            params={
                "agreement": row["agreement__reference_code"],
                "code": row["code"],
                "name": row["name"],
                "progress": None if row["progress"] is None else str(row["progress"]),
            },
            link=_link(
                "monitoring:indicator-detail",
                _agreement_url(row["agreement_id"]),
                agreement_pk=row["agreement_id"],
                pk=row["pk"],
            ),
        )
        for row in rows
    ]


def rule_low_absorption(today: date, threshold) -> list[Found]:
    """After mid-year, a party that has realised less than `threshold` percent of its budget
    planned for this fiscal year (Indonesian fiscal years are calendar years). Addressed to
    that party's organisation."""
    if today < date(today.year, 7, 1):
        return []
    limit = Decimal(threshold if threshold is not None else 50)
    money = DecimalField(max_digits=20, decimal_places=2)
    rows = (
        BudgetLine.objects.filter(_in_force("plan__agreement__"), fiscal_year=today.year)
        .values(
            "party_id",
            "party__organization_id",
            "party__organization__name",
            "plan__agreement_id",
            "plan__agreement__reference_code",
        )
        .annotate(
            planned_total=Sum("planned"),
            realised_total=Coalesce(Sum("realised"), Decimal(0), output_field=money),
        )
        .filter(planned_total__gt=0)
        .annotate(
            realised_scaled=ExpressionWrapper(F("realised_total") * 100, output_field=money),
            planned_scaled=ExpressionWrapper(F("planned_total") * limit, output_field=money),
        )
        .filter(realised_scaled__lt=F("planned_scaled"))
        .order_by()
    )
    found = []
    for row in rows:
        absorption = (row["realised_total"] * 100 / row["planned_total"]).quantize(Decimal("0.1"))
        agreement_id = row["plan__agreement_id"]
        found.append(
            Found(
                agreement_id=agreement_id,
                organization_id=row["party__organization_id"],
                subject_key=f"budget:{today.year}:party:{row['party_id']}",
                params={
                    "agreement": row["plan__agreement__reference_code"],
                    "party": row["party__organization__name"],
                    "year": today.year,
                    "absorption": str(absorption),
                    "threshold": str(limit.normalize()),
                },
                link=_link(
                    "monitoring:results-dashboard",
                    _agreement_url(agreement_id),
                    agreement_pk=agreement_id,
                )
                + "#budget-section",
            )
        )
    return found


def rule_activity_overdue(today: date, threshold) -> list[Found]:
    """An activity whose end date passed more than `threshold` days ago and that is neither
    done nor cancelled. Addressed to its responsible party, else the registering one."""
    cutoff = today - timedelta(days=_days(threshold))
    rows = (
        Activity.objects.filter(_in_force("plan__agreement__"), end_date__lt=cutoff)
        .exclude(status__in=(Activity.Status.DONE, Activity.Status.CANCELLED))
        .values(
            "pk",
            "name",
            "end_date",
            "plan__agreement_id",
            "plan__agreement__reference_code",
            "plan__agreement__owner_id",
            "responsible__organization_id",
        )
    )
    return [
        Found(
            agreement_id=row["plan__agreement_id"],
            organization_id=row["responsible__organization_id"] or row["plan__agreement__owner_id"],
            subject_key=f"activity:{row['pk']}",
            params={
                "agreement": row["plan__agreement__reference_code"],
                "name": row["name"],
                "end_date": row["end_date"].isoformat(),
            },
            link=_link(
                "plans:plan-detail",
                _agreement_url(row["plan__agreement_id"]),
                agreement_pk=row["plan__agreement_id"],
            )
            + "#timeline",
        )
        for row in rows
    ]


def rule_agreement_expiring(today: date, threshold) -> list[Found]:
    """An agreement in force that ends within `threshold` days (the same states the expiry
    reminders watch, agreements.services.reminders). Addressed to the registering
    organisation, which prepares an addendum or the closing evaluation."""
    horizon = today + timedelta(days=_days(threshold))
    rows = (
        Agreement.objects.in_force()
        .filter(end_date__gte=today, end_date__lte=horizon)
        .values("pk", "reference_code", "title", "end_date", "owner_id")
    )
    return [
        Found(
            agreement_id=row["pk"],
            organization_id=row["owner_id"],
            subject_key=f"agreement:{row['pk']}:end:{row['end_date'].isoformat()}",
            severity=Severity.CRITICAL
            if (row["end_date"] - today).days <= CRITICAL_DAYS
            else Severity.WARNING,
            params={
                "agreement": row["reference_code"],
                "title": row["title"],
                "end_date": row["end_date"].isoformat(),
            },
            link=_agreement_url(row["pk"]),
        )
        for row in rows
    ]


def rule_plan_not_approved(today: date, threshold) -> list[Found]:
    """The plan of an agreement in force is still not approved `threshold` days after it was
    created, or after it was last submitted, returned or reopened for revision. Addressed
    to the registering organisation, which steers the plan through approval."""
    # Midnight of `today` in the active zone, so the rule is evaluated for the day it is given.
    since = timezone.make_aware(datetime.combine(today, time())) - timedelta(days=_days(threshold))
    last_move = (
        PlanEvent.objects.filter(
            plan_id=OuterRef("pk"),
            kind__in=(
                PlanEvent.Kind.SUBMITTED,
                PlanEvent.Kind.RETURNED,
                PlanEvent.Kind.REVISION_STARTED,
            ),
        )
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    rows = (
        Plan.objects.filter(_in_force("agreement__"))
        .exclude(status=Plan.Status.APPROVED)
        .annotate(waiting_since=Coalesce(Subquery(last_move), F("created_at")))
        .filter(waiting_since__lt=since)
        .values(
            "pk",
            "status",
            "number",
            "waiting_since",
            "agreement_id",
            "agreement__reference_code",
            "agreement__owner_id",
        )
    )
    return [
        Found(
            agreement_id=row["agreement_id"],
            organization_id=row["agreement__owner_id"],
            subject_key=f"plan:{row['pk']}:v{row['number']}",
            params={
                "agreement": row["agreement__reference_code"],
                "status": row["status"],
                "number": row["number"],
                "since": timezone.localdate(row["waiting_since"]).isoformat(),
            },
            link=_link(
                "plans:plan-detail",
                _agreement_url(row["agreement_id"]),
                agreement_pk=row["agreement_id"],
            ),
        )
        for row in rows
    ]


def rule_evaluation_overdue(today: date, threshold) -> list[Found]:
    """No final evaluation `threshold` days after one was due: one is due every
    12 / evaluations_per_year months from the agreement's start, or from the end of the
    period the last final evaluation covered. Addressed to the registering organisation.
    One query reads every agreement in force with its last evaluation; the month arithmetic
    is done here, since each database spells it differently."""
    rows = (
        Agreement.objects.in_force()
        .filter(start_date__isnull=False, start_date__lte=today)
        .annotate(
            last_period_end=Max(
                "evaluations__period_end",
                filter=Q(evaluations__status=Evaluation.Status.FINAL),
            ),
        )
        .values(
            "pk",
            "reference_code",
            "owner_id",
            "start_date",
            "last_period_end",
            "monitoring_setup__evaluations_per_year",
        )
        .order_by()
    )
    found = []
    for row in rows:
        per_year = row["monitoring_setup__evaluations_per_year"] or 1
        due = evaluation_next_due(
            start=row["start_date"],
            last_period_end=row["last_period_end"],
            evaluations_per_year=per_year,
        )
        if due is None or today <= due + timedelta(days=_days(threshold)):
            continue
        found.append(
            Found(
                agreement_id=row["pk"],
                organization_id=row["owner_id"],
                subject_key=f"evaluation:{row['pk']}:due:{due.isoformat()}",
                params={
                    "agreement": row["reference_code"],
                    "due_date": due.isoformat(),
                    "per_year": per_year,
                },
                link=reverse("monitoring:evaluation-list", kwargs={"agreement_pk": row["pk"]}),
            )
        )
    return found


def rule_follow_up_overdue(today: date, threshold) -> list[Found]:
    """A follow-up action still open or in progress more than `threshold` days after its
    due date. Addressed to its owner party's organisation."""
    cutoff = today - timedelta(days=_days(threshold))
    rows = FollowUp.objects.filter(
        _in_force("recommendation__evaluation__agreement__"),
        status__in=(FollowUp.Status.OPEN, FollowUp.Status.IN_PROGRESS),
        due_date__lt=cutoff,
    ).values(
        "pk",
        "action",
        "due_date",
        "owner__organization_id",
        "owner__organization__name",
        "recommendation__evaluation_id",
        "recommendation__evaluation__agreement_id",
        "recommendation__evaluation__agreement__reference_code",
    )
    found = []
    for row in rows:
        agreement_id = row["recommendation__evaluation__agreement_id"]
        found.append(
            Found(
                agreement_id=agreement_id,
                organization_id=row["owner__organization_id"],
                subject_key=f"follow_up:{row['pk']}",
                params={
                    "agreement": row["recommendation__evaluation__agreement__reference_code"],
                    "action": row["action"],
                    "party": row["owner__organization__name"],
                    "due_date": row["due_date"].isoformat(),
                },
                link=reverse(
                    "monitoring:evaluation-detail",
                    kwargs={
                        "agreement_pk": agreement_id,
                        "pk": row["recommendation__evaluation_id"],
                    },
                )
                + f"#follow-up-{row['pk']}",
            )
        )
    return found


RULES = {
    "late_data": rule_late_data,
    "off_track": rule_off_track,
    "low_absorption": rule_low_absorption,
    "activity_overdue": rule_activity_overdue,
    "agreement_expiring": rule_agreement_expiring,
    "plan_not_approved": rule_plan_not_approved,
    "evaluation_overdue": rule_evaluation_overdue,
    "follow_up_overdue": rule_follow_up_overdue,
}


# --- evaluating ---------------------------------------------------------------------------


def warnings_evaluate(today: date | None = None) -> dict:
    """Run every enabled rule and bring the open warnings in line with what they found.
    Returns counts: raised (new), refreshed (still open), resolved. Idempotent: a second
    run on the same day raises and resolves nothing."""
    today = today or timezone.localdate()
    now = timezone.now()
    rules = {rule.code: rule for rule in WarningRule.objects.all()}
    found: dict[tuple[str, str, int], Found] = {}
    for code, check in RULES.items():
        rule = rules.get(code)
        if rule is None or not rule.enabled:
            continue
        for item in check(today, rule.threshold):
            found.setdefault((code, item.subject_key, item.organization_id), item)

    with transaction.atomic():
        open_warnings = {
            (w.rule_code, w.subject_key, w.organization_id): w
            for w in EarlyWarning.objects.filter(resolved_at__isnull=True)
        }
        stale = [w.pk for key, w in open_warnings.items() if key not in found]
        seen = [w.pk for key, w in open_warnings.items() if key in found]
        changed = []
        for key, warning in open_warnings.items():
            item = found.get(key)
            if item is None:
                continue
            if (warning.params, warning.severity, warning.link) != (
                item.params,
                item.severity,
                item.link,
            ):
                warning.params, warning.severity, warning.link = (
                    item.params,
                    item.severity,
                    item.link,
                )
                changed.append(warning)
        new = [
            EarlyWarning(
                rule_code=code,
                agreement_id=item.agreement_id,
                organization_id=organization_id,
                subject_key=subject_key,
                severity=item.severity,
                params=item.params,
                link=item.link,
                first_seen_at=now,
                last_seen_at=now,
            )
            for (code, subject_key, organization_id), item in found.items()
            if (code, subject_key, organization_id) not in open_warnings
        ]
        if stale:
            EarlyWarning.objects.filter(pk__in=stale).update(resolved_at=now)
        if seen:
            EarlyWarning.objects.filter(pk__in=seen).update(last_seen_at=now)
        if changed:
            EarlyWarning.objects.bulk_update(
                changed, ["params", "severity", "link"], batch_size=500
            )
        if new:
            # A second worker evaluating at the same moment may have raised the same warning;
            # the open-once constraint keeps one and this insert skips it.
            EarlyWarning.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return {"raised": len(new), "refreshed": len(seen), "resolved": len(stale)}


# --- reading ------------------------------------------------------------------------------


def _date(value: str) -> str:
    try:
        return long_date(date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def _number(value) -> str:
    if value is None:
        return "—"
    return formats.number_format(Decimal(str(value)), 1)


def warning_message(warning: EarlyWarning) -> str:
    """The warning as one sentence in the active language."""
    p = dict(warning.params or {})
    code = warning.rule_code
    if code == "late_data":
        period = period_label(p["frequency"], p["year"], p["number"])
        return _(
            "%(agreement)s: %(party)s has not submitted the data for %(period)s, due on %(due)s."
        ) % {
            "agreement": p["agreement"],
            "party": p["party"],
            "period": period,
            "due": _date(p["due_date"]),
        }
    if code == "off_track":
        return _(
            "%(agreement)s: indicator %(code)s “%(name)s” is off track (%(progress)s%% of its "
            "target)."
        ) % {
            "agreement": p["agreement"],
            "code": p["code"],
            "name": p["name"],
            "progress": _number(p.get("progress")),
        }
    if code == "low_absorption":
        return _(
            "%(agreement)s: %(party)s has realised %(absorption)s%% of its %(year)s budget, "
            "below %(threshold)s%%."
        ) % {
            "agreement": p["agreement"],
            "party": p["party"],
            "absorption": _number(p["absorption"]),
            "year": p["year"],
            "threshold": _number(p["threshold"]),
        }
    if code == "activity_overdue":
        return _("%(agreement)s: activity “%(name)s” should have ended on %(end)s.") % {
            "agreement": p["agreement"],
            "name": p["name"],
            "end": _date(p["end_date"]),
        }
    if code == "agreement_expiring":
        return _("%(agreement)s “%(title)s” ends on %(end)s.") % {
            "agreement": p["agreement"],
            "title": p["title"],
            "end": _date(p["end_date"]),
        }
    if code == "plan_not_approved":
        return _(
            "%(agreement)s: version %(number)s of the plan is still not approved (waiting "
            "since %(since)s)."
        ) % {"agreement": p["agreement"], "number": p["number"], "since": _date(p["since"])}
    if code == "evaluation_overdue":
        return _("%(agreement)s: an evaluation was due on %(due)s and none has been finalised.") % {
            "agreement": p["agreement"],
            "due": _date(p["due_date"]),
        }
    if code == "follow_up_overdue":
        return _("%(agreement)s: follow-up “%(action)s” by %(party)s was due on %(due)s.") % {
            "agreement": p["agreement"],
            "action": p["action"],
            "party": p["party"],
            "due": _date(p["due_date"]),
        }
    return _("%(agreement)s: early warning “%(rule)s”.") % {
        "agreement": p.get("agreement", ""),
        "rule": code,
    }


def rule_label(code: str) -> str:
    labels = {
        "late_data": _("Late data"),
        "off_track": _("Indicator off track"),
        "low_absorption": _("Low budget absorption"),
        "activity_overdue": _("Activity overdue"),
        "agreement_expiring": _("Agreement ending"),
        "plan_not_approved": _("Plan not approved"),
        "evaluation_overdue": _("Evaluation overdue"),
        "follow_up_overdue": _("Follow-up overdue"),
    }
    return labels.get(code, code)


def warning_items(warnings) -> list[dict]:
    """Warnings ready for a template: the object, its message and rule label, rendered in
    the active language."""
    return [
        {"warning": w, "message": warning_message(w), "rule": rule_label(w.rule_code)}
        for w in warnings
    ]


# --- the digest ---------------------------------------------------------------------------


def warnings_digest_send(now=None) -> int:
    """Put in the outbox, for every active member with a data-entry role or better in an
    addressed organisation, one digest of the open warnings not digested yet, and mark them
    digested. Returns the number of e-mails enqueued; a second run enqueues nothing until new
    warnings come. The marks and the outbox rows commit together, and the worker delivers
    the rows afterwards, so a crash neither loses a digest nor sends one twice."""
    now = now or timezone.now()
    with transaction.atomic():
        pending = list(
            EarlyWarning.objects.filter(resolved_at__isnull=True, digested_at__isnull=True)
            .select_related("agreement", "organization")
            .order_by("first_seen_at", "pk")
        )
        pending.sort(key=lambda w: SEVERITY_RANK.get(w.severity, len(SEVERITY_RANK)))
        if not pending:
            return 0
        by_org: dict[int, list[EarlyWarning]] = {}
        for warning in pending:
            by_org.setdefault(warning.organization_id, []).append(warning)
        memberships = (
            Membership.objects.filter(
                organization_id__in=by_org, role__in=DIGEST_ROLES, user__is_active=True
            )
            .select_related("user")
            .order_by("user_id", "organization_id")
        )
        people: dict[int, tuple] = {}
        for membership in memberships:
            user, org_ids = people.setdefault(membership.user_id, (membership.user, []))
            org_ids.append(membership.organization_id)
        sent = 0
        for user, org_ids in people.values():
            warnings = [w for org_id in org_ids for w in by_org[org_id]]
            sent += _enqueue_digest(user, warnings, now)
        EarlyWarning.objects.filter(pk__in=[w.pk for w in pending]).update(digested_at=now)
    return sent


def _enqueue_digest(user, warnings: list[EarlyWarning], now) -> int:
    """The person's summary of new warnings, as one notification (mailed at once unless they
    chose otherwise), with its HTML part."""

    def context() -> dict:
        return {
            "user": user,
            "items": [
                {**item, "url": settings.SITE_URL + (item["warning"].link or "")}
                for item in warning_items(warnings)
            ],
            "count": len(warnings),
            "site_url": settings.SITE_URL,
            "dashboard_url": settings.SITE_URL + reverse("dashboard:home"),
        }

    # The key names the warnings it reports, so a later digest the same day (new warnings)
    # is a new message while a re-run of this one is not.
    ids = hashlib.sha256(",".join(str(w.pk) for w in sorted(warnings, key=lambda w: w.pk)).encode())
    agreements = {w.agreement_id for w in warnings}
    only = warnings[0].agreement if len(agreements) == 1 else None
    return notify(
        kind=WARNINGS_KIND,
        recipients=[user],
        key=f"warning-digest:{now.date().isoformat()}:{ids.hexdigest()[:16]}",
        title=per_person(
            lambda: " ".join(
                render_to_string("monitoring/email/warnings_digest_subject.txt", context()).split()
            )
        ),
        body=per_person(
            lambda: render_to_string("monitoring/email/warnings_digest.txt", context())
        ),
        email_html=per_person(
            lambda: render_to_string("monitoring/email/warnings_digest.html", context())
        ),
        url=reverse("dashboard:home"),
        group=f"agreement:{only.pk}" if only else "",
        group_label=f"{only.reference_code} {only.title}" if only else "",
    )


__all__ = [
    "RULES",
    "add_months",
    "evaluation_interval_months",
    "evaluation_next_due",
    "rule_label",
    "warning_items",
    "warning_message",
    "warnings_digest_send",
    "warnings_evaluate",
]
