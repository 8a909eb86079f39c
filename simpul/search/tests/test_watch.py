"""The index follows the services' writes once they commit, with no call of their own."""

import pytest
from django.db import transaction
from django.urls import reverse
from django_tasks import default_task_backend

from simpul.agreements.services.agreements import agreement_update
from simpul.agreements.tests.factories import make_agreement
from simpul.consultations.services import comment_moderate
from simpul.consultations.tests.factories import make_comment, make_consultation
from simpul.ideas.services import citizen_idea_moderate
from simpul.ideas.tests.factories import make_citizen_idea
from simpul.knowledge.services import knowledge_item_publish
from simpul.knowledge.tests.factories import make_item
from simpul.publication.models import PublicationRule
from simpul.search import index
from simpul.search.models import SearchDocument
from simpul.search.selectors import search


def found(user, query):
    return [(hit.kind, hit.object_id) for hit in search(user, query).hits]


def test_a_new_agreement_is_found_once_its_transaction_commits(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = make_agreement(cast, title="Pengelolaan air limbah domestik")
        assert found(cast.sari, "limbah") == []  # not before the commit
    assert found(cast.sari, "kelola limbah") == [("agreement", agreement.pk)]


def test_an_edited_agreement_is_found_by_its_new_words_only(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = make_agreement(cast, title="Pengelolaan air limbah domestik")
    with django_capture_on_commit_callbacks(execute=True):
        agreement_update(
            agreement=agreement,
            user=cast.sari,
            expected_version=agreement.version,
            title="Penyediaan air minum",
        )
    assert found(cast.sari, "limbah") == []
    assert found(cast.sari, "sedia air minum") == [("agreement", agreement.pk)]


def test_a_comment_is_found_once_a_moderator_publishes_it(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        consultation = make_consultation(make_agreement(cast), title="Konsultasi rencana")
        comment = make_comment(
            consultation.sections.first(), body="Usul bank sampah di tiap kelurahan"
        )
    assert found(cast.sari, "kelurahan") == []
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderate(comment=comment, user=cast.sari, approve=True)
    assert found(cast.sari, "kelurahan") == [("consultation", consultation.pk)]


def test_nothing_is_indexed_for_a_rolled_back_change(cast, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        make_agreement(cast, title="Kerja sama yang dibatalkan")
        raise RuntimeError
    with django_capture_on_commit_callbacks(execute=True):
        kept = make_agreement(cast, title="Kerja sama yang jadi")
    assert list(SearchDocument.objects.values_list("object_id", flat=True)) == [kept.pk]


def test_a_knowledge_item_is_found_by_members_once_a_reviewer_publishes_it(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(cast, title="Pengelolaan sampah di sumber", status="in_review")
    assert found(cast.sari, "kelola sampah") == [("knowledge", item.pk)]  # its owner's
    assert found(cast.budi, "kelola sampah") == []
    with django_capture_on_commit_callbacks(execute=True):
        knowledge_item_publish(item=item, user=cast.sari, version=item.version, audience="members")
    assert found(cast.budi, "kelola sampah") == [("knowledge", item.pk)]
    assert found(None, "kelola sampah") == []


def test_a_citizens_idea_is_found_by_the_public_once_moderated(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = make_citizen_idea(cast, title="Kelola sampah kampung", owner=cast.pemkot_yogyakarta)
    assert found(cast.sari, "sampah kampung") == []
    with django_capture_on_commit_callbacks(execute=True):
        citizen_idea_moderate(idea=idea, user=cast.wati, version=idea.version, publish=True)
    assert found(None, "sampah kampung") == [("idea", idea.pk)]


def test_a_publication_rule_changed_in_the_admin_reaches_the_index_through_the_worker(
    cast, client, settings, django_capture_on_commit_callbacks
):
    agreement = make_agreement(cast, state="active", title="Pengelolaan sampah terbuka")
    index.rebuild()
    assert found(None, "sampah") == [("agreement", agreement.pk)]
    rule = PublicationRule.objects.get(kind="objectives", stage_code="active")
    # A queue that only records, like the database queue before a worker takes the task.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(cast.rina)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:publication_publicationrule_change", args=[rule.pk]),
            {"kind": "objectives", "stage_code": "active", "is_public": ""},
        )

    assert response.status_code == 302
    # The admin's request re-indexed nothing; the worker's task does, when it runs.
    assert found(None, "sampah") == [("agreement", agreement.pk)]
    queued = default_task_backend.results
    assert {(result.task.name, result.args[0]) for result in queued} >= {
        ("search_refresh", "agreement")
    }
    for result in queued:
        result.task.call(*result.args, **result.kwargs)
    assert found(None, "sampah") == []
    assert found(cast.sari, "sampah") == [("agreement", agreement.pk)]  # members still do
