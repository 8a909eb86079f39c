"""Decisions and action items on the agreement's pages (issue 12, item 7): the open actions and
latest decisions on its Meetings tab, and decisions taken and actions done on its timeline,
each linking to its meeting's minutes and to the plan activity or indicator it changes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.meetings.models import ActionItem
from simpul.meetings.services import minutes as services
from simpul.meetings.tests.public_factories import agreement_meeting, draft_minutes, sign_all
from simpul.monitoring.tests.test_analysis import make_indicator
from simpul.plans.access import plan_for
from simpul.plans.tests.factories import fill_plan

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def overview(agreement) -> str:
    return reverse("agreements:agreement-detail", kwargs={"pk": agreement.pk})


def meetings_tab(agreement) -> str:
    return reverse("meetings:agreement-meetings", kwargs={"agreement_pk": agreement.pk})


def timeline_of(html: str) -> str:
    return html[html.index('id="timeline"') :]


def held(cast, agreement, days: int = 1):
    return agreement_meeting(
        cast, agreement, starts_at=timezone.now() - timedelta(days=days), title=f"Rapat {days}"
    )


def add_action(cast, meeting, title: str, *, due_in_days: int, owner=None) -> ActionItem:
    return services.action_add(
        item=meeting.agenda_items.get(), user=cast.sari, title=title,
        owner_organization=government_of(cast.sleman), owner=owner,
        due_date=timezone.localdate() + timedelta(days=due_in_days),
    )  # fmt: skip


def test_the_meetings_tab_shows_open_actions_with_owner_due_date_and_overdue_badge(cast):
    agreement = make_agreement(cast, state="active")
    meeting = held(cast, agreement)
    draft_minutes(cast, meeting, decision="Debit air dinaikkan bertahap")
    late = add_action(cast, meeting, "Survei pelanggan", due_in_days=-2, owner=cast.yanto)
    add_action(cast, meeting, "Rancangan tarif", due_in_days=10)
    done = add_action(cast, meeting, "Sosialisasi selesai", due_in_days=5)
    services.action_complete(action=done, user=cast.sari, version=done.version, note="Sudah")

    page = signed_in(cast.vina).get(meetings_tab(agreement)).content.decode()

    panel = page[page.index('id="agreement-open-actions"') :]
    late_row = panel[panel.index(f'id="panel-action-{late.pk}"') :].split("</li>")[0]
    assert "Yanto" in late_row and "Kabupaten Sleman" in late_row
    assert 'data-status="overdue"' in late_row
    assert f"#action-{late.pk}" in late_row
    on_time_row = panel[panel.index("Rancangan tarif") :].split("</li>")[0]
    assert 'data-status="overdue"' not in on_time_row
    assert "Sosialisasi selesai" not in panel  # done: on the timeline instead
    assert "Debit air dinaikkan bertahap" in page


def test_a_decision_that_changes_a_plan_activity_or_an_indicator_links_to_it(cast):
    agreement = make_agreement(cast, state="active")
    activity = fill_plan(plan_for(agreement), cast.sari)["activities"][0]
    indicator = make_indicator(agreement, code="AIR-1", name="Cakupan air minum")
    meeting = held(cast, agreement)
    version = draft_minutes(cast, meeting, decision="Tanpa tautan")
    item = meeting.agenda_items.get()
    services.decision_add(
        item=item, user=cast.sari, text="Jadwal kegiatan digeser", activity=activity
    )
    services.decision_add(item=item, user=cast.sari, text="Target dinaikkan", indicator=indicator)
    sign_all(version)
    plan_link = reverse("plans:plan-detail", kwargs={"agreement_pk": agreement.pk})
    plan_link += f"#activity-{activity.pk}"

    client = signed_in(cast.vina)
    tab = client.get(meetings_tab(agreement)).content.decode()
    timeline = timeline_of(client.get(overview(agreement)).content.decode())

    for html in (tab, timeline):
        assert plan_link in html
        assert indicator.get_absolute_url() in html


def test_the_timeline_shows_decisions_once_the_minutes_are_final_and_actions_once_done(cast):
    agreement = make_agreement(cast, state="active")
    meeting = held(cast, agreement)
    version = draft_minutes(cast, meeting, decision="Iuran bersama disepakati")
    action = add_action(cast, meeting, "Menyusun SOP bersama", due_in_days=7)
    client = signed_in(cast.vina)

    draft_timeline = timeline_of(client.get(overview(agreement)).content.decode())
    assert "Iuran bersama disepakati" not in draft_timeline
    sign_all(version)
    action.refresh_from_db()
    assert "Menyusun SOP bersama" not in timeline_of(
        client.get(overview(agreement)).content.decode()
    )
    services.action_complete(action=action, user=cast.sari, version=action.version, note="SOP ada")

    timeline = timeline_of(client.get(overview(agreement)).content.decode())
    minutes = reverse("meetings:minutes", kwargs={"pk": meeting.pk})
    assert 'data-kind="decision"' in timeline and "Iuran bersama disepakati" in timeline
    assert 'data-kind="action-done"' in timeline and "Menyusun SOP bersama" in timeline
    assert f"{minutes}#action-{action.pk}" in timeline


def test_another_regions_user_sees_neither_panel_nor_timeline(cast):
    agreement = make_agreement(cast, state="active")
    signed_minutes_meeting = held(cast, agreement)
    sign_all(draft_minutes(cast, signed_minutes_meeting, decision="Keputusan internal"))
    client = signed_in(cast.budi)

    assert client.get(overview(agreement)).status_code == 404
    assert client.get(meetings_tab(agreement)).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _meeting_with_everything(cast, agreement, days: int) -> None:
    meeting = held(cast, agreement, days)
    version = draft_minutes(cast, meeting, decision=f"Keputusan {days}")
    action = add_action(cast, meeting, f"Tindak lanjut {days}", due_in_days=days - 3)
    add_action(cast, meeting, f"Terbuka {days}", due_in_days=days, owner=cast.yanto)
    sign_all(version)
    action.refresh_from_db()
    services.action_complete(action=action, user=cast.sari, version=action.version, note="ok")


def test_the_overview_and_the_meetings_tab_run_the_same_queries_for_more_meetings(cast):
    agreement = make_agreement(cast, state="active")
    _meeting_with_everything(cast, agreement, 1)
    client = signed_in(cast.vina)
    urls = [overview(agreement), meetings_tab(agreement)]
    few = [_queries(client, url) for url in urls]

    for days in range(2, 5):
        _meeting_with_everything(cast, agreement, days)

    assert [_queries(client, url) for url in urls] == few
