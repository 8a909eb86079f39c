"""Who answers a consultation's comments on behalf of a party: its editors and up."""

from simpul.agreements.tests.factories import make_agreement
from simpul.consultations.access import answering_parties


def test_only_editor_roles_answer_and_only_for_their_own_party(cast):
    agreement = make_agreement(cast, state="active")
    yogyakarta = agreement.parties.get(organization=cast.pemkot_yogyakarta)
    sleman = agreement.parties.get(organization=cast.pemkab_sleman)
    assert answering_parties(cast.wati, agreement) == [yogyakarta]
    assert answering_parties(cast.yanto, agreement) == [sleman]
    assert answering_parties(cast.tono, agreement) == []
    assert answering_parties(cast.vina, agreement) == []
