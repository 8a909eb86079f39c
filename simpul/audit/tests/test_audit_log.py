"""The audit log records who changed what, when and from where, and detects tampering."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from simpul.audit.context import Actor, acting_as
from simpul.audit.middleware import AuditContextMiddleware
from simpul.audit.models import AppendOnlyError, AuditEvent
from simpul.audit.services import verify_chain
from simpul.organizations.models import Organization
from simpul.regions.models import Region

pytestmark = pytest.mark.django_db

ORG = "organizations.organization"


def events_of(obj) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).order_by("seq")
    )


def make_ngo(**extra) -> Organization:
    return Organization.objects.create(
        name="Yayasan Kali Bersih", kind=Organization.Kind.NGO, **extra
    )


def make_province(code="34", name="Daerah Istimewa Yogyakarta") -> Region:
    return Region.objects.create(
        code=code,
        name=name,
        level=Region.Level.PROVINCE,
        timezone=Region.TimeZone.WIB,
        latitude="-7.8",
        longitude="110.4",
    )


@pytest.fixture
def actor():
    return Actor(
        user_id=None, label="sari@jogjakota.go.id", ip_address="203.0.113.7", user_agent="UA"
    )


def test_create_records_who_when_where_and_values(actor):
    before = timezone.now()
    with acting_as(actor):
        org = make_ngo(acronym="YKB")
    [event] = events_of(org)
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor_label == "sari@jogjakota.go.id"
    assert event.ip_address == "203.0.113.7"
    assert event.user_agent == "UA"
    assert before <= event.occurred_at <= timezone.now()
    assert event.object_repr == "Yayasan Kali Bersih"
    assert event.changes["name"] == [None, "Yayasan Kali Bersih"]
    assert event.changes["acronym"] == [None, "YKB"]
    assert event.changes["is_active"] == [None, True]
    # Empty values and the timestamps every model carries are left out.
    assert "website" not in event.changes
    assert "created_at" not in event.changes and "updated_at" not in event.changes


def test_update_records_only_the_changed_fields(actor):
    org = make_ngo()
    with acting_as(actor):
        org.name = "Yayasan Sungai Bersih"
        org.is_active = False
        org.save()
    event = events_of(org)[-1]
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes == {
        "name": ["Yayasan Kali Bersih", "Yayasan Sungai Bersih"],
        "is_active": [True, False],
    }
    assert event.actor_label == actor.label


def test_a_save_that_changes_nothing_records_nothing():
    org = make_ngo()
    count = AuditEvent.objects.count()
    org.save()
    Organization.objects.get(pk=org.pk).save()
    assert AuditEvent.objects.count() == count


def test_delete_records_the_last_values(actor):
    org = make_ngo(acronym="YKB")
    pk = org.pk
    with acting_as(actor):
        org.delete()
    event = AuditEvent.objects.filter(object_type=ORG, object_id=str(pk)).order_by("seq").last()
    assert event.action == AuditEvent.Action.DELETE
    assert event.changes["name"] == ["Yayasan Kali Bersih", None]
    assert event.changes["acronym"] == ["YKB", None]
    assert event.actor_label == actor.label


@pytest.mark.usefixtures("without_cast")  # it creates the provinces itself
def test_many_to_many_changes_are_recorded(actor):
    diy = make_province()
    jateng = make_province("33", "Jawa Tengah")
    body = Organization.objects.create(
        name="Sekber Joglosemar", kind=Organization.Kind.JOINT_SECRETARIAT
    )
    with acting_as(actor):
        body.member_regions.add(diy, jateng)
        body.member_regions.remove(jateng)
        body.member_regions.clear()
    changes = [e.changes for e in events_of(body)[1:]]
    assert changes == [
        {"member_regions": [None, sorted([diy.pk, jateng.pk])]},
        {"member_regions": [[jateng.pk], None]},
        {"member_regions": ["*", None]},
    ]


def test_the_middleware_makes_the_signed_in_user_the_actor(cast):
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT="Firefox/140")
    request.user = cast.sari

    def view(request):
        cast.ngo.description = "Sungai bersih untuk semua"
        cast.ngo.save()

    AuditContextMiddleware(view)(request)
    event = events_of(cast.ngo)[-1]
    assert event.actor_id == cast.sari.pk
    assert event.actor_label == cast.sari.email
    assert event.ip_address == "198.51.100.23"
    assert event.user_agent == "Firefox/140"
    assert event.changes == {"description": ["", "Sungai bersih untuk semua"]}


def test_without_a_request_the_actor_is_the_system():
    org = make_ngo()
    [event] = events_of(org)
    assert event.actor_id is None
    assert event.actor_label == "system"
    assert event.ip_address is None


def test_events_form_an_unbroken_chain():
    org = make_ngo()
    org.name = "Baru"
    org.save()
    org.delete()
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    for previous, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == previous.hash
        assert event.hash == event.compute_hash()
    assert verify_chain() == (len(events), None)


def test_events_cannot_be_changed_or_deleted_through_the_model():
    make_ngo()
    event = AuditEvent.objects.first()
    event.object_repr = "something else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.filter(object_repr="something else").count() == 0


# --- audit_verify and tampering ------------------------------------------------------------


def _chain_of(n: int) -> None:
    org = make_ngo()
    for i in range(n - 1):
        org.description = f"versi {i}"
        org.save()
    assert AuditEvent.objects.count() == n


def _tamper(sql: str, params=None) -> None:
    """Change the log as a database administrator could: on PostgreSQL, past the trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only"
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only"
            )


@pytest.mark.usefixtures("empty_audit_log")
def test_audit_verify_passes_on_an_intact_chain(capsys):
    _chain_of(4)
    call_command("audit_verify")
    assert "4 rows verified" in capsys.readouterr().out


@pytest.mark.usefixtures("empty_audit_log")
def test_audit_verify_passes_on_an_empty_log(capsys):
    call_command("audit_verify")
    assert "0 rows verified" in capsys.readouterr().out


@pytest.mark.usefixtures("empty_audit_log")
def test_audit_verify_names_an_altered_row():
    _chain_of(4)
    _tamper("UPDATE audit_auditevent SET object_repr='x' WHERE seq=2")
    with pytest.raises(CommandError, match=r"after 1 good rows: row 2 was altered"):
        call_command("audit_verify")


@pytest.mark.usefixtures("empty_audit_log")
def test_audit_verify_detects_a_changed_time():
    _chain_of(3)
    event = AuditEvent.objects.get(seq=3)
    earlier = event.occurred_at - timedelta(hours=1)
    _tamper("UPDATE audit_auditevent SET occurred_at=%s WHERE seq=3", [earlier])
    with pytest.raises(CommandError, match="row 3 was altered"):
        call_command("audit_verify")


@pytest.mark.usefixtures("empty_audit_log")
def test_audit_verify_names_a_removed_middle_row():
    _chain_of(4)
    _tamper("DELETE FROM audit_auditevent WHERE seq=2")
    with pytest.raises(CommandError, match="row 2 was removed"):
        call_command("audit_verify")


@pytest.mark.usefixtures("empty_audit_log")
def test_audit_verify_notices_the_last_row_was_removed():
    _chain_of(4)
    _tamper("DELETE FROM audit_auditevent WHERE seq=4")
    with pytest.raises(CommandError, match="row 4 was removed"):
        call_command("audit_verify")


@pytest.mark.usefixtures("empty_audit_log")
def test_audit_verify_notices_several_rows_removed_from_the_end():
    _chain_of(4)
    _tamper("DELETE FROM audit_auditevent WHERE seq>=3")
    with pytest.raises(CommandError, match="rows 3–4 were removed from the end"):
        call_command("audit_verify")


@pytest.mark.usefixtures("empty_audit_log")
def test_appends_continue_the_chain_after_verification():
    _chain_of(2)
    make_ngo()
    assert verify_chain() == (3, None)


@pytest.mark.usefixtures("empty_audit_log")
@pytest.mark.postgresql  # the append-only trigger exists on PostgreSQL only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET object_repr='x' WHERE seq=1",
        "DELETE FROM audit_auditevent WHERE seq=1",
    ],
)
@pytest.mark.usefixtures("empty_audit_log")
def test_postgresql_refuses_updates_and_deletes_from_the_application(sql):
    make_ngo()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.get(seq=1).object_repr == "Yayasan Kali Bersih"
    assert verify_chain() == (1, None)
