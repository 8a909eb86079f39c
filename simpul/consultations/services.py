"""Writes of consultations.

    consultation_create(*, agreement, user, sections=(), **fields) -> Consultation
    consultation_update(*, consultation, user, expected_version, sections=None, **fields)
    consultation_publish / consultation_close(*, consultation, user, expected_version)
    consultation_conclude(*, consultation, user, expected_version, outcome)
    sections_from_source(agreement, source) -> list[(heading, body)]   (plan, text, evaluation)
    comment_submit(*, consultation, section, author_name, email, body, fingerprint, language)
    comment_confirm(token) -> ConfirmResult
    comment_moderate(*, comment, user, approve, reason="")
    comment_answer(*, comment, party, user, body)
    comment_mark_change(*, comment, user, led_to_change)
    consultations_close_expired(now) -> int                            (the daily task)

Every edit and every move of a consultation is a kernel claim (simpul.core.claims: `UPDATE …
WHERE version = expected`), so of two people saving the same page the second gets a Conflict
(409) naming who saved first and when, and nothing is overwritten. Comment moderation follows
the COMMENT machine. The claimed row is then saved normally, so the audit registry logs
the change. Anything that changes what the public sees calls public_cache.bump().

Moderators (editors of the parties) are e-mailed as soon as a comment is confirmed and
waits for moderation (not in a daily digest): one short e-mail per confirmed comment, sent by
the worker after the transaction commits.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.agreements.access import EDITOR_ROLES
from simpul.core import outbox
from simpul.core.abuse import token_hash
from simpul.core.claims import claim_instance
from simpul.core.machines import Machine, Move
from simpul.core.public_cache import bump
from simpul.notifications.services import notify, per_person
from simpul.organizations.models import Membership
from simpul.publication.kinds import InfoKind
from simpul.publication.selectors import is_public

from .models import Answer, Comment, Consultation, Section
from .notification_kinds import MODERATION as MODERATION_KIND

logger = logging.getLogger(__name__)

CONFIRM_DAYS = 7
EDITABLE_FIELDS = ("subject", "title", "summary", "opens_at", "closes_at")
# Once open, the text under comment stays as published: only these may still change.
OPEN_EDITABLE_FIELDS = ("title", "summary", "closes_at")


C = Consultation.Status
# The refusals keep their own wording (checked first); the claims use the declared sources.
CONSULTATION = Machine(
    "consultation",
    Move("publish", gettext_lazy("Publish"), (C.DRAFT,), C.OPEN),
    Move("close", gettext_lazy("Close"), (C.OPEN,), C.CLOSED),
    Move("conclude", gettext_lazy("Conclude"), (C.OPEN, C.CLOSED), C.CONCLUDED),
)
S = Comment.Status
COMMENT = Machine(
    "consultation comment",
    Move("confirm", gettext_lazy("Confirm"), (S.UNCONFIRMED,), S.PENDING),
    # A moderator may change their mind: a published comment can be hidden and vice versa.
    Move("approve", gettext_lazy("Publish"), (S.PENDING, S.HIDDEN), S.APPROVED),
    Move("hide", gettext_lazy("Hide"), (S.PENDING, S.APPROVED), S.HIDDEN, note_required=True),
)


def _claim(consultation: Consultation, expected_version, *, user=None, statuses=()) -> None:
    claim_instance(
        consultation,
        version=expected_version if expected_version is not None else consultation.version,
        states=statuses,
        by=user,
    )


def _check_window(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError(
            {"closes_at": _("The consultation must close after it opens.")}, code="window"
        )


# --- sections from existing data --------------------------------------------------------


def _join(lines) -> str:
    return "\n".join(line for line in lines if line).strip()


def sections_from_plan(agreement) -> list[tuple[str, str]]:
    """Objectives, programmes with their activities, and the budget per party and year of
    the agreement's current plan (empty when it has none)."""
    from simpul.core.formats import rupiah, short_date
    from simpul.plans.models import Activity, Objective, Plan, Program
    from simpul.plans.selectors import budget_by_party_year

    plan = Plan.objects.filter(agreement=agreement).first()
    if plan is None:
        return []
    sections = []
    if plan.summary:
        sections.append((_("Summary of the plan"), plan.summary))
    objectives = Objective.objects.filter(plan=plan).order_by("position", "pk")
    if objectives:
        sections.append((_("Objectives"), _join(f"{o.code}. {o.statement}" for o in objectives)))
    activities: dict[int, list] = {}
    for activity in Activity.objects.filter(plan=plan).order_by("position", "pk"):
        activities.setdefault(activity.program_id, []).append(activity)
    for program in Program.objects.filter(plan=plan).order_by("position", "pk"):
        lines = [program.description]
        lines += [
            f"- {a.name} ({short_date(a.start_date)} – {short_date(a.end_date)})"
            for a in activities.get(program.pk, [])
        ]
        sections.append((_("Programme: %(name)s") % {"name": program.name}, _join(lines)))
    budget = budget_by_party_year(agreement)
    if budget:
        sections.append(
            (
                _("Budget by party and year"),
                _join(
                    f"- {row['organization_name']} {row['fiscal_year']}: {rupiah(row['planned'])}"
                    for row in budget
                ),
            )
        )
    return sections


def sections_from_agreement(agreement) -> list[tuple[str, str]]:
    """The agreement's shared vision, mission, objectives and scope (those filled in)."""
    pairs = [
        (_("Shared vision"), agreement.vision),
        (_("Mission"), agreement.mission),
        (_("Objectives"), agreement.objectives),
        (_("Scope"), agreement.scope),
    ]
    return [(heading, body.strip()) for heading, body in pairs if body and body.strip()]


def sections_from_evaluation(evaluation) -> list[tuple[str, str]]:
    """An evaluation's summary, findings by kind and recommendations."""
    from simpul.monitoring.models import Finding

    sections = []
    if evaluation.summary:
        sections.append((_("Summary of the evaluation"), evaluation.summary))
    findings = list(evaluation.findings.order_by("position", "pk"))
    for kind, label in Finding.Kind.choices:
        texts = [f"- {f.text}" for f in findings if f.kind == kind]
        if texts:
            sections.append((str(label), _join(texts)))
    recommendations = list(evaluation.recommendations.order_by("position", "pk"))
    if recommendations:
        sections.append(
            (
                _("Recommendations"),
                _join(f"{i}. {r.text}" for i, r in enumerate(recommendations, 1)),
            )
        )
    return sections


def source_choices(agreement) -> list[tuple[str, str]]:
    """Where the sections of a new consultation can come from."""
    from simpul.monitoring.models import Evaluation

    choices = [
        ("", _("Nothing: I will write the sections")),
        ("plan", _("The current cooperation plan")),
        ("agreement", _("The agreement text (vision, mission, objectives, scope)")),
    ]
    for evaluation in Evaluation.objects.filter(agreement=agreement).order_by("-period_end"):
        choices.append(
            (f"evaluation:{evaluation.pk}", _("Evaluation: %(title)s") % {"title": evaluation})
        )
    return choices


def sections_from_source(agreement, source: str) -> list[tuple[str, str]]:
    from simpul.monitoring.models import Evaluation

    if source == "plan":
        return sections_from_plan(agreement)
    if source == "agreement":
        return sections_from_agreement(agreement)
    if source.startswith("evaluation:"):
        pk = source.partition(":")[2]
        evaluation = Evaluation.objects.filter(agreement=agreement, pk=pk if pk.isdigit() else 0)
        evaluation = evaluation.first()
        return sections_from_evaluation(evaluation) if evaluation else []
    return []


# --- consultations ------------------------------------------------------------------------


def _save_sections(consultation: Consultation, sections) -> None:
    """`sections`: dicts with heading, body and optionally id and delete (from the formset).
    Positions follow the order given."""
    existing = {s.pk: s for s in consultation.sections.all()}
    position = 0
    for row in sections:
        section = existing.get(row.get("id")) if row.get("id") else None
        if row.get("delete"):
            if section is not None:
                section.delete()
            continue
        if not (row.get("heading") or "").strip() and not (row.get("body") or "").strip():
            continue
        position += 1
        if section is None:
            section = Section(consultation=consultation)
        changed = (section.position, section.heading, section.body) != (
            position,
            row["heading"],
            row["body"],
        )
        if changed or section.pk is None:
            section.position = position
            section.heading = row["heading"]
            section.body = row["body"]
            section.full_clean(exclude=["consultation"])
            section.save()


@transaction.atomic
def consultation_create(*, agreement, user, sections=(), source: str = "", **fields):
    fields = {k: v for k, v in fields.items() if k in EDITABLE_FIELDS}
    _check_window(fields.get("opens_at"), fields.get("closes_at"))
    consultation = Consultation(
        agreement=agreement, created_by=user if getattr(user, "pk", None) else None, **fields
    )
    consultation.full_clean(exclude=["agreement", "created_by"])
    consultation.save()
    rows = [dict(row) for row in sections]
    if source:
        rows += [{"heading": h, "body": b} for h, b in sections_from_source(agreement, source)]
    _save_sections(consultation, rows)
    return consultation


@transaction.atomic
def consultation_update(*, consultation, user, expected_version, sections=None, **fields):
    """Draft: everything, sections included. Open: title, summary and closing time only (the
    text under comment stays as published). Closed or concluded: nothing."""
    if consultation.status == Consultation.Status.DRAFT:
        allowed = EDITABLE_FIELDS
    elif consultation.status == Consultation.Status.OPEN:
        allowed, sections = OPEN_EDITABLE_FIELDS, None
    else:
        raise ValidationError(_("A closed consultation can no longer be changed."), code="closed")
    _claim(consultation, expected_version, user=user, statuses=[consultation.status])
    for name in allowed:
        if name in fields:
            setattr(consultation, name, fields[name])
    _check_window(consultation.opens_at, consultation.closes_at)
    consultation.full_clean(exclude=["agreement", "created_by"])
    consultation.save()
    if sections is not None:
        _save_sections(consultation, sections)
    if consultation.status != Consultation.Status.DRAFT:
        transaction.on_commit(bump)
    return consultation


@transaction.atomic
def consultation_publish(*, consultation, user, expected_version):
    """Draft → open: only for an agreement the public may see, with at least one section."""
    if consultation.status != Consultation.Status.DRAFT:
        raise ValidationError(_("This consultation is already published."), code="state")
    if not is_public(consultation.agreement, InfoKind.SUMMARY):
        raise ValidationError(
            _(
                "This agreement is not public yet, so its consultation cannot be published. "
                "Publish the agreement's summary first (it becomes public once the agreement is "
                "signed, or by a publication decision)."
            ),
            code="not_public",
        )
    if not consultation.sections.exists():
        raise ValidationError(
            _("Add at least one section for people to comment on before publishing."),
            code="empty",
        )
    if consultation.closes_at <= timezone.now():
        raise ValidationError(
            {"closes_at": _("The closing time has passed; set a later one before publishing.")},
            code="window",
        )
    move = CONSULTATION.move("publish")
    _claim(consultation, expected_version, user=user, statuses=move.sources)
    consultation.status = move.target
    consultation.save()
    transaction.on_commit(bump)
    return consultation


@transaction.atomic
def consultation_close(*, consultation, user, expected_version):
    move = CONSULTATION.move("close")
    if not move.applies_to(consultation.status):
        raise ValidationError(_("Only an open consultation can be closed."), code="state")
    _claim(consultation, expected_version, user=user, statuses=move.sources)
    consultation.status = move.target
    now = timezone.now()
    if consultation.closes_at > now:
        consultation.closes_at = max(now, consultation.opens_at + timedelta(seconds=1))
    consultation.save()
    transaction.on_commit(bump)
    return consultation


@transaction.atomic
def consultation_conclude(*, consultation, user, expected_version, outcome: str):
    """Open or closed → concluded, with the account of what changed because of the
    comments (required)."""
    move = CONSULTATION.move("conclude")
    if not move.applies_to(consultation.status):
        raise ValidationError(_("Only a published consultation can be concluded."), code="state")
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError(
            {
                "outcome": _(
                    "Say what changed because of the comments (or that nothing did, and why)."
                )
            },
            code="required",
        )
    was_open = consultation.status == Consultation.Status.OPEN
    _claim(consultation, expected_version, user=user, statuses=[consultation.status])
    now = timezone.now()
    if was_open and consultation.closes_at > now:
        consultation.closes_at = max(now, consultation.opens_at + timedelta(seconds=1))
    consultation.status = move.target
    consultation.outcome = outcome
    consultation.concluded_at = now
    consultation.save()
    transaction.on_commit(bump)
    return consultation


def consultations_close_expired(now=None) -> int:
    """Close the open consultations whose window has ended (idempotent)."""
    now = now or timezone.now()
    closed = 0
    for consultation in Consultation.objects.filter(
        status=Consultation.Status.OPEN, closes_at__lte=now
    ).select_related("agreement"):
        try:
            consultation_close(
                consultation=consultation, user=None, expected_version=consultation.version
            )
        except ValidationError:
            continue  # someone moved it meanwhile
        closed += 1
    return closed


# --- comments -----------------------------------------------------------------------------


@dataclass
class Submitted:
    comment: Comment
    token: str


def comment_submit(*, consultation, section, author_name, email, body, fingerprint) -> Submitted:
    """Store an unconfirmed comment and e-mail its author a confirmation link in the active
    language. The caller has checked the form, the honeypot and the rate limit."""
    if not consultation.is_accepting_comments:
        raise ValidationError(_("This consultation is not open for comments."), code="closed")
    if section.consultation_id != consultation.pk:
        raise ValidationError(_("Choose a section of this consultation."), code="section")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        comment = Comment(
            section=section,
            author_name=author_name,
            email=email,
            body=body,
            confirm_token_hash=token_hash(token),
            ip_hash=fingerprint,
        )
        comment.full_clean()
        comment.save()
        _send_confirmation(comment, consultation, token)
    return Submitted(comment, token)


def _send_confirmation(comment: Comment, consultation: Consultation, token: str) -> None:
    context = {
        "comment": comment,
        "consultation": consultation,
        "confirm_url": settings.SITE_URL
        + reverse("consultations_public:confirm", kwargs={"token": token}),
        "days": CONFIRM_DAYS,
    }
    subject = " ".join(render_to_string("consultations/email/confirm_subject.txt", context).split())
    outbox.enqueue(
        key=f"comment-confirm:{comment.pk}",
        to=comment.email,
        subject=subject,
        text=render_to_string("consultations/email/confirm.txt", context),
        html=render_to_string("consultations/email/confirm.html", context),
        language=translation.get_language() or "",
    )


class ConfirmResult:
    CONFIRMED = "confirmed"
    ALREADY = "already"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def comment_confirm(token: str, now=None) -> tuple[str, Comment | None]:
    """Confirm the e-mail address behind a comment: it goes to moderation and the moderators
    are told. Wrong tokens find nothing; tokens older than CONFIRM_DAYS have expired."""
    now = now or timezone.now()
    if not token or len(token) > 100:
        return ConfirmResult.UNKNOWN, None
    comment = (
        Comment.objects.filter(confirm_token_hash=token_hash(token))
        .select_related("section__consultation__agreement")
        .first()
    )
    if comment is None:
        return ConfirmResult.UNKNOWN, None
    if comment.status != Comment.Status.UNCONFIRMED:
        return ConfirmResult.ALREADY, comment
    if comment.created_at < now - timedelta(days=CONFIRM_DAYS):
        return ConfirmResult.EXPIRED, comment
    with transaction.atomic():
        move = COMMENT.move("confirm")
        # Comments carry no version: the status condition alone makes a second click a no-op.
        updated = Comment.objects.filter(pk=comment.pk, status__in=move.sources).update(
            status=move.target, confirmed_at=now
        )
        if not updated:
            return ConfirmResult.ALREADY, comment
        comment.status = move.target
        comment.confirmed_at = now
        from simpul.audit.services import record

        record(
            action="update",
            obj=comment,
            changes={
                "step": "confirmed",
                "status": [Comment.Status.UNCONFIRMED, Comment.Status.PENDING],
            },
        )
        from .tasks import notify_moderators

        transaction.on_commit(lambda: notify_moderators.enqueue(comment_id=comment.pk))
    return ConfirmResult.CONFIRMED, comment


def moderators_of(agreement):
    """Active editors (admin, coordinator, editor) of the parties and of the registering
    organisation."""
    from simpul.accounts.models import User

    org_ids = set(agreement.parties.values_list("organization_id", flat=True))
    org_ids.add(agreement.owner_id)
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(organization_id__in=org_ids, role__in=EDITOR_ROLES).values(
            "user_id"
        ),
    ).order_by("pk")


def moderators_notify(comment_id: int) -> int:
    """Tell each moderator, in their own language, that a comment waits for them (a
    notification, mailed at once unless they chose otherwise; a re-run after a crash
    notifies nobody twice)."""
    comment = (
        Comment.objects.filter(pk=comment_id, status=Comment.Status.PENDING)
        .select_related("section__consultation__agreement")
        .first()
    )
    if comment is None:
        return 0
    consultation = comment.section.consultation
    url = consultation.get_absolute_url() + "#moderation"
    context = {
        "comment": comment,
        "consultation": consultation,
        "url": settings.SITE_URL + url,
        "base_template": "notifications/email/body_only.txt",
    }
    agreement = consultation.agreement
    return notify(
        kind=MODERATION_KIND,
        recipients=moderators_of(agreement),
        key=f"comment-moderate:{comment.pk}",
        title=per_person(
            lambda: " ".join(
                render_to_string("consultations/email/moderate_subject.txt", context).split()
            )
        ),
        body=per_person(
            lambda: render_to_string("consultations/email/moderate.txt", context).strip()
        ),
        url=url,
        subject=f"consultation:{consultation.pk}",
        group=f"agreement:{agreement.pk}",
        group_label=f"{agreement.reference_code} {agreement.title}",
    )


@transaction.atomic
def comment_moderate(*, comment, user, approve: bool, reason: str = "") -> Comment:
    """Approve a confirmed comment, or hide it with a reason the public sees in its place."""
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Give the reason for hiding; the public sees it in place of the comment."
                )
            },
            code="reason",
        )
    if len(reason) > 300:
        raise ValidationError(
            {"reason": _("Keep the reason under 300 characters.")}, code="reason_length"
        )
    move = COMMENT.move("approve" if approve else "hide", current=comment.status, note=reason)
    comment.status = move.target
    comment.hide_reason = "" if approve else reason
    if approve is False:
        comment.led_to_change = False
    comment.moderated_by = user if getattr(user, "pk", None) else None
    comment.moderated_at = timezone.now()
    comment.save()
    transaction.on_commit(bump)
    return comment


@transaction.atomic
def comment_answer(*, comment, party, user, body: str) -> Answer:
    """The party's official answer to a published comment (a second answer replaces the
    first)."""
    body = (body or "").strip()
    if comment.status != Comment.Status.APPROVED:
        raise ValidationError(_("Only published comments can be answered."), code="state")
    if party.agreement_id != comment.section.consultation.agreement_id:
        raise ValidationError(_("Choose one of the agreement's parties."), code="party")
    if not body:
        raise ValidationError({"body": _("Write the answer.")}, code="required")
    answer = Answer.objects.filter(comment=comment).first() or Answer(comment=comment)
    answer.party = party
    answer.body = body
    answer.answered_by = user if getattr(user, "pk", None) else None
    answer.save()
    transaction.on_commit(bump)
    return answer


@transaction.atomic
def comment_mark_change(*, comment, user, led_to_change: bool) -> Comment:
    if comment.status != Comment.Status.APPROVED:
        raise ValidationError(
            _("Only published comments can be marked as having led to a change."), code="state"
        )
    comment.led_to_change = bool(led_to_change)
    comment.save()
    transaction.on_commit(bump)
    return comment
