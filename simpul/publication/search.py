"""What of the search index the public sees, decided here like every public read: an
agreement's document is public when its summary AND its objectives (the text indexed) are
(`selectors.agreements_with_public`). A publication decision refreshes the agreement's
document and its consultations' (whose public flag follows the agreement's)."""

from collections.abc import Sequence

from django.urls import reverse

from simpul.search.registry import add_watch, register_public_rule

from .kinds import InfoKind
from .models import PublicationDecision
from .selectors import agreements_with_public


def public_agreements_of(ids: Sequence[int]) -> dict[int, str]:
    """The public ones among these agreements, with their portal page."""
    public = agreements_with_public(InfoKind.OBJECTIVES).filter(pk__in=ids)
    return {
        pk: reverse("portal:agreement", kwargs={"reference_code": code})
        for pk, code in public.values_list("pk", "reference_code")
    }


def register() -> None:
    register_public_rule("agreement", public_agreements_of)
    add_watch("agreement", PublicationDecision, lambda d: [d.agreement_id])
