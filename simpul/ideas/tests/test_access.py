"""Who sees and acts on an idea: the regions it concerns read it, overseers read without
acting, only the owner's editors decide, and everyone else gets 404."""

import pytest
from django.http import Http404

from simpul.ideas import access
from simpul.ideas.models import Idea

from .factories import make_citizen_idea, make_idea

pytestmark = pytest.mark.django_db


def test_a_member_of_a_region_that_could_join_reads_and_takes_part(cast):
    idea = make_idea(cast, regions=[cast.sleman])
    assert access.idea_get_for_user(cast.yanto, idea.pk, take_part=True) == idea


def test_a_member_of_another_region_gets_404(cast):
    idea = make_idea(cast, regions=[cast.sleman])
    with pytest.raises(Http404):
        access.idea_get_for_user(cast.budi, idea.pk)
    assert idea not in access.ideas_visible_to(cast.budi)


def test_listing_a_region_lets_its_members_in(cast):
    idea = make_idea(cast, regions=[cast.semarang])
    assert access.idea_get_for_user(cast.budi, idea.pk) == idea


def test_the_province_oversees_an_idea_but_does_not_support_it(cast):
    idea = make_idea(cast)
    assert access.idea_get_for_user(cast.gita, idea.pk) == idea
    with pytest.raises(Http404):
        access.idea_get_for_user(cast.gita, idea.pk, take_part=True)


def test_only_the_owner_organisations_editors_decide(cast):
    idea = make_idea(cast)
    assert access.idea_can_decide(cast.sari, idea)
    assert access.idea_can_decide(cast.wati, idea)
    assert not access.idea_can_decide(cast.tono, idea)  # a data officer of the owner
    assert not access.idea_can_decide(cast.yanto, idea)  # a coordinator of a joining region
    with pytest.raises(Http404):
        access.idea_get_for_user(cast.tono, idea.pk, decide=True)


def test_the_author_edits_an_open_idea_but_nobody_edits_a_decided_one(cast):
    idea = make_idea(cast, owner=cast.pemkab_sleman, author=cast.tono, regions=[cast.yogyakarta])
    assert access.idea_can_edit(cast.tono, idea)
    assert not access.idea_can_edit(cast.vina, idea)
    declined = make_idea(
        cast,
        owner=cast.pemkab_sleman,
        author=cast.tono,
        regions=[cast.yogyakarta],
        status="declined",
    )
    assert not access.idea_can_edit(cast.tono, declined)
    assert not access.idea_can_edit(cast.yanto, declined)  # the owner's coordinator
    assert not access.idea_can_edit(cast.rina, declined)


def test_a_citizen_idea_reaches_the_board_only_once_published(cast):
    waiting = make_citizen_idea(cast, moderation=Idea.Moderation.PENDING)
    published = make_citizen_idea(cast, moderation=Idea.Moderation.PUBLISHED)
    board = set(access.ideas_visible_to(cast.rina))
    assert published in board and waiting not in board
    assert set(access.ideas_to_moderate(cast.sari)) == {waiting, published}
    assert not access.ideas_to_moderate(cast.tono).exists()
    assert not access.ideas_to_moderate(cast.budi).exists()


def test_the_search_index_gets_each_ideas_text_and_readers_but_no_unmoderated_idea(cast):
    from simpul.ideas.selectors import search_documents

    member = make_idea(cast, regions=[cast.sleman], problem="Kelola sampah pasar")
    published = make_citizen_idea(cast, moderation=Idea.Moderation.PUBLISHED)
    make_citizen_idea(cast, moderation=Idea.Moderation.PENDING)
    documents = {document["pk"]: document for document in search_documents()}
    assert set(documents) == {member.pk, published.pk}
    assert "Kelola sampah pasar" in documents[member.pk]["text"]
    assert documents[member.pk]["public"] is False
    assert documents[member.pk]["region_ids"] == sorted([cast.yogyakarta.pk, cast.sleman.pk])
    assert documents[published.pk]["public"] is True
    assert documents[published.pk]["public_url"] == published.get_public_url()
