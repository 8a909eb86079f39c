"""Who may see and change a cooperation plan: the one place these decisions are made.

- Reading follows the agreement (simpul.agreements.access): parties, their agencies and
  oversight read; everyone else gets 404.
- Writing the draft needs an editor role (admin, coordinator, editor) in a party or the
  registering organisation, and a plan in draft.
- Approving (or returning) a submitted plan is done per party, by that party's admins and
  coordinators.
- Separation of duties: whoever submitted the plan does not approve it, for any party
  (plan_is_own_submission); another admin or coordinator does. Returning it stays open.
"""

from django.http import Http404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import agreement_can_edit, agreement_get_for_user
from simpul.agreements.models import Agreement, Party
from simpul.organizations.access import role_in
from simpul.organizations.models import Membership

from .models import Plan

APPROVER_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}


def plan_for(agreement: Agreement) -> Plan:
    """The agreement's plan, created empty on first use."""
    plan, _ = Plan.objects.get_or_create(agreement=agreement)
    return plan


def plan_get_for_user(user: AnyUser, agreement_pk: int, *, write: bool = False) -> Plan:
    """The plan of an agreement the user may see; with write=True, one they may edit now
    (404 otherwise, so nothing leaks)."""
    agreement = agreement_get_for_user(user, agreement_pk)
    plan = plan_for(agreement)
    plan.agreement = agreement  # already loaded and checked: spare the pages a query
    if write and not plan_can_edit(user, plan):
        raise Http404
    return plan


def plan_can_edit(user: AnyUser, plan: Plan) -> bool:
    """May change the plan's content (the plan must also be in draft to accept changes)."""
    return agreement_can_edit(user, plan.agreement)


def plan_approvable_parties(user: AnyUser, plan: Plan) -> list[Party]:
    """The parties on whose behalf this user may approve or return the plan."""
    if not user.is_authenticated:
        return []
    parties = list(plan.agreement.parties.select_related("organization"))
    if user.is_superuser:
        return parties
    return [p for p in parties if role_in(user, p.organization) in APPROVER_ROLES]


def plan_is_own_submission(user: AnyUser, plan: Plan) -> bool:
    """Whether the user submitted the plan now waiting for approval (four eyes: they may
    not approve it, platform admins included)."""
    return user is not None and user.is_authenticated and plan.submitted_by_id == user.pk


def plan_object_can_view_history(user: AnyUser, obj: object) -> bool:
    from simpul.agreements.access import agreement_can_view

    plan = obj if isinstance(obj, Plan) else getattr(obj, "plan", None)
    return plan is not None and agreement_can_view(user, plan.agreement)
