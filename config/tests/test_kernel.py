"""The lifecycle kernel in simpul.core, tried on real models: immutable events refused at both
the model and the database level, conditional claims, status machines, and the form helper."""

import pytest
from django import forms
from django.db import DatabaseError, connection, transaction
from django.http import Http404
from django.utils import timezone, translation

from simpul.agreements.models import Agreement, AgreementEvent
from simpul.agreements.tests.factories import make_agreement
from simpul.core.claims import claim, claim_instance
from simpul.core.errors import Conflict, InvalidInput, NotAllowed
from simpul.core.events import (
    ImmutableEventError,
    event_models,
    immutability_suspended,
    install_triggers,
)
from simpul.core.formviews import attempt, status_for
from simpul.core.machines import Machine, Move
from simpul.core.templatetags.simpul_format import zoned


@pytest.fixture
def event(cast):
    agreement = make_agreement(cast, state="offered")
    return agreement.events.last()


def _trigger_tables() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal"
            )
        return {row[0] for row in cursor.fetchall()}


def test_every_event_and_frozen_record_model_is_guarded_by_a_database_trigger(db):
    tables = {model._meta.db_table for model in event_models()}
    assert {
        "agreements_agreementevent",
        "agreements_documentversion",
        "plans_planevent",
        "plans_planversion",
        "monitoring_submissionevent",
        "publication_publicationevent",
        "complaints_complaintevent",
    } <= tables
    assert tables <= _trigger_tables()


def test_an_event_cannot_be_changed_or_deleted_through_the_orm(event):
    event.note = "rewritten"
    with pytest.raises(ImmutableEventError):
        event.save()
    with pytest.raises(ImmutableEventError):
        event.delete()
    with pytest.raises(ImmutableEventError):
        AgreementEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(ImmutableEventError):
        AgreementEvent.objects.filter(pk=event.pk).delete()
    assert AgreementEvent.objects.get(pk=event.pk).note == ""


def test_the_database_refuses_raw_updates_and_deletes_of_an_event(event):
    table = AgreementEvent._meta.db_table
    for sql in (
        f"UPDATE {table} SET note = 'rewritten' WHERE id = %s",  # noqa: S608 - our own table
        f"DELETE FROM {table} WHERE id = %s",  # noqa: S608
    ):
        with (
            pytest.raises(DatabaseError, match="immutable"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AgreementEvent.objects.filter(pk=event.pk, note="").exists()


def test_deleting_an_agreement_with_history_is_refused_by_the_database(event):
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        Agreement.objects.filter(pk=event.agreement_id).delete()
    assert AgreementEvent.objects.filter(pk=event.pk).exists()


def test_only_the_suspended_context_may_delete_events_and_installing_twice_is_harmless(cast):
    assert install_triggers() == install_triggers()
    first, later = (make_agreement(cast, state="offered").events.last() for _ in range(2))
    delete = f"DELETE FROM {AgreementEvent._meta.db_table} WHERE id = %s"  # noqa: S608
    with immutability_suspended(), connection.cursor() as cursor:
        cursor.execute(delete, [first.pk])
    assert not AgreementEvent.objects.filter(pk=first.pk).exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(delete, [later.pk])
    assert AgreementEvent.objects.filter(pk=later.pk).exists()


# --- claims ------------------------------------------------------------------------------------


def test_of_two_claims_on_the_same_version_only_the_first_applies(cast):
    agreement = make_agreement(cast)
    read_by_both = agreement.version
    claim(Agreement, agreement.pk, version=read_by_both, by=cast.sari, set={"title": "Sari's"})
    with pytest.raises(Conflict) as raised:
        claim(Agreement, agreement.pk, version=read_by_both, by=cast.budi, set={"title": "Budi's"})
    agreement.refresh_from_db()
    assert agreement.title == "Sari's"
    assert agreement.version == read_by_both + 1
    assert raised.value.status == 409
    assert raised.value.version == read_by_both + 1
    assert raised.value.when is not None


def test_a_claim_from_a_state_that_no_longer_holds_says_the_state_now(cast):
    agreement = make_agreement(cast, state="offered")
    with pytest.raises(Conflict) as raised:
        claim(Agreement, agreement.pk, states=("draft",), state_field="state", set={"title": "x"})
    assert raised.value.code == "state"
    assert raised.value.state
    assert raised.value.state in raised.value.messages[0]


def test_a_claim_on_a_deleted_row_says_it_was_deleted(cast):
    with pytest.raises(Conflict) as raised:
        claim(Agreement, 0, version=1, set={"title": "x"})
    assert raised.value.code == "deleted"


def test_claim_instance_keeps_the_instance_in_step(cast):
    agreement = make_agreement(cast)
    before = agreement.version
    claim_instance(agreement, set={"title": "Baru"}, by=cast.sari)
    assert agreement.title == "Baru"
    assert agreement.version == before + 1
    assert Agreement.objects.get(pk=agreement.pk).version == before + 1


def test_a_conflict_message_names_the_time_with_its_zone(cast, settings):
    agreement = make_agreement(cast)
    claim(Agreement, agreement.pk, version=agreement.version, set={"title": "x"})
    with timezone.override("Asia/Makassar"), pytest.raises(Conflict) as raised:
        claim(Agreement, agreement.pk, version=agreement.version, set={"title": "y"})
    assert "WITA" in raised.value.messages[0]


def test_a_conflict_writes_its_moment_as_pages_do_in_the_readers_zone(cast):
    agreement = make_agreement(cast)
    claim(Agreement, agreement.pk, version=agreement.version, set={"title": "x"})
    changed_at = Agreement.objects.get(pk=agreement.pk).updated_at
    with translation.override("id"), timezone.override("Asia/Jayapura"):
        with pytest.raises(Conflict) as raised:
            claim(Agreement, agreement.pk, version=agreement.version, set={"title": "y"})
        on_pages = zoned(changed_at)
    assert on_pages.endswith("\xa0WIT")  # no break between the time and its zone
    assert on_pages in raised.value.messages[0]


# --- machines ----------------------------------------------------------------------------------

DOOR = Machine(
    "door",
    Move("open", "Open", sources=("closed",), target="open"),
    Move("close", "Close", sources=("open",), target="closed"),
    Move("lock", "Lock", sources=("closed",), target="locked", note_required=True),
)


def test_a_machine_offers_only_the_moves_that_apply_to_the_state():
    assert [move.action for move in DOOR.available("closed")] == ["open", "lock"]
    assert DOOR.states == {"open", "closed", "locked"}


def test_a_machine_refuses_unknown_moves_moves_from_the_wrong_state_and_missing_notes():
    with pytest.raises(InvalidInput):
        DOOR.move("fly", current="closed")
    with pytest.raises(InvalidInput):
        DOOR.move("close", current="closed")
    with pytest.raises(InvalidInput):
        DOOR.move("lock", current="closed", note="  ")
    assert DOOR.move("lock", current="closed", note="Libur").target == "locked"


def test_a_machine_refuses_an_action_declared_twice():
    with pytest.raises(ValueError, match="twice"):
        Machine("x", Move("a", "A", ("s",), "t"), Move("a", "A", ("t",), "s"))


# --- form helper ---------------------------------------------------------------------------------


class TitleForm(forms.Form):
    title = forms.CharField()


def test_attempt_puts_field_errors_beside_the_field_and_answers_400():
    form = TitleForm({"title": "x"})
    assert form.is_valid()

    def refuse():
        raise InvalidInput({"title": ["Too short."]})

    outcome = attempt(form, refuse)
    assert not outcome.ok
    assert outcome.status == 400
    assert form.errors["title"] == ["Too short."]
    assert status_for(form, outcome) == 400


def test_attempt_puts_a_conflict_on_top_and_answers_409():
    form = TitleForm({"title": "x"})
    assert form.is_valid()
    seen = []

    def conflict():
        raise Conflict("Budi changed this at 07-12-2026 10.00 WIB.", who="Budi")

    outcome = attempt(form, conflict, on_conflict=seen.append)
    assert outcome.status == 409
    assert outcome.conflict is seen[0]
    assert form.non_field_errors() == ["Budi changed this at 07-12-2026 10.00 WIB."]


def test_attempt_answers_not_allowed_with_a_404_and_passes_results_through():
    with pytest.raises(Http404):
        attempt(None, lambda: (_ for _ in ()).throw(NotAllowed("no")))
    outcome = attempt(None, lambda: 42)
    assert outcome.ok and outcome.result == 42 and status_for(None, outcome) == 200
