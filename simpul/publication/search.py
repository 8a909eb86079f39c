"""What of the search index the public sees, decided here like every public read: an
agreement's document is public when its summary AND its objectives (the text indexed) are
(`selectors.agreements_with_public`). A publication decision refreshes the agreement's
document and its consultations' (whose public flag follows the agreement's); a default rule
changed in the admin refreshes every document of its stage's agreements in the worker."""

from collections.abc import Sequence

from django.urls import reverse

from simpul.agreements.models import Agreement
from simpul.search.registry import add_watch, register_public_rule

from .kinds import InfoKind
from .models import PublicationDecision, PublicationRule
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
    # A national default changed in the admin: every agreement in its stage, in the worker.
    add_watch("agreement", PublicationRule, agreements_in_stage_of, in_worker=True)


def agreements_in_stage_of(rule: PublicationRule) -> list[int]:
    """The agreements a default rule applies to (those in its stage)."""
    return list(Agreement.objects.filter(state=rule.stage_code).values_list("pk", flat=True))
