"""Who may see and change an agreement's stakeholder register: the one place it is decided.

The register follows its agreement (simpul.agreements.access): whoever reads the agreement
reads its stakeholders and contributions (party members, the registering organisation, the
agencies under a party, oversight, platform administrators); whoever edits the agreement
(admin, coordinator or editor of a party or of the registering organisation) records and
edits them. Verifying or rejecting a contribution is the agreement's coordinators' act: an
admin or coordinator of a party organisation (or a platform administrator), and never the
person who recorded it. Everyone else gets 404.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import (
    agreement_can_edit,
    agreement_can_view,
    agreement_get_for_user,
)
from simpul.agreements.models import Agreement
from simpul.organizations.access import memberships_of
from simpul.organizations.models import Membership

from .models import Contribution, Stakeholder

VERIFIER_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}


def register_get_for_user(user: AnyUser, agreement_pk: int, *, edit: bool = False) -> Agreement:
    """The agreement whose register the user may read (or, with edit=True, change), else 404."""
    return agreement_get_for_user(user, agreement_pk, write=edit)


def stakeholder_get_for_user(
    user: AnyUser, agreement: Agreement, pk: int, *, edit: bool = False
) -> Stakeholder:
    """A stakeholder of an agreement the caller already got through register_get_for_user."""
    if edit and not agreement_can_edit(user, agreement):
        raise Http404
    return get_object_or_404(
        Stakeholder.objects.select_related("organization", "changed_by"),
        agreement=agreement,
        pk=pk,
    )


def verifies_for(user: AnyUser, agreement: Agreement) -> bool:
    """Whether the user verifies contributions of this agreement at all (recorder aside)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    party_ids = set(agreement.parties.values_list("organization_id", flat=True))
    return any(
        m.organization_id in party_ids and m.role in VERIFIER_ROLES for m in memberships_of(user)
    )


def contribution_can_decide(user: AnyUser, contribution: Contribution) -> bool:
    """A party's admin or coordinator (or a platform administrator), never the recorder."""
    if not user.is_authenticated or contribution.recorded_by_id == user.pk:
        return False
    return verifies_for(user, contribution.stakeholder.agreement)


def contribution_get_for_user(
    user: AnyUser, agreement: Agreement, pk: int, *, edit: bool = False, decide: bool = False
) -> Contribution:
    """A contribution of the agreement; edit needs the agreement's editing rights, decide the
    coordinator's (and someone other than the recorder): 404 otherwise."""
    if edit and not agreement_can_edit(user, agreement):
        raise Http404
    contribution = get_object_or_404(
        Contribution.objects.select_related("stakeholder__agreement", "recorded_by"),
        stakeholder__agreement=agreement,
        pk=pk,
    )
    if decide and not contribution_can_decide(user, contribution):
        raise Http404
    return contribution


def stakeholder_object_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of stakeholders and contributions: whoever reads the agreement."""
    agreement: Agreement | None = None
    if isinstance(obj, Stakeholder):
        agreement = obj.agreement
    elif isinstance(obj, Contribution):
        agreement = obj.stakeholder.agreement
    return agreement is not None and agreement_can_view(user, agreement)
