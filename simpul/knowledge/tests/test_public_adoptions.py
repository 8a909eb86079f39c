"""Adoptions on the public side: a public practice's portal page, the `adoptions` open
dataset and the API show where it was adopted, only for decisions to adopt or adapt that are
carried out through an agreement publishing its knowledge and parties; "not now", reasons and
adoptions planned on an internal agreement stay internal."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.knowledge import services_adoption as services
from simpul.knowledge.tests.factories import make_item
from simpul.publication.models import PublicationDecision


def _adopt(cast, item, *, organization, decision="adapt", agreement=None, reason="Per kecamatan"):
    adoption = services.adoption_express_interest(item=item, user=None, organization=organization)
    services.adoption_decide(
        adoption=adoption, user=None, version=adoption.version, decision=decision, reason=reason
    )
    if agreement is not None:
        services.adoption_plan(
            adoption=adoption, user=None, version=adoption.version, agreement=agreement,
            activity=None, indicator=None, note="Catatan rencana internal",
        )  # fmt: skip
    return adoption


def _semarang_agreement(cast, **fields):
    parties = [cast.pemkot_semarang, government_of(cast.yogyakarta)]
    return make_agreement(cast, parties=parties, **fields)


def _page(item) -> str:
    return Client().get(reverse("portal:knowledge", args=[item.code])).text


def _csv() -> str:
    return b"".join(Client().get(reverse("opendata:dataset", args=["adoptions", "csv"]))).decode()


def test_a_planned_adoption_on_a_signed_agreement_shows_on_the_practice_page_and_in_open_data(
    cast,
):
    item = make_item(cast, status="published", audience="public")
    agreement = _semarang_agreement(cast, state="active", title="Sampah Semarang")
    _adopt(cast, item, organization=cast.pemkot_semarang, agreement=agreement, reason="RAHASIA")

    page = _page(item)
    api = Client().get(reverse("api:adoption-list"), {"practice": item.code}).json()

    assert 'id="public-adoptions"' in page and "Pemerintah Kota Semarang" in page
    assert reverse("portal:agreement", args=[agreement.reference_code]) in page
    assert "RAHASIA" not in page and "Catatan rencana internal" not in page
    assert [(r["adopter"], r["decision"], r["agreement"]) for r in api["results"]] == [
        ("Pemerintah Kota Semarang", "adapt", agreement.reference_code)
    ]
    assert item.code in _csv()


def test_not_now_undecided_and_unplanned_adoptions_stay_internal(cast):
    item = make_item(cast, status="published", audience="public")
    _adopt(cast, item, organization=cast.pemkot_semarang, decision="not_now", reason="Belum ada")
    _adopt(cast, item, organization=cast.ngo, decision="adopt")  # decided, not yet planned
    services.adoption_express_interest(item=item, user=None, organization=cast.sekber_kartamantul)

    assert 'id="public-adoptions"' not in _page(item)
    assert Client().get(reverse("api:adoption-list")).json()["results"] == []
    assert item.code not in _csv()


def test_an_adoption_carried_out_by_an_internal_agreement_stays_internal(cast):
    item = make_item(cast, status="published", audience="public")
    draft = _semarang_agreement(cast, title="Draf kerja sama baru")
    _adopt(cast, item, organization=cast.pemkot_semarang, agreement=draft)
    guarded = make_agreement(cast, state="active")  # Kota Yogyakarta, Sleman and Bantul
    PublicationDecision.objects.create(
        agreement=guarded, kind="parties", is_public=False, reason="uji", decided_at=timezone.now()
    )
    _adopt(cast, item, organization=government_of(cast.sleman), agreement=guarded)

    assert 'id="public-adoptions"' not in _page(item)
    assert item.code not in _csv()


def test_adoptions_of_a_practice_not_published_to_the_public_stay_internal(cast):
    item = make_item(cast, status="published", audience="members")
    _adopt(cast, item, organization=cast.pemkot_semarang,
           agreement=_semarang_agreement(cast, state="active"))  # fmt: skip

    assert Client().get(reverse("api:adoption-list")).json()["results"] == []


def test_planning_an_adoption_reaches_the_cached_practice_page_at_once(cast):
    item = make_item(cast, status="published", audience="public")
    assert "Pemerintah Kota Semarang" not in _page(item)  # cached now

    _adopt(cast, item, organization=cast.pemkot_semarang,
           agreement=_semarang_agreement(cast, state="active"))  # fmt: skip

    assert "Pemerintah Kota Semarang" in _page(item)


def test_the_practice_page_costs_the_same_queries_for_one_public_adoption_or_two(cast):
    item = make_item(cast, status="published", audience="public")
    agreement = make_agreement(cast, state="active")  # Kota Yogyakarta, Sleman and Bantul
    _adopt(cast, item, organization=government_of(cast.sleman), agreement=agreement)
    url = reverse("portal:knowledge", args=[item.code])
    client = Client()
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"one": 1})  # a new address: not served from the cache
    _adopt(cast, item, organization=government_of(cast.bantul), agreement=agreement)
    with CaptureQueriesContext(connection) as two:
        client.get(url, {"two": 1})

    assert len(two) == len(one)
    page = client.get(url, {"two": 1}).text
    assert government_of(cast.sleman).name in page and government_of(cast.bantul).name in page


def test_the_dictionary_and_the_catalogue_describe_the_adoptions_dataset(cast):
    dictionary = Client().get(reverse("opendata:dictionary")).content.decode()
    catalogue = Client().get(reverse("opendata:catalog")).content.decode()

    assert "adopter_region_code" in dictionary
    assert reverse("opendata:dataset", args=["adoptions", "csv"]) in catalogue


def test_the_api_filters_adoptions_by_region_and_decision_and_refuses_bad_input(cast):
    item = make_item(cast, status="published", audience="public")
    agreement = make_agreement(cast, state="active")  # Kota Yogyakarta, Sleman and Bantul
    _adopt(cast, item, organization=government_of(cast.sleman), decision="adopt",
           agreement=agreement)  # fmt: skip
    _adopt(cast, item, organization=government_of(cast.bantul), agreement=agreement)
    url = reverse("api:adoption-list")

    def adopters(**params) -> list[str]:
        return [row["adopter_region_code"] for row in Client().get(url, params).json()["results"]]

    assert adopters(region=cast.sleman.code) == [cast.sleman.code]
    assert adopters(region=cast.sleman.parent.code) == [cast.sleman.code, cast.bantul.code]
    assert adopters(decision="adapt") == [cast.bantul.code]
    assert Client().get(url, {"practice": "P" * 500}).status_code == 400
