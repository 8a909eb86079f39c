import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.organizations.models import Invitation, Membership
from simpul.regions.models import Region
from simpul.regions.selectors import national_counts
from simpul.testing.cast import make_member

pytestmark = pytest.mark.django_db

HOME = reverse("dashboard:home")


def test_visitors_see_national_counts_and_ways_in(client, cast):
    population = national_counts()["population"]

    response = client.get(HOME)

    assert response.status_code == 200
    assert "dashboard/landing.html" in [t.name for t in response.templates]
    assert reverse("regions:region-list") in response.text
    assert reverse("accounts:login") in response.text
    assert population > 1_000_000
    assert f"{population:,}".replace(",", ".") in response.text  # Indonesian grouping


def test_the_dashboard_lists_my_organisations_with_roles_and_my_regions(client, cast):
    make_member(cast.dewi, cast.pemkot_semarang, Membership.Role.VIEWER)
    client.force_login(cast.dewi)

    response = client.get(HOME)

    assert "dashboard/home.html" in [t.name for t in response.templates]
    assert [(m.organization, m.role) for m in response.context["memberships"]] == [
        (cast.dlh_yogyakarta, "data_officer"),
        (cast.pemkot_semarang, "viewer"),
    ]
    assert response.context["regions"] == [cast.semarang, cast.yogyakarta]
    assert cast.yogyakarta.get_absolute_url() in response.text
    assert cast.dlh_yogyakarta.get_absolute_url() in response.text
    assert response.context["oversight"] is None


def test_invitations_addressed_to_me_wait_on_my_dashboard(client, cast):
    Invitation.objects.create(
        organization=cast.pemkot_yogyakarta,
        email="EKO@lestari.or.id",
        role="viewer",
        invited_by=cast.sari,
    )
    client.force_login(cast.eko)

    response = client.get(HOME)

    [item] = response.context["invitations_for_me"]
    assert item["invitation"].organization == cast.pemkot_yogyakarta
    assert client.get(item["accept_url"]).status_code == 200


def test_admins_see_their_member_counts_and_the_invitations_they_sent(client, cast):
    Invitation.objects.create(
        organization=cast.pemkot_yogyakarta,
        email="baru@jogjakota.go.id",
        role="viewer",
        invited_by=cast.sari,
    )
    client.force_login(cast.sari)

    response = client.get(HOME)

    [managed] = response.context["managed_organizations"]
    # Sari, wati, tono and vina are its members.
    assert (managed, managed.member_count, managed.pending_count) == (cast.pemkot_yogyakarta, 4, 1)
    assert [i.email for i in response.context["invitations_sent"]] == ["baru@jogjakota.go.id"]


def test_a_province_coordinator_sees_the_regions_she_oversees(client, cast):
    client.force_login(cast.gita)

    oversight = client.get(HOME).context["oversight"]

    assert not oversight["everything"]
    assert {r.code for r in oversight["regions"]} == {"34", "34.71", "34.04", "34.02"}


def test_central_oversight_is_shown_as_a_count_not_a_list(client, cast):
    client.force_login(cast.hadi)

    response = client.get(HOME)

    oversight = response.context["oversight"]
    assert oversight["everything"]
    assert oversight["count"] == Region.objects.current().count()
    assert oversight["regions"] == []


def test_the_dashboard_lists_agreements_ending_soon(client, cast):
    today = timezone.localdate()
    soon = make_agreement(
        cast,
        state="active",
        title="Pengelolaan sampah bersama",
        start_date=today - datetime.timedelta(days=400),
        end_date=today + datetime.timedelta(days=60),
    )
    make_agreement(
        cast,
        state="active",
        title="Kerja sama jangka panjang",
        start_date=today,
        end_date=today + datetime.timedelta(days=900),
    )
    client.force_login(cast.sari)
    response = client.get(reverse("dashboard:home"))
    assert [a.pk for a in response.context["expiring_agreements"]] == [soon.pk]
    assert response.context["agreement_counts"] == {"total": 2, "in_force": 2}
    client.force_login(cast.budi)
    assert client.get(reverse("dashboard:home")).context["expiring_agreements"] == []


# --- early warnings -----------------------------------------------------------------------------


def _warning(agreement, organization, n, severity="warning"):
    from simpul.monitoring.models import EarlyWarning

    seen = timezone.now() - datetime.timedelta(hours=n)
    return EarlyWarning.objects.create(
        rule_code="agreement_expiring",
        agreement=agreement,
        organization=organization,
        subject_key=f"agreement:{agreement.pk}:{n}",
        severity=severity,
        params={
            "agreement": agreement.reference_code,
            "title": agreement.title,
            "end_date": "2026-12-31",
        },
        link=agreement.get_absolute_url(),
        first_seen_at=seen,
        last_seen_at=seen,
    )


def test_the_dashboard_lists_early_warnings_newest_first_with_severity_in_words(client, cast):
    client.cookies["django_language"] = "en"
    agreement = make_agreement(cast, state="active")
    older = _warning(agreement, cast.pemkot_yogyakarta, 5)
    newer = _warning(agreement, cast.pemkot_yogyakarta, 1, severity="critical")
    client.force_login(cast.sari)

    response = client.get(HOME)

    panel = response.context["early_warnings"]
    assert panel["count"] == 2
    assert [item["warning"] for item in panel["items"]] == [newer, older]
    assert 'id="early-warnings"' in response.text
    assert f'id="warning-{newer.pk}"' in response.text
    assert "Critical:" in response.text
    assert f"{agreement.reference_code} “{agreement.title}” ends on 31 December 2026." in (
        response.text
    )
    assert f'href="{agreement.get_absolute_url()}"' in response.text


def test_early_warnings_are_shown_only_to_people_who_can_act(client, cast):
    agreement = make_agreement(cast, state="active")
    _warning(agreement, cast.pemkot_yogyakarta, 1)

    for person, expected in [("sari", 1), ("dewi", 1), ("budi", 0), ("gita", 0), ("hadi", 0)]:
        client.force_login(getattr(cast, person))
        assert client.get(HOME).context["early_warnings"]["count"] == expected, person


def test_the_early_warnings_panel_shows_at_most_ten_with_a_constant_number_of_queries(
    client, cast, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    agreement = make_agreement(cast, state="active")
    for n in range(2):
        _warning(agreement, cast.pemkot_yogyakarta, n)
    client.force_login(cast.sari)
    with CaptureQueriesContext(connection) as two:
        client.get(HOME)
    for n in range(2, 14):
        _warning(agreement, cast.pemkot_yogyakarta, n)

    with django_assert_num_queries(len(two)):
        response = client.get(HOME)

    assert response.context["early_warnings"]["count"] == 14
    assert len(response.context["early_warnings"]["items"]) == 10
