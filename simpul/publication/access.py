"""Who may see and change an agreement's publication decisions.

Readers of the agreement (agreements.access) see its Publication tab; its editors (admin,
coordinator, editor of a party or the registering organisation) publish and unpublish; a
party's admin or coordinator consents for that party only. Anyone else gets 404.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import agreement_get_for_user
from simpul.agreements.models import Agreement, Document, Party

from .kinds import CONSENT_DOCUMENT_KINDS
from .services import party_can_consent


def publication_get_for_user(user: AnyUser, agreement_pk: int, *, write: bool = False) -> Agreement:
    """The agreement whose publication tab this is, or 404 (write=True: editors only)."""
    return agreement_get_for_user(user, agreement_pk, write=write)


def parties_user_consents_for(user: AnyUser, agreement: Agreement) -> list[Party]:
    """The agreement's parties this user may consent (or withdraw consent) for."""
    if not user.is_authenticated:
        return []
    parties = agreement.parties.select_related("organization")
    return [party for party in parties if party_can_consent(user, party)]


def consent_target_for_user(
    user: AnyUser, agreement_pk: int, document_pk: int, party_pk: int
) -> tuple[Document, Party]:
    """A binding document of the agreement and a party the user speaks for, or 404."""
    agreement = agreement_get_for_user(user, agreement_pk)
    document = get_object_or_404(
        Document.objects.filter(
            agreement=agreement, kind__in=CONSENT_DOCUMENT_KINDS
        ).select_related("agreement"),
        pk=document_pk,
    )
    party = get_object_or_404(
        Party.objects.filter(agreement=agreement).select_related("organization"), pk=party_pk
    )
    if not party_can_consent(user, party):
        raise Http404
    return document, party
