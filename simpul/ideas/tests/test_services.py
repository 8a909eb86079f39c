"""The idea's life: supports counted once per person, status moves through the kernel
machine with immutable events, a Conflict for the second of two clicks, and acceptance into
an agreement draft, a plan activity or a knowledge item with the link kept."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from simpul.agreements.models import Agreement, GovernmentAffair
from simpul.core.errors import Conflict, InvalidInput, NotAllowed
from simpul.core.events import ImmutableEventError
from simpul.ideas import services
from simpul.ideas.models import Idea, IdeaEvent
from simpul.knowledge.tests.factories import make_item
from simpul.organizations.models import Organization

from .factories import make_idea

pytestmark = pytest.mark.django_db


def test_a_person_supports_an_idea_once_and_the_count_follows(cast):
    idea = make_idea(cast)
    assert services.idea_support(idea=idea, user=cast.yanto) is True
    assert services.idea_support(idea=idea, user=cast.yanto) is False
    services.idea_support(idea=idea, user=cast.eko)
    idea.refresh_from_db()
    assert idea.support_count == 2 == idea.supports.count()
    services.idea_unsupport(idea=idea, user=cast.eko)
    idea.refresh_from_db()
    assert idea.support_count == 1


def test_a_member_posts_only_for_their_own_organisation(cast):
    with pytest.raises(NotAllowed):
        services.idea_create(
            user=cast.budi, owner=cast.pemkot_yogyakarta, title="T", problem="P", proposal="U"
        )
    idea = services.idea_create(
        user=cast.tono, owner=cast.pemkot_yogyakarta, title=" T ", problem="P", proposal="U"
    )
    assert (idea.title, idea.code, idea.events.get().to_status) == (
        "T",
        f"IDE-{idea.pk:06d}",
        "new",
    )


def test_declining_needs_a_reason_and_keeps_it(cast):
    idea = make_idea(cast)
    with pytest.raises(InvalidInput):
        services.idea_move(idea=idea, user=cast.sari, version=idea.version, action="decline")
    services.idea_move(
        idea=idea, user=cast.sari, version=idea.version, action="decline", note="Belum prioritas."
    )
    idea.refresh_from_db()
    assert (idea.status, idea.decline_reason) == ("declined", "Belum prioritas.")


def test_of_two_reviewers_clicking_at_once_the_second_gets_a_conflict_naming_the_first(cast):
    idea = make_idea(cast)
    stale = Idea.objects.get(pk=idea.pk)
    services.idea_move(idea=idea, user=cast.sari, version=idea.version, action="review")
    with pytest.raises(Conflict) as error:
        services.idea_move(
            idea=stale, user=cast.wati, version=stale.version, action="decline", note="Tidak."
        )
    assert "Sari Wulandari" in error.value.messages[0]
    assert Idea.objects.get(pk=idea.pk).status == "under_review"


def test_a_decided_idea_cannot_move_again(cast):
    idea = make_idea(cast, status="declined")
    with pytest.raises(InvalidInput):
        services.idea_move(idea=idea, user=cast.sari, version=idea.version, action="review")


def test_every_move_leaves_an_event_nobody_can_change(cast):
    idea = make_idea(cast)
    services.idea_move(idea=idea, user=cast.sari, version=idea.version, action="review")
    event = IdeaEvent.objects.get(idea=idea)
    assert (event.from_status, event.to_status, event.actor) == ("new", "under_review", cast.sari)
    event.note = "diubah"
    with pytest.raises(ImmutableEventError):
        event.save()


def test_accepting_as_an_agreement_registers_a_draft_between_the_regions_governments(cast):
    idea = make_idea(cast, regions=[cast.sleman, cast.bantul])
    idea.affairs.set(GovernmentAffair.objects.filter(code="environment"))
    services.idea_accept_as_agreement(idea=idea, user=cast.sari, version=idea.version)
    idea.refresh_from_db()
    agreement = Agreement.objects.get(pk=idea.agreement_id)
    assert (idea.status, idea.outcome) == ("accepted", "agreement")
    assert agreement.state == "draft" and agreement.owner == cast.pemkot_yogyakarta
    assert set(agreement.parties.values_list("organization__region", flat=True)) == {
        cast.yogyakarta.pk,
        cast.sleman.pk,
        cast.bantul.pk,
    }
    assert list(agreement.affairs.all()) == list(idea.affairs.all())
    assert idea.outcome_url == agreement.get_absolute_url()


def test_an_agreement_the_party_rules_refuse_leaves_the_idea_open(cast):
    idea = make_idea(cast, regions=[])  # one government alone cannot cooperate
    with pytest.raises(ValidationError):
        services.idea_accept_as_agreement(idea=idea, user=cast.sari, version=idea.version)
    idea.refresh_from_db()
    assert idea.status == "new" and not Agreement.objects.filter(title=idea.title).exists()


def test_accepting_as_a_knowledge_item_links_the_item_and_its_page(cast):
    idea = make_idea(cast)
    item = make_item(cast, status="published", owner=cast.pemkab_sleman, by=cast.yanto)

    services.idea_accept_as_knowledge(idea=idea, user=cast.sari, version=idea.version, item=item)

    idea.refresh_from_db()
    assert (idea.outcome, idea.knowledge_item) == ("knowledge", item)
    assert idea.outcome_url == reverse("knowledge:item-detail", args=[item.pk])


def test_only_an_item_the_owner_organisation_reads_can_be_linked(cast):
    idea = make_idea(cast)  # Pemkot Yogyakarta's
    others_draft = make_item(cast, owner=cast.pemkab_sleman, by=cast.yanto)
    own_draft = make_item(cast, title="Draf bank sampah")

    with pytest.raises(InvalidInput):
        services.idea_accept_as_knowledge(
            idea=idea, user=cast.sari, version=idea.version, item=others_draft
        )
    with pytest.raises(InvalidInput):
        services.idea_accept_as_knowledge(
            idea=idea, user=cast.sari, version=idea.version, item=None
        )
    services.idea_accept_as_knowledge(
        idea=idea, user=cast.sari, version=idea.version, item=own_draft
    )
    idea.refresh_from_db()
    assert (idea.status, idea.knowledge_item) == ("accepted", own_draft)


def test_a_support_counted_while_the_owner_reviews_is_not_lost(cast):
    idea = make_idea(cast)
    services.idea_support(idea=Idea.objects.get(pk=idea.pk), user=cast.yanto)
    services.idea_move(idea=idea, user=cast.sari, version=idea.version, action="review")
    services.idea_update(idea=idea, user=cast.sari, version=idea.version, title="Judul baru")
    idea.refresh_from_db()
    assert (idea.status, idea.title, idea.support_count) == ("under_review", "Judul baru", 1)


def test_an_activity_of_someone_elses_agreement_is_refused(cast):
    from simpul.plans.tests.factories import fill_plan, new_plan

    others = [cast.pemkot_semarang, Organization.objects.governments().get(region=cast.jateng)]
    activity = fill_plan(new_plan(cast, parties=others, owner=others[0]), cast.rina)
    idea = make_idea(cast)
    with pytest.raises(InvalidInput):
        services.idea_accept_as_activity(
            idea=idea, user=cast.sari, version=idea.version, activity=activity["activities"][0]
        )
    assert Idea.objects.get(pk=idea.pk).status == "new"
