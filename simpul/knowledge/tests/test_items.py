"""Knowledge items: written as a draft by the owner's editors, submitted, published by another
reviewer of the owner (to members or the public) or returned with a reason; media checked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from simpul.core import public_cache
from simpul.core.errors import Conflict, InvalidInput, NotAllowed
from simpul.knowledge import access, services
from simpul.knowledge.models import KnowledgeItem
from simpul.knowledge.tests.factories import make_item, pdf_upload, png_bytes


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def detail(item) -> str:
    return reverse("knowledge:item-detail", args=[item.pk])


def test_an_editor_shares_a_practice_as_a_draft_of_her_organisation(cast):
    response = signed_in(cast.wati).post(
        reverse("knowledge:item-create"),
        {
            "owner": cast.pemkot_yogyakarta.pk,
            "kind": "practice",
            "title": "Bank sampah kelurahan",
            "problem": "TPA penuh",
            "approach": "Bank sampah",
            "year": 2025,
            "licence": "CC-BY-4.0",
            "regions": [cast.yogyakarta.pk],
            "tags": "Sampah; bank sampah, sampah",
        },
    )

    item = KnowledgeItem.objects.get(title="Bank sampah kelurahan")
    assert response.status_code == 302
    assert (item.status, item.owner, item.created_by) == (
        "draft",
        cast.pemkot_yogyakarta,
        cast.wati,
    )
    assert item.tags == "sampah, bank sampah"
    assert list(item.regions.all()) == [cast.yogyakarta]


def test_the_licence_is_cc_by_4_0_unless_another_is_chosen(cast):
    item = make_item(cast)
    other = make_item(cast, licence="CC0-1.0")

    assert item.licence == "CC-BY-4.0"
    assert "creativecommons.org/licenses/by/4.0" in signed_in(cast.wati).get(detail(item)).text
    assert other.licence == "CC0-1.0"


def test_nobody_shares_for_an_organisation_they_do_not_edit_for(cast):
    with pytest.raises(NotAllowed):
        services.knowledge_item_create(
            user=cast.budi, owner=cast.pemkot_yogyakarta, kind="article", title="Artikel"
        )


def test_a_submitted_item_is_published_by_another_reviewer_of_the_owner(cast):
    item = make_item(cast)
    services.knowledge_item_submit(item=item, user=cast.wati, version=item.version)

    services.knowledge_item_publish(
        item=item, user=cast.sari, version=item.version, audience="public"
    )

    item.refresh_from_db()
    assert (item.status, item.audience, item.reviewed_by) == ("published", "public", cast.sari)
    assert item.published_at is not None


def test_nobody_reviews_an_item_they_submitted_not_even_a_platform_admin(cast):
    item = make_item(cast, by=cast.sari)
    services.knowledge_item_submit(item=item, user=cast.sari, version=item.version)

    with pytest.raises(NotAllowed):
        services.knowledge_item_publish(
            item=item, user=cast.sari, version=item.version, audience="members"
        )
    assert not access.knowledge_item_can_review(cast.sari, item)
    assert access.knowledge_item_can_review(cast.rina, item)


def test_an_editor_without_a_reviewer_role_cannot_publish(cast):
    item = make_item(cast, by=cast.sari, status="in_review")

    with pytest.raises(NotAllowed):
        services.knowledge_item_publish(
            item=item, user=cast.wati, version=item.version, audience="members"
        )


def test_a_returned_item_carries_the_reason_and_can_be_edited_and_submitted_again(cast):
    item = make_item(cast, status="in_review")

    response = signed_in(cast.sari).post(
        reverse("knowledge:item-review", args=[item.pk]),
        {"version": item.version, "action": "return", "note": "Tambahkan biaya"},
    )

    item.refresh_from_db()
    assert response.status_code == 302
    assert (item.status, item.review_note) == ("returned", "Tambahkan biaya")
    assert "Tambahkan biaya" in signed_in(cast.wati).get(detail(item)).text
    services.knowledge_item_submit(item=item, user=cast.wati, version=item.version)
    assert item.status == "in_review"


def test_returning_without_a_reason_is_refused(cast):
    item = make_item(cast, status="in_review")

    with pytest.raises(InvalidInput):
        services.knowledge_item_return(item=item, user=cast.sari, version=item.version, note=" ")


def test_a_second_publish_from_an_older_page_is_a_conflict(cast):
    item = make_item(cast, status="in_review")
    stale = KnowledgeItem.objects.get(pk=item.pk)
    services.knowledge_item_publish(
        item=item, user=cast.sari, version=item.version, audience="members"
    )

    with pytest.raises(Conflict):
        services.knowledge_item_publish(
            item=stale, user=cast.rina, version=stale.version, audience="public"
        )


def test_an_incomplete_practice_cannot_be_submitted_and_says_what_is_missing(cast):
    item = make_item(cast, problem="", approach="")

    with pytest.raises(InvalidInput) as error:
        services.knowledge_item_submit(item=item, user=cast.wati, version=item.version)
    assert "masalah" in str(error.value) and "pendekatan" in str(error.value)


def test_a_published_item_is_read_by_every_member_and_a_draft_only_by_its_owner_side(cast):
    draft = make_item(cast)
    published = make_item(cast, status="published")

    assert signed_in(cast.budi).get(detail(draft)).status_code == 404
    assert signed_in(cast.budi).get(detail(published)).status_code == 200
    assert signed_in(cast.gita).get(detail(draft)).status_code == 200


def test_publishing_to_the_public_makes_cached_public_pages_stale(cast):
    item = make_item(cast, status="in_review")
    before = public_cache.generation()

    services.knowledge_item_publish(
        item=item, user=cast.sari, version=item.version, audience="public"
    )

    assert public_cache.generation() > before


def test_unpublishing_needs_a_reason_and_takes_the_item_back(cast):
    item = make_item(cast, status="published", audience="public")

    with pytest.raises(InvalidInput):
        services.knowledge_item_unpublish(item=item, user=cast.sari, version=item.version, note="")
    services.knowledge_item_unpublish(
        item=item, user=cast.sari, version=item.version, note="Data keliru"
    )

    item.refresh_from_db()
    assert (item.status, item.published_at) == ("returned", None)


# --- media ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/watch?v=abc",
        "https://evil.example/youtube.com",
        "https://youtube.com.evil.example/watch",
        "javascript:alert(1)",
        "https://user:pw@youtube.com/watch",
    ],
)
def test_a_video_links_only_over_https_to_an_allowed_host(cast, url):
    with pytest.raises(InvalidInput):
        make_item(cast, kind="video", video_url=url, transcript="Ringkasan")


def test_a_video_on_an_allowed_host_is_shown_as_a_link_never_embedded(cast):
    item = make_item(
        cast, kind="video", video_url="https://www.youtube.com/watch?v=abc", transcript="Ringkas"
    )

    page = signed_in(cast.wati).get(detail(item)).text
    assert 'href="https://www.youtube.com/watch?v=abc"' in page
    assert "<iframe" not in page and "Ringkas" in page


def test_a_region_adds_its_own_site_to_the_video_hosts(cast, settings):
    settings.SIMPUL_KNOWLEDGE_VIDEO_HOSTS = ["youtube.com", "jogjakota.go.id"]

    item = make_item(cast, kind="video", video_url="https://tv.jogjakota.go.id/v/1")

    assert item.video_url == "https://tv.jogjakota.go.id/v/1"


def test_an_infographic_is_checked_by_its_content(cast):
    fake = SimpleUploadedFile("infografis.png", b"<html><script>x</script></html>")

    with pytest.raises(InvalidInput) as error:
        make_item(cast, kind="infographic", image=fake, image_alt="Alur")
    assert "image" in error.value.message_dict


def test_a_pdf_is_not_an_infographic(cast):
    with pytest.raises(InvalidInput):
        make_item(cast, kind="infographic", image=pdf_upload("infografis.pdf"), image_alt="Alur")


def test_an_infographic_needs_its_text_alternative_before_review(cast):
    image = SimpleUploadedFile("infografis.png", png_bytes(), content_type="image/png")
    item = make_item(cast, kind="infographic", image=image, image_alt="")

    with pytest.raises(InvalidInput) as error:
        services.knowledge_item_submit(item=item, user=cast.wati, version=item.version)
    assert "teks alternatif" in str(error.value)


def test_an_infographic_is_shown_with_its_text_alternative(cast):
    image = SimpleUploadedFile("infografis.png", png_bytes(), content_type="image/png")
    item = make_item(cast, kind="infographic", image=image, image_alt="Alur bank sampah")

    page = signed_in(cast.wati).get(detail(item)).text
    image_url = reverse("knowledge:item-image", args=[item.pk])
    assert f'src="{image_url}" alt="Alur bank sampah"' in page
    assert signed_in(cast.wati).get(image_url).status_code == 200


def test_a_document_is_downloaded_under_its_safe_name(cast):
    item = make_item(cast, kind="document", file=pdf_upload("Panduan\u202ebank.pdf"))

    response = signed_in(cast.wati).get(reverse("knowledge:item-file", args=[item.pk]))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "\u202e" not in item.file_name


def test_research_names_a_university_as_its_partner(cast):
    with pytest.raises(InvalidInput):
        make_item(cast, kind="research", research_partner=cast.ngo)


def test_a_published_item_is_not_edited_and_a_reader_who_does_not_write_gets_404(cast):
    item = make_item(cast, status="published")
    url = reverse("knowledge:item-edit", args=[item.pk])

    assert signed_in(cast.wati).get(url).status_code == 302
    assert signed_in(cast.budi).get(url).status_code == 404
