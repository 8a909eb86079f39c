"""Changes to an agreement that the public may see make every cached public page stale: its
stage decides which information is public, and its title and dates are on public pages (and
on the map, which is kept for a day)."""

import pytest

from simpul.agreements.services.agreements import agreement_update
from simpul.agreements.tests.factories import make_agreement, make_document_version
from simpul.agreements.workflow import agreement_transition
from simpul.core import public_cache
from simpul.core.errors import Conflict

pytestmark = pytest.mark.django_db


def test_moving_an_agreement_to_another_stage_makes_cached_public_pages_stale(cast):
    agreement = make_agreement(cast)
    make_document_version(agreement, "offer_letter")
    before = public_cache.generation()

    agreement_transition(
        agreement=agreement,
        transition_code="offer",
        user=cast.sari,
        expected_version=agreement.version,
    )

    assert public_cache.generation() > before


def test_a_refused_move_leaves_cached_public_pages_as_they_were(cast):
    agreement = make_agreement(cast)
    make_document_version(agreement, "offer_letter")
    before = public_cache.generation()

    with pytest.raises(Conflict):
        agreement_transition(
            agreement=agreement,
            transition_code="offer",
            user=cast.sari,
            expected_version=agreement.version + 5,
        )

    assert public_cache.generation() == before


def test_editing_an_agreement_makes_cached_public_pages_stale(cast):
    agreement = make_agreement(cast, state="active")
    before = public_cache.generation()

    agreement_update(
        agreement=agreement,
        user=cast.sari,
        expected_version=agreement.version,
        title="Pengelolaan sampah terpadu",
    )

    assert public_cache.generation() > before
