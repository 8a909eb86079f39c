"""The object history page and the read-only admin of the audit log."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from simpul.audit.context import Actor, acting_as
from simpul.audit.models import AuditEvent
from simpul.audit.views import EVENTS_PER_PAGE
from simpul.organizations.models import Membership, Organization
from simpul.testing.cast import make_member, make_user

ORG = "organizations.organization"
WHEN = dt.datetime(2026, 11, 27, 3, 4, tzinfo=dt.UTC)


def history_url(obj) -> str:
    return reverse("audit:object-history", kwargs={"label": obj._meta.label_lower, "pk": obj.pk})


def as_user(user, ip="203.0.113.7") -> Actor:
    return Actor(user_id=user.pk, label=user.email, ip_address=ip)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_history_shows_who_when_where_and_the_field_changes(english, cast):
    org = cast.pemkot_yogyakarta
    with time_machine.travel(WHEN, tick=False), acting_as(as_user(cast.sari)):
        org.website = "https://jogjakota.go.id"
        org.is_active = True
        org.parent = cast.pemda_diy
        org.save()
    english.force_login(cast.sari)
    response = english.get(history_url(org))
    assert response.status_code == 200
    assert "audit/object_history.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert "sari@jogjakota.go.id" in content
    assert "203.0.113.7" in content
    # 03:04 UTC is 10.04 in Yogyakarta (WIB, UTC+7).
    assert "27 Nov 2026 10:04\xa0WIB" in content
    [(event, changes)] = [
        (e, c) for e, c in response.context["events"] if e.actor_label == cast.sari.email
    ]
    assert event.action == AuditEvent.Action.UPDATE
    rows = {c.name: (c.old, c.new) for c in changes}
    # Verbose names, and related objects by name rather than by id.
    assert rows["website"] == ("—", "https://jogjakota.go.id")
    assert rows["parent organisation"] == ("—", str(cast.pemda_diy))
    assert "Website" in content and "Parent organisation" in content


def test_times_are_shown_in_the_viewers_zone(english, cast):
    sorong = Organization.objects.governments().get(region__code="96.01")
    person = make_user("yohan@sorongkab.go.id", "Yohanes Kambu")
    make_member(person, sorong, Membership.Role.ADMIN)
    with time_machine.travel(WHEN, tick=False):
        sorong.description = "Kabupaten di Papua Barat Daya"
        sorong.save()
    english.force_login(person)
    content = english.get(history_url(sorong)).content.decode()
    assert "27 Nov 2026 12:04\xa0WIT" in content  # Asia/Jayapura, UTC+9


def test_events_are_newest_first_and_paginated(english, cast):
    org = cast.ngo
    for i in range(EVENTS_PER_PAGE + 5):
        org.description = f"versi {i}"
        org.save()
    total = AuditEvent.objects.filter(object_type=ORG, object_id=str(org.pk)).count()
    english.force_login(cast.eko)
    first = english.get(history_url(org))
    events = [e for e, _changes in first.context["events"]]
    assert len(events) == EVENTS_PER_PAGE
    assert [e.seq for e in events] == sorted((e.seq for e in events), reverse=True)
    assert events[0].changes["description"][1] == f"versi {EVENTS_PER_PAGE + 4}"
    second = english.get(history_url(org) + "?page=2")
    assert len(second.context["events"]) == total - EVENTS_PER_PAGE
    assert second.context["events"][-1][0].action == AuditEvent.Action.CREATE


def test_m2m_changes_show_the_related_names(english, cast):
    body = Organization.objects.create(
        name="Sekber Kartamantul", kind=Organization.Kind.JOINT_SECRETARIAT
    )
    body.member_regions.add(cast.yogyakarta, cast.sleman)
    english.force_login(cast.rina)
    response = english.get(history_url(body))
    rows = [c for _e, changes in response.context["events"] for c in changes]
    [member_regions] = [c for c in rows if c.name == "member regions"]
    assert member_regions.old == "—"
    assert set(member_regions.new.split(", ")) == {cast.yogyakarta.name, cast.sleman.name}


def test_anonymous_visitors_are_sent_to_sign_in(client, cast):
    response = client.get(history_url(cast.pemkot_yogyakarta))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("label", "pk"),
    [
        ("organizations.nothing", "1"),
        ("audit.auditevent", "1"),  # not a registered model
        (ORG, "not-a-number"),
        (ORG, "999999"),
    ],
)
def test_unknown_labels_and_objects_are_404(client, cast, label, pk):
    client.force_login(cast.rina)
    url = reverse("audit:object-history", kwargs={"label": label, "pk": pk})
    assert client.get(url).status_code == 404


def test_a_deleted_objects_history_is_for_platform_admins_only(english, cast):
    org = Organization.objects.create(name="Forum Kali Code", kind=Organization.Kind.NGO)
    make_member(cast.eko, org, Membership.Role.ADMIN)
    url = history_url(org)
    english.force_login(cast.eko)
    assert english.get(url).status_code == 200
    with acting_as(as_user(cast.eko)):
        org.delete()
    assert english.get(url).status_code == 404
    english.force_login(cast.rina)
    response = english.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "This object has been deleted." in content
    assert "Forum Kali Code" in content
    assert response.context["events"][0][0].action == AuditEvent.Action.DELETE


def test_admin_shows_the_log_read_only(client, cast):
    client.force_login(cast.rina)
    event = AuditEvent.objects.order_by("seq").first()
    changelist = reverse("admin:audit_auditevent_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    change = client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    assert client.get(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [event.pk]}
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert response.status_code in (200, 302)
