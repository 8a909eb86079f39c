"""The public side of knowledge: only items published to the public reach the portal, and
only while every agreement they name publishes its knowledge; cached pages go stale when an
item is published or unpublished."""

from django.test import Client
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.knowledge import services
from simpul.knowledge.tests.factories import make_item

LIST = reverse("portal:knowledge-list")


def test_the_portal_lists_items_published_to_the_public_only(cast):
    make_item(cast, title="Praktik publik", status="published", audience="public")
    make_item(cast, title="Praktik anggota", status="published", audience="members")
    make_item(cast, title="Draf praktik")

    page = Client().get(LIST).text

    assert "Praktik publik" in page
    assert "Praktik anggota" not in page and "Draf praktik" not in page


def test_an_internal_item_has_the_same_404_as_an_unknown_code(cast):
    internal = make_item(cast, status="published", audience="members")

    assert Client().get(reverse("portal:knowledge", args=[internal.code])).status_code == 404
    assert Client().get(reverse("portal:knowledge", args=["PENG-999999"])).status_code == 404


def test_an_item_naming_an_internal_agreement_stays_off_the_portal(cast):
    draft = make_agreement(cast, title="Kerja sama rahasia")
    item = make_item(
        cast, title="Praktik terkait", status="published", audience="public", agreements=[draft]
    )

    assert "Praktik terkait" not in Client().get(LIST).text
    assert Client().get(reverse("portal:knowledge", args=[item.code])).status_code == 404


def test_an_item_of_a_signed_agreement_links_to_its_public_page(cast):
    agreement = make_agreement(cast, state="active", title="Sampah regional")
    item = make_item(cast, status="published", audience="public", agreements=[agreement])

    page = Client().get(reverse("portal:knowledge", args=[item.code])).text

    assert reverse("portal:agreement", args=[agreement.reference_code]) in page


def test_publishing_and_unpublishing_reach_the_cached_portal_at_once(cast):
    item = make_item(cast, title="Praktik baru", status="in_review")
    assert "Praktik baru" not in Client().get(LIST).text  # cached now

    services.knowledge_item_publish(
        item=item, user=cast.sari, version=item.version, audience="public"
    )
    assert "Praktik baru" in Client().get(LIST).text

    services.knowledge_item_unpublish(item=item, user=cast.sari, version=item.version, note="Salah")
    assert "Praktik baru" not in Client().get(LIST).text


def test_the_open_dataset_and_the_api_carry_public_items_with_their_licence(cast):
    make_item(cast, title="Praktik terbuka", status="published", audience="public")
    make_item(
        cast, title="Praktik hak cipta", status="published", audience="public",
        licence="all-rights-reserved",
    )  # fmt: skip
    make_item(cast, title="Praktik anggota", status="published")

    csv = b"".join(Client().get(reverse("opendata:dataset", args=["knowledge", "csv"]))).decode()
    api = Client().get(reverse("api:knowledge-list")).json()

    assert "Praktik terbuka" in csv and "CC-BY-4.0" in csv
    assert "Praktik hak cipta" not in csv and "Praktik anggota" not in csv
    assert [row["title"] for row in api["results"]] == ["Praktik terbuka"]


def test_the_data_dictionary_and_the_catalogue_describe_the_knowledge_dataset(cast):
    dictionary = Client().get(reverse("opendata:dictionary")).content.decode()
    catalogue = Client().get(reverse("opendata:catalog")).content.decode()

    assert "knowledge" in dictionary and "replication_conditions" in dictionary
    assert reverse("opendata:dataset", args=["knowledge", "csv"]) in catalogue
