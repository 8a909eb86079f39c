"""The Publication tab: readers see what is public and why; editors change it with a reason;
a party's admin consents for that party."""

import pytest
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.publication import services
from simpul.publication.kinds import InfoKind
from simpul.publication.models import PublicationConsent, PublicationEvent
from simpul.publication.selectors import is_public, public_agreements

from .factories import make_document, party_of

pytestmark = pytest.mark.django_db


def _url(agreement, name="overview", **kwargs):
    return reverse(f"publication:{name}", kwargs={"agreement_pk": agreement.pk, **kwargs})


def test_a_reader_sees_the_states_and_an_editor_also_the_forms(client, cast):
    agreement = make_agreement(cast, state="kb_signed")
    client.cookies["django_language"] = "en"

    client.force_login(cast.dewi)
    page = client.get(_url(agreement)).content.decode()
    assert 'id="row-summary-0" data-effective="public"' in page
    assert 'id="row-indicators-0" data-effective="internal"' in page
    assert 'name="reason"' not in page
    assert 'id="internal-warning"' not in page

    client.force_login(cast.sari)
    page = client.get(_url(agreement)).content.decode()
    assert 'id="form-indicators-0-publish"' in page
    assert 'id="form-summary-0-unpublish"' in page
    assert 'for="reason-indicators-0-publish"' in page


def test_an_agreement_with_an_internal_summary_warns_that_nothing_is_public(client, cast):
    agreement = make_agreement(cast, state="draft")
    client.cookies["django_language"] = "en"
    client.force_login(cast.sari)

    page = client.get(_url(agreement)).content.decode()

    assert "Nothing of this agreement is public." in page
    assert 'id="public-status"' not in page


def test_publishing_from_the_tab_saves_the_decision_and_shows_it_in_the_history(client, cast):
    agreement = make_agreement(cast, state="kb_signed")
    client.force_login(cast.sari)

    response = client.post(
        _url(agreement, "decide"),
        {"kind": "indicators", "target_id": "0", "action": "publish", "reason": "Disepakati"},
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#row-indicators-0")
    assert is_public(agreement, InfoKind.INDICATORS)
    page = client.get(response["Location"]).content.decode()
    assert 'id="row-indicators-0" data-effective="public"' in page
    assert 'data-action="publish"' in page
    assert "Disepakati" in page


def test_a_missing_reason_keeps_the_page_with_a_clear_message_linked_to_the_field(client, cast):
    agreement = make_agreement(cast, state="active")
    client.cookies["django_language"] = "en"
    client.force_login(cast.sari)

    response = client.post(
        _url(agreement, "decide"),
        {"kind": "summary", "target_id": "0", "action": "unpublish", "reason": "  "},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-describedby="reason-summary-0-unpublish-error"' in page
    assert 'id="reason-summary-0-unpublish-error"' in page
    assert "Give a reason" in page
    assert 'id="decision-errors"' not in page
    assert public_agreements().filter(pk=agreement.pk).exists()


def test_tampered_decisions_answer_clearly_and_never_fail(client, cast):
    agreement = make_agreement(cast, state="active")
    client.force_login(cast.sari)

    for data in (
        {"kind": "document", "target_id": "999999", "action": "publish", "reason": "x"},
        {"kind": "nonsense", "target_id": "0", "action": "publish", "reason": "x"},
        {"kind": "summary", "target_id": "-1", "action": "explode", "reason": "x"},
        {"kind": "budget", "target_id": "0", "action": "reset", "reason": "no decision yet"},
    ):
        response = client.post(_url(agreement, "decide"), data)
        assert response.status_code == 400
        assert 'id="decision-errors"' in response.content.decode()
    assert not PublicationEvent.objects.exists()


def test_a_reason_with_markup_is_shown_as_text(client, cast):
    agreement = make_agreement(cast, state="active")
    services.unpublish(
        agreement, InfoKind.BUDGET, reason="<script>alert('x')</script>", user=cast.sari
    )
    client.force_login(cast.dewi)

    page = client.get(_url(agreement)).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_a_party_admin_sees_and_uses_the_consent_button_for_their_own_party_only(client, cast):
    agreement = make_agreement(cast, state="active")
    pks = make_document(agreement, "pks")
    own = party_of(agreement, cast.pemkot_yogyakarta)
    other = agreement.parties.exclude(pk=own.pk).first()
    client.force_login(cast.sari)

    page = client.get(_url(agreement)).content.decode()
    own_url = _url(agreement, "consent", document_pk=pks.pk, party_pk=own.pk)
    other_url = _url(agreement, "consent", document_pk=pks.pk, party_pk=other.pk)
    assert f'action="{own_url}"' in page
    assert f'action="{other_url}"' not in page

    assert client.post(other_url, {"action": "give"}).status_code == 404
    response = client.post(own_url, {"action": "give"})
    assert response.status_code == 302
    assert PublicationConsent.objects.filter(document=pks, party=own).exists()
    assert not PublicationConsent.objects.filter(party=other).exists()

    client.post(own_url, {"action": "withdraw"})
    assert not PublicationConsent.objects.exists()
