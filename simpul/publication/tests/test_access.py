"""Consent to publish a binding text: a binding party's admins and coordinators speak for
that party only; a facilitator is never asked."""

import pytest
from django.http import Http404

from simpul.agreements.tests.factories import make_agreement, make_document_version
from simpul.publication.access import (
    consent_target_for_user,
    parties_user_consents_for,
    publication_get_for_user,
)
from simpul.publication.services import party_can_consent


def test_a_facilitator_party_is_never_asked_for_consent(cast):
    agreement = make_agreement(cast, state="active")
    facilitator = agreement.parties.create(
        organization=cast.pemda_diy, role="facilitator", position=9
    )
    assert not party_can_consent(cast.gita, facilitator)


def test_each_coordinator_consents_for_their_own_party_only(cast):
    agreement = make_agreement(cast, state="active")
    own = agreement.parties.get(organization=cast.pemkab_sleman)
    assert parties_user_consents_for(cast.yanto, agreement) == [own]
    assert parties_user_consents_for(cast.wati, agreement) == []


def test_only_the_agreements_editors_open_its_publication_tab_to_decide(cast):
    agreement = make_agreement(cast, state="active")
    assert publication_get_for_user(cast.sari, agreement.pk, write=True) == agreement
    assert publication_get_for_user(cast.vina, agreement.pk) == agreement
    with pytest.raises(Http404):
        publication_get_for_user(cast.vina, agreement.pk, write=True)


def test_only_a_partys_admin_or_coordinator_reaches_its_consent_form(cast):
    # The consent service refuses too; this access function must refuse on its own, so a
    # page never shows a consent form to someone who may not give it.
    agreement = make_agreement(cast, state="active")
    document = make_document_version(agreement, "pks").document
    sleman = agreement.parties.get(organization=cast.pemkab_sleman)
    yogyakarta = agreement.parties.get(organization=cast.pemkot_yogyakarta)

    assert consent_target_for_user(cast.yanto, agreement.pk, document.pk, sleman.pk) == (
        document,
        sleman,
    )
    for person, party in (
        (cast.vina, yogyakarta),
        (cast.wati, yogyakarta),
        (cast.yanto, yogyakarta),
    ):
        with pytest.raises(Http404):
            consent_target_for_user(person, agreement.pk, document.pk, party.pk)
