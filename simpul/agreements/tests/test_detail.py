"""The agreement page: what it shows, and the changes made from it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from simpul.agreements.models import (
    AgreementEvent,
    GovernmentAffair,
    Obligation,
    Signature,
)
from simpul.agreements.services.agreements import obligation_create
from simpul.agreements.tests.factories import (
    make_agreement,
    make_document_version,
    make_signature,
    set_state,
)
from simpul.testing.merge import opened


def detail(agreement) -> str:
    return reverse("agreements:agreement-detail", kwargs={"pk": agreement.pk})


def transition_url(agreement, code) -> str:
    return reverse("agreements:agreement-transition", kwargs={"pk": agreement.pk, "code": code})


def step(client, agreement, code, *, version=None, **extra):
    data = {f"t-{code}-expected_version": version or agreement.version}
    data.update({f"t-{code}-{k}": v for k, v in extra.items()})
    return client.post(transition_url(agreement, code), data)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def test_the_page_shows_the_next_steps_with_their_checklist(client, cast):
    agreement = make_agreement(cast)
    client.force_login(cast.sari)
    response = client.get(detail(agreement))
    assert response.status_code == 200
    checks = {c.code: c for c in response.context["readonly_checks"]}
    assert "offer" in checks
    offer_letter = next(i for i in checks["offer"].checklist if i.code == "offer_letter")
    assert not offer_letter.ok
    html = response.content.decode()
    assert 'id="step-offer"' in html
    assert 'data-code="offer_letter" data-ok="false"' in html
    assert 'action="' + transition_url(agreement, "offer") + '"' in html


def test_readers_see_the_steps_but_no_forms(client, cast):
    agreement = make_agreement(cast)
    for person in (cast.dewi, cast.gita, cast.hadi):
        client.force_login(person)
        response = client.get(detail(agreement))
        assert response.status_code == 200
        assert response.context["checks"] is None
        assert "transition-form" not in response.content.decode()


def test_a_blocked_step_changes_nothing_and_says_why(client, cast):
    agreement = make_agreement(cast)
    client.force_login(cast.sari)
    client.cookies["django_language"] = "en"
    response = step(client, agreement, "offer", note="Kirim")
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.state == "draft"
    assert any("offer letter" in m.lower() for m in messages_of(response))


def test_a_step_is_applied_with_its_documents_and_shows_in_the_timeline(client, cast):
    agreement = make_agreement(cast)
    version = make_document_version(agreement, "offer_letter")
    client.force_login(cast.sari)
    response = step(client, agreement, "offer", note="Surat dikirim")
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.state == "offered"
    event = agreement.events.get(transition_code="offer")
    assert event.note == "Surat dikirim"
    assert list(event.documents.all()) == [version]
    page = client.get(detail(agreement)).content.decode()
    assert 'data-transition="offer" data-to="offered"' in page


def test_a_stale_version_is_a_conflict_and_nothing_is_applied(client, cast):
    agreement = make_agreement(cast)
    make_document_version(agreement, "offer_letter")
    client.force_login(cast.sari)
    client.cookies["django_language"] = "en"
    response = step(client, agreement, "offer", version=agreement.version + 5)
    agreement.refresh_from_db()
    assert agreement.state == "draft"
    assert any("changed this agreement at" in m and "Reload" in m for m in messages_of(response))
    assert not AgreementEvent.objects.filter(transition_code="offer").exists()


def test_people_who_only_read_cannot_apply_a_step(client, cast):
    agreement = make_agreement(cast)
    make_document_version(agreement, "offer_letter")
    for person in (cast.dewi, cast.gita, cast.hadi, cast.budi):
        client.force_login(person)
        assert step(client, agreement, "offer").status_code == 404
    agreement.refresh_from_db()
    assert agreement.state == "draft"


def test_an_end_date_before_the_start_is_a_form_error(client, cast):
    agreement = make_agreement(cast)
    client.force_login(cast.sari)
    url = reverse("agreements:agreement-edit", kwargs={"pk": agreement.pk})
    response = client.post(
        url,
        {
            "title": "X",
            "affairs": [GovernmentAffair.objects.first().pk],
            "start_date": "2026-05-01",
            "end_date": "2026-01-01",
            "base": opened(client, url),
        },
    )
    assert response.status_code == 400
    assert "end_date" in response.context["form"].errors


def test_recording_signatures_and_council_data_per_party(client, cast):
    agreement = make_agreement(cast)
    party = agreement.parties.first()
    client.force_login(cast.sari)
    url = reverse("agreements:signature-record", kwargs={"pk": agreement.pk, "party_pk": party.pk})
    response = client.post(
        url,
        {
            "instrument": "kb",
            "document_number": "415.4/001/2026",
            "signatory_name": "Hasto Wardoyo",
            "signatory_office": "Wali Kota Yogyakarta",
            "is_head_of_region": "on",
            "signed_on": "2026-03-01",
        },
    )
    assert response.status_code == 302
    assert Signature.objects.get(party=party).document_number == "415.4/001/2026"
    # A PKS before the KB date is refused with the service's message, nothing saved.
    response = client.post(
        url,
        {
            "instrument": "pks",
            "document_number": "1",
            "signatory_name": "A",
            "signatory_office": "B",
            "is_head_of_region": "on",
            "signed_on": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert not Signature.objects.filter(instrument="pks").exists()
    council = reverse("agreements:party-council", kwargs={"pk": agreement.pk, "party_pk": party.pk})
    response = client.post(
        council,
        {"burdens_public": "on", "funded_in_current_apbd": "on", "fiscal_year_checked": "2026"},
    )
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.requires_council_approval and party.fiscal_year_checked == 2026
    page = client.get(detail(agreement)).content.decode()
    assert 'data-requires-council="true"' in page


def test_obligations_show_who_is_behind_and_money_per_year(client, cast):
    agreement = make_agreement(cast)
    first, second = list(agreement.parties.all())[:2]
    client.force_login(cast.sari)
    url = reverse("agreements:obligation-create", kwargs={"pk": agreement.pk})
    response = client.post(
        url,
        {
            "party": first.pk,
            "kind": "money",
            "description": "Iuran TPA",
            "amount": "1500000000",
            "fiscal_year": "2026",
            "funding_source": "apbd",
            "due_date": "2020-01-01",
        },
    )
    assert response.status_code == 302
    assert (
        client.post(url, {"party": first.pk, "kind": "money", "description": "x"}).status_code
        == 400
    )
    assert Obligation.objects.get().party == first
    other = obligation_create(party=second, kind="duty", description="Lahan")
    response = client.get(detail(agreement))
    summaries = {s.party.pk: s for s in response.context["party_summaries"]}
    assert summaries[first.pk].late == 1
    assert summaries[first.pk].money_by_year == {2026: Decimal("1500000000")}
    assert [s.party.pk for s in response.context["behind"]] == [first.pk]
    status_url = reverse(
        "agreements:obligation-status", kwargs={"pk": agreement.pk, "obligation_pk": other.pk}
    )
    assert (
        client.post(status_url, {"status": "fulfilled", "fulfilled_on": "2026-02-01"}).status_code
        == 302
    )
    other.refresh_from_db()
    assert other.status == "fulfilled" and other.fulfilled_on == datetime.date(2026, 2, 1)


def test_an_obligation_of_another_agreement_is_not_found(client, cast):
    mine = make_agreement(cast)
    theirs = make_agreement(cast, title="Lain")
    obligation = obligation_create(party=theirs.parties.first(), kind="duty", description="x")
    client.force_login(cast.sari)
    url = reverse(
        "agreements:obligation-status", kwargs={"pk": mine.pk, "obligation_pk": obligation.pk}
    )
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_the_page_takes_the_same_number_of_queries_however_much_it_holds(
    client, cast, count, django_assert_max_num_queries
):
    agreement = make_agreement(cast)
    set_state(agreement, "kb_drafting")
    for party in agreement.parties.all():
        make_signature(party, "kb")
        for i in range(count):
            obligation_create(
                party=party,
                kind="money",
                description=f"Iuran {i}",
                amount=Decimal(1000),
                fiscal_year=2026 + i % 3,
            )
    for _i in range(count):
        make_document_version(agreement, "kb")
        make_document_version(agreement, "other", party=agreement.parties.first())
    client.force_login(cast.sari)
    client.get(detail(agreement))
    with django_assert_max_num_queries(26):  # with the header badge and the follow button
        assert client.get(detail(agreement)).status_code == 200
