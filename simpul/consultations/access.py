"""Who may see and run an agreement's consultations.

Everyone who may read the agreement (simpul.agreements.access) sees its consultations and
their moderation queue; editors of a party or of the registering organisation (admin,
coordinator, editor) create, publish, moderate, answer and conclude them. Anyone else gets
404, so a consultation's existence does not leak. The public side never comes here: it reads
through selectors.public_consultations (drafts and non-public agreements do not exist there).
"""

from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import EDITOR_ROLES, agreement_can_view, agreement_get_for_user
from simpul.agreements.models import Agreement, Party
from simpul.organizations.access import memberships_of

from .models import Comment, Consultation


def consultation_get_for_user(
    user: AnyUser, agreement_pk: int, pk: int, *, write: bool = False
) -> Consultation:
    agreement = agreement_get_for_user(user, agreement_pk, write=write)
    consultation = get_object_or_404(Consultation.objects.filter(agreement=agreement), pk=pk)
    consultation.agreement = agreement  # already loaded and checked
    return consultation


def comment_get_for_moderator(
    user: AnyUser, agreement_pk: int, pk: int, comment_pk: int
) -> Comment:
    """A confirmed comment of a consultation the user may run (404 otherwise; unconfirmed
    comments are nobody's business until their author confirms the address)."""
    consultation = consultation_get_for_user(user, agreement_pk, pk, write=True)
    comment = get_object_or_404(
        Comment.objects.filter(section__consultation=consultation).exclude(
            status=Comment.Status.UNCONFIRMED
        ),
        pk=comment_pk,
    )
    comment.section.consultation = consultation
    return comment


def answering_parties(user: AnyUser, agreement: Agreement) -> list[Party]:
    """The parties on whose behalf this user may answer: those whose organisation the user
    is an editor (or better) of; a platform administrator may answer for any party."""
    parties = list(agreement.parties.select_related("organization").order_by("position", "pk"))
    if user.is_superuser:
        return parties
    own = {m.organization_id for m in memberships_of(user) if m.role in EDITOR_ROLES}
    return [party for party in parties if party.organization_id in own]


def consultation_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of consultations, sections, comments and answers: readers of the
    agreement."""
    consultation = _consultation_of(obj)
    return consultation is not None and agreement_can_view(user, consultation.agreement)


def _consultation_of(obj: object) -> Consultation | None:
    if isinstance(obj, Consultation):
        return obj
    section = getattr(obj, "section", None)
    if section is None and hasattr(obj, "comment"):
        section = obj.comment.section
    if section is None:
        section = obj if hasattr(obj, "consultation") else None
    return section.consultation if section is not None else None
