"""The member pages: the board's filters and sorting in a constant number of queries, posting
an idea, supporting and commenting from its page, the owner's status actions, accepting, and
the moderation queue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.agreements.models import GovernmentAffair
from simpul.ideas.models import Idea, IdeaComment
from simpul.knowledge.tests.factories import make_item
from simpul.plans.tests.factories import fill_plan, new_plan
from simpul.search import index

from .factories import make_citizen_idea, make_idea

pytestmark = pytest.mark.django_db

BOARD = reverse("ideas:idea-list")


def _signed_in(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _rows(response) -> list[str]:
    return [idea.title for idea in response.context["page"].object_list]


def test_the_board_filters_by_status_affair_and_region(client, cast):
    environment = GovernmentAffair.objects.get(code="environment")
    waste = make_idea(cast, title="Sampah", regions=[cast.sleman])
    waste.affairs.set([environment])
    make_idea(cast, title="Pasar", regions=[cast.bantul], status="under_review")
    _signed_in(client, cast.sari)

    assert _rows(client.get(BOARD, {"status": "under_review"})) == ["Pasar"]
    assert _rows(client.get(BOARD, {"affair": "environment"})) == ["Sampah"]
    assert _rows(client.get(BOARD, {"region": cast.bantul.code})) == ["Pasar"]
    assert sorted(_rows(client.get(BOARD, {"region": cast.yogyakarta.code}))) == [
        "Pasar",
        "Sampah",
    ]  # the owner's region


def test_the_board_sorts_by_support_or_newest(client, cast):
    older = make_idea(cast, title="Lama")
    make_idea(cast, title="Baru")
    Idea.objects.filter(pk=older.pk).update(support_count=3)
    _signed_in(client, cast.sari)
    assert _rows(client.get(BOARD)) == ["Lama", "Baru"]
    assert _rows(client.get(BOARD, {"sort": "newest"})) == ["Baru", "Lama"]


def test_an_unknown_filter_value_is_refused_with_a_message(client, cast):
    make_idea(cast)
    _signed_in(client, cast.sari)
    response = client.get(BOARD, {"status": "<script>", "region": "99.99"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_the_board_reads_in_the_same_number_of_queries_for_many_ideas(client, cast):
    environment = GovernmentAffair.objects.get(code="environment")
    _signed_in(client, cast.sari)
    make_idea(cast).affairs.set([environment])
    with CaptureQueriesContext(connection) as few:
        assert client.get(BOARD).status_code == 200
    for n in range(6):
        idea = make_idea(
            cast, title=f"Ide {n}", owner=cast.pemkab_sleman, regions=[cast.yogyakarta]
        )
        idea.affairs.set([environment])
        IdeaComment.objects.create(idea=idea, author=cast.sari, body="Setuju")
    with CaptureQueriesContext(connection) as many:
        assert len(_rows(client.get(BOARD))) == 7
    assert len(many) == len(few)


def test_a_member_posts_an_idea_for_their_organisation(client, cast):
    _signed_in(client, cast.tono)
    response = client.post(
        reverse("ideas:idea-create"),
        {
            "owner": cast.pemkot_yogyakarta.pk,
            "title": "Angkutan sekolah bersama",
            "problem": "Siswa dari Bantul menempuh 20 km.",
            "proposal": "Bus sekolah lintas batas.",
            "regions": [cast.bantul.pk],
        },
    )
    idea = Idea.objects.get(title="Angkutan sekolah bersama")
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert (idea.author, list(idea.regions.all())) == (cast.tono, [cast.bantul])


def test_posting_an_empty_idea_says_what_is_missing(client, cast):
    _signed_in(client, cast.tono)
    response = client.post(reverse("ideas:idea-create"), {"owner": cast.pemkot_yogyakarta.pk})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Idea.objects.exists()


def test_a_member_supports_and_comments_from_the_idea_page(client, cast):
    idea = make_idea(cast)
    _signed_in(client, cast.yanto)
    client.post(reverse("ideas:idea-support", kwargs={"pk": idea.pk}))
    client.post(reverse("ideas:idea-comment", kwargs={"pk": idea.pk}), {"body": "<b>Ikut</b>"})
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "1 support" in page and "Withdraw my support" in page
    assert "&lt;b&gt;Ikut&lt;/b&gt;" in page
    empty = client.post(reverse("ideas:idea-comment", kwargs={"pk": idea.pk}), {"body": " "})
    assert empty.status_code == 400


def test_only_the_owners_editors_see_the_status_actions(client, cast):
    idea = make_idea(cast)
    assert (
        "move-review" in _signed_in(client, cast.wati).get(idea.get_absolute_url()).content.decode()
    )
    assert (
        "move-review"
        not in _signed_in(client, cast.tono).get(idea.get_absolute_url()).content.decode()
    )


def test_declining_from_the_page_without_a_reason_says_so(client, cast):
    idea = make_idea(cast)
    _signed_in(client, cast.wati)
    url = reverse("ideas:idea-move", kwargs={"pk": idea.pk})
    response = client.post(url, {"version": idea.version, "action": "decline", "note": ""})
    assert response.status_code == 400
    assert "a note is required" in response.content.decode()
    response = client.post(url, {"version": idea.version, "action": "decline", "note": "Tidak."})
    assert response.status_code == 302
    assert "Tidak." in client.get(idea.get_absolute_url()).content.decode()


def test_a_stale_status_click_gets_a_conflict_page(client, cast):
    idea = make_idea(cast)
    _signed_in(client, cast.wati)
    url = reverse("ideas:idea-move", kwargs={"pk": idea.pk})
    assert client.post(url, {"version": idea.version, "action": "review"}).status_code == 302
    response = client.post(url, {"version": idea.version, "action": "decline", "note": "X"})
    assert response.status_code == 409
    assert "Wati Rahayu" in response.content.decode()


def test_accepting_into_a_plan_activity_links_it(client, cast):
    activity = fill_plan(new_plan(cast), cast.sari)["activities"][0]
    idea = make_idea(cast)
    _signed_in(client, cast.sari)
    response = client.post(
        reverse("ideas:idea-accept", kwargs={"pk": idea.pk}),
        {"version": idea.version, "outcome": "activity", "activity": activity.pk, "family": "ksdd"},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.activity) == ("accepted", activity)


def test_accepting_into_a_knowledge_item_links_it_on_the_idea_page(client, cast):
    item = make_item(cast, title="Bank sampah pasar", status="published")
    idea = make_idea(cast)
    _signed_in(client, cast.sari)
    accept = reverse("ideas:idea-accept", kwargs={"pk": idea.pk})
    assert item.code in client.get(accept).content.decode()  # offered on the form

    response = client.post(
        accept, {"version": idea.version, "outcome": "knowledge", "knowledge_item": item.pk,
                 "family": "ksdd"},
    )  # fmt: skip

    assert response.status_code == 302
    page = client.get(idea.get_absolute_url()).content.decode()
    assert f'href="{reverse("knowledge:item-detail", args=[item.pk])}"' in page
    assert "Bank sampah pasar" in page


def test_the_accept_form_finds_knowledge_items_by_their_words_and_never_anothers_draft(
    client, cast
):
    wanted = make_item(cast, title="Pengelolaan irigasi desa", status="published")
    other = make_item(cast, title="Bank sampah pasar", status="published")
    draft = make_item(
        cast, title="Pengelolaan irigasi rahasia", owner=cast.pemkab_sleman, by=cast.yanto
    )
    index.rebuild()
    idea = make_idea(cast)
    _signed_in(client, cast.sari)
    accept = reverse("ideas:idea-accept", kwargs={"pk": idea.pk})

    page = client.get(accept, {"cari": "kelola irigasi"}).content.decode()

    assert wanted.code in page and other.code not in page
    assert draft.code not in page and "irigasi rahasia" not in page
    newest = client.get(accept).content.decode()  # no words: the newest the owner reads
    assert other.code in newest and draft.code not in newest


def test_the_accept_form_costs_the_same_queries_however_many_items_exist(client, cast):
    idea = make_idea(cast)
    _signed_in(client, cast.sari)
    accept = reverse("ideas:idea-accept", kwargs={"pk": idea.pk})

    def queries():
        index.rebuild()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(accept, {"cari": "sampah"}).status_code == 200
        return len(captured)

    make_item(cast, title="Bank sampah satu", status="published")
    few = queries()
    for number in range(3):
        make_item(cast, title=f"Bank sampah {number}", status="published")
    assert queries() == few


def test_a_linked_draft_shows_no_title_to_a_reader_who_cannot_read_it(client, cast):
    draft = make_item(cast, title="Draf rahasia bank sampah")
    idea = make_idea(cast, status="accepted", knowledge_item=draft)
    _signed_in(client, cast.yanto)  # Pemkab Sleman reads the idea (Sleman may join), not the draft

    page = client.get(idea.get_absolute_url()).content.decode()

    assert "Draf rahasia bank sampah" not in page and 'id="idea-outcome"' in page


def test_an_unknown_knowledge_item_is_refused_with_a_message_not_an_error(client, cast):
    idea = make_idea(cast)
    _signed_in(client, cast.sari)
    response = client.post(
        reverse("ideas:idea-accept", kwargs={"pk": idea.pk}),
        {"version": idea.version, "outcome": "knowledge", "knowledge_item": "999999",
         "family": "ksdd"},
    )  # fmt: skip
    assert response.status_code == 400
    assert Idea.objects.get(pk=idea.pk).status == "new"


def test_accepting_into_an_agreement_the_rules_refuse_shows_why(client, cast):
    idea = make_idea(cast, regions=[])
    _signed_in(client, cast.sari)
    response = client.post(
        reverse("ideas:idea-accept", kwargs={"pk": idea.pk}),
        {"version": idea.version, "outcome": "agreement", "family": "ksdd"},
    )
    assert response.status_code == 400
    assert "at least two parties" in response.content.decode()


def test_a_moderator_hides_a_citizen_idea_only_with_a_reason(client, cast):
    idea = make_citizen_idea(cast)
    _signed_in(client, cast.sari)
    url = reverse("ideas:idea-moderate", kwargs={"pk": idea.pk})
    refused = client.post(url, {"version": idea.version, "action": "hide", "reason": ""})
    assert refused.status_code == 400
    assert (
        client.post(url, {"version": idea.version, "action": "hide", "reason": "Iklan"}).status_code
        == 302
    )
    idea.refresh_from_db()
    assert (idea.moderation, idea.hide_reason) == ("hidden", "Iklan")


def test_a_decided_idea_cannot_be_accepted_again(client, cast):
    idea = make_idea(cast, status="declined")
    _signed_in(client, cast.sari)
    response = client.get(reverse("ideas:idea-accept", kwargs={"pk": idea.pk}), follow=True)
    assert "already been decided" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).status == "declined"


def test_the_moderation_queue_reads_in_the_same_number_of_queries_for_many_ideas(client, cast):
    _signed_in(client, cast.sari)
    make_citizen_idea(cast)
    url = reverse("ideas:moderation")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(5):
        make_citizen_idea(
            cast, title=f"Ide warga {n}", moderation="published" if n % 2 else "pending"
        )
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).context["page"].object_list) == 6
    assert len(many) == len(few)
