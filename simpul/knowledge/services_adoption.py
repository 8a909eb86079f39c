"""The adoption loop's writes: interest → visit (a submitted learning report of the adopting
organisation) → decision (adopt, adapt or not now, with the reason) → plan (an agreement or
plan activity of the adopter, and a follow-up indicator). Moves are the `ADOPTION` machine,
claimed on the adoption's version, so of two people deciding at once one gets a Conflict."""

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.accounts.models import User
from simpul.agreements.models import Agreement
from simpul.core.claims import claim_instance
from simpul.core.errors import NotAllowed
from simpul.core.machines import Machine, Move
from simpul.core.public_cache import bump
from simpul.meetings.models import LearningReport
from simpul.meetings.services.common import audit_claimed
from simpul.monitoring.models import Indicator
from simpul.notifications.services import notify, per_person
from simpul.organizations.models import Membership, Organization
from simpul.plans.models import Activity

from . import access
from .models import Adoption, KnowledgeItem
from .notification_kinds import ADOPTION as ADOPTION_KIND
from .services import KnowledgeInvalid

ADOPTION = Machine(
    "adoption",
    Move("visit", gettext_lazy("Record the visit"), sources=("interested", "visited"),
         target="visited"),
    Move("decide", gettext_lazy("Record the decision"), sources=("interested", "visited"),
         target="decided"),
    Move("plan", gettext_lazy("Record the adoption plan"), sources=("decided", "implementing"),
         target="implementing"),
)  # fmt: skip

# Who hears of an adopter's decision in the organisation that shared the item.
OWNER_ROLES = (Membership.Role.ADMIN, Membership.Role.COORDINATOR, Membership.Role.EDITOR)

# A decision other than adopting as it is says why (what is changed, or why not now).
REASON_NEEDED = (Adoption.Decision.ADAPT, Adoption.Decision.NOT_NOW)


def _check_writer(user: Any, adoption: Adoption) -> None:
    if user is not None and not access.adoption_can_write(user, adoption):
        raise NotAllowed(
            _("Only %(organization)s's editors record its adoption.")
            % {"organization": adoption.organization.name},
            code="not_adopter",
        )


def adoption_express_interest(
    *, item: KnowledgeItem, user: Any, organization: Organization, note: str = ""
) -> Adoption:
    """`organization` is interested in the practice (`user=None`: the system, for the demo)."""
    if user is not None and organization not in access.adoption_organizations(user, item):
        raise NotAllowed(_("You do not record interest for this organisation."), code="owner")
    if organization.pk == item.owner_id:
        raise KnowledgeInvalid(_("An organisation does not adopt its own practice."), "own")
    duplicate = KnowledgeInvalid(
        _("%(organization)s has marked its interest already.")
        % {"organization": organization.name},
        code="duplicate",
    )
    if Adoption.objects.filter(item=item).filter(organization=organization).exists():
        raise duplicate
    by = user if getattr(user, "pk", None) else None
    try:
        with transaction.atomic():
            return Adoption.objects.create(
                item=item, organization=organization, interest_note=note.strip(),
                created_by=by, changed_by=by,
            )  # fmt: skip
    except IntegrityError as error:  # the same organisation, a moment earlier
        raise duplicate from error


def _claim(adoption: Adoption, user: Any, version: int | None, action: str, **values: Any):
    move = ADOPTION.move(action)
    before = {name: getattr(adoption, name) for name in ("status", *values)}
    with transaction.atomic():
        claim_instance(
            adoption, version=version, states=move.sources, by=user,
            set={"status": move.target, **values},
        )  # fmt: skip
        audit_claimed(adoption, f"adoption_{action}", before)
    return adoption


def adoption_record_visit(
    *, adoption: Adoption, user: Any, version: int | None, learning_report: LearningReport
) -> Adoption:
    """The visit is the adopter's submitted learning report of an exchange visit."""
    _check_writer(user, adoption)
    if learning_report.status != LearningReport.Status.SUBMITTED:
        raise KnowledgeInvalid(
            {"learning_report": [_("Choose a submitted learning report.")]}, code="report"
        )
    if adoption.organization_id not in (
        learning_report.organization_id,
        learning_report.adopter_id,
    ):
        raise KnowledgeInvalid(
            {"learning_report": [_("That learning report is another organisation's.")]},
            code="report",
        )
    return _claim(adoption, user, version, "visit", learning_report=learning_report)


def adoption_decide(
    *, adoption: Adoption, user: Any, version: int | None, decision: str, reason: str
) -> Adoption:
    _check_writer(user, adoption)
    if decision not in Adoption.Decision.values:
        raise KnowledgeInvalid({"decision": [_("Choose adopt, adapt or not now.")]}, "decision")
    if decision in REASON_NEEDED and not reason.strip():
        raise KnowledgeInvalid(
            {"reason": [_("Say why: what is adapted, or why not now.")]}, code="reason"
        )
    with transaction.atomic():
        _claim(
            adoption, user, version, "decide", decision=decision, decision_reason=reason.strip(),
            decided_at=timezone.now(), decided_by=user if getattr(user, "pk", None) else None,
        )  # fmt: skip
        _notify_owner(adoption, user)
    return adoption


def _notify_owner(adoption: Adoption, user: Any) -> None:
    """Tell the editors of the organisation that shared the item what an adopter decided."""
    item = adoption.item
    notify(
        kind=ADOPTION_KIND,
        recipients=User.objects.filter(
            is_active=True,
            memberships__organization_id=item.owner_id,
            memberships__role__in=OWNER_ROLES,
        ).distinct(),
        key=f"adoption-decision:{adoption.pk}:{adoption.version}",
        title=per_person(
            lambda: (
                _("%(organization)s decided on “%(item)s”: %(decision)s")
                % {
                    "organization": adoption.organization.name,
                    "item": item.title,
                    "decision": adoption.get_decision_display(),
                }
            )
        ),
        body=adoption.decision_reason,
        url=reverse("knowledge:item-detail", kwargs={"pk": item.pk}),
        actor=user if getattr(user, "pk", None) else None,
        subject=f"knowledge:{item.pk}",
    )


def _adopter_agreements(organization: Organization) -> Any:
    return Agreement.objects.filter(parties__organization=organization) | Agreement.objects.filter(
        owner=organization
    )


def adoption_plan(
    *, adoption: Adoption, user: Any, version: int | None, agreement: Agreement | None,
    activity: Activity | None, indicator: Indicator | None, note: str,
) -> Adoption:  # fmt: skip
    """How the adopter carries it out: an agreement (a new draft too) or a plan activity of
    the adopter, and the indicator whose verified values will show the result."""
    _check_writer(user, adoption)
    if adoption.decision not in (Adoption.Decision.ADOPT, Adoption.Decision.ADAPT):
        raise KnowledgeInvalid(_("Only a decision to adopt or adapt is planned."), "decision")
    if agreement is None and activity is None:
        raise KnowledgeInvalid(
            {"agreement": [_("Name the agreement or the plan activity that carries it out.")]},
            code="plan",
        )
    own = _adopter_agreements(adoption.organization)
    errors: dict[str, list[str]] = {}
    if agreement is not None and not own.filter(pk=agreement.pk).exists():
        errors["agreement"] = [_("That agreement is not the adopting organisation's.")]
    if activity is not None and not own.filter(pk=activity.plan.agreement_id).exists():
        errors["activity"] = [_("That activity is not in a plan of the adopting organisation.")]
    if indicator is not None and not own.filter(pk=indicator.agreement_id).exists():
        errors["indicator"] = [_("That indicator is not of the adopting organisation.")]
    if errors:
        raise KnowledgeInvalid(errors, code="plan")
    with transaction.atomic():
        _claim(
            adoption, user, version, "plan", plan_agreement=agreement, plan_activity=activity,
            indicator=indicator, plan_note=note.strip(),
        )  # fmt: skip
        # A planned adoption may now be on the practice's portal page and in open data
        # (bumped in this transaction, so the new generation appears when the plan does).
        bump()
    return adoption
