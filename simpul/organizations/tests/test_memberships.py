import pytest
from django.urls import reverse

from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user

pytestmark = pytest.mark.django_db


def members_url(organization) -> str:
    return reverse("organizations:organization-members", kwargs={"pk": organization.pk})


def role_url(membership) -> str:
    return reverse(
        "organizations:membership-role",
        kwargs={"pk": membership.organization_id, "membership_pk": membership.pk},
    )


def remove_url(membership) -> str:
    return reverse(
        "organizations:membership-remove",
        kwargs={"pk": membership.organization_id, "membership_pk": membership.pk},
    )


def sari_membership(cast) -> Membership:
    return Membership.objects.get(user=cast.sari, organization=cast.pemkot_yogyakarta)


def test_an_admin_changes_a_members_role(client, cast):
    staff = make_member(make_user("staf@jogjakota.go.id", "Staf"), cast.pemkot_yogyakarta, "viewer")
    client.force_login(cast.sari)

    response = client.post(role_url(staff), {"role": "editor"}, follow=True)

    staff.refresh_from_db()
    assert staff.role == Membership.Role.EDITOR
    assert "sekarang menjadi penyunting" in response.text


def test_the_last_admin_cannot_step_down(client, cast):
    client.force_login(cast.sari)

    response = client.post(role_url(sari_membership(cast)), {"role": "viewer"}, follow=True)

    assert sari_membership(cast).role == Membership.Role.ADMIN
    assert "paling sedikit satu administrator" in response.text


def test_the_last_admin_cannot_be_removed(client, cast):
    client.force_login(cast.rina)

    response = client.post(remove_url(sari_membership(cast)), follow=True)

    assert response.status_code == 200
    assert Membership.objects.filter(pk=sari_membership(cast).pk).exists()
    assert "paling sedikit satu administrator" in response.text


def test_an_admin_may_step_down_once_someone_else_is_admin(client, cast):
    make_member(make_user("wakil@jogjakota.go.id", "Wakil"), cast.pemkot_yogyakarta, "admin")
    client.force_login(cast.sari)

    client.post(role_url(sari_membership(cast)), {"role": "coordinator"})

    assert sari_membership(cast).role == Membership.Role.COORDINATOR


def test_a_removed_member_loses_access_on_their_next_request(client, cast):
    staff_user = make_user("staf@jogjakota.go.id", "Staf")
    staff = make_member(staff_user, cast.pemkot_yogyakarta, "editor")
    client.force_login(staff_user)
    assert client.get(members_url(cast.pemkot_yogyakarta)).status_code == 200

    admin = type(client)()
    admin.force_login(cast.sari)
    assert admin.post(remove_url(staff)).status_code == 302

    assert client.get(members_url(cast.pemkot_yogyakarta)).status_code == 404
    detail = client.get(cast.pemkot_yogyakarta.get_absolute_url())
    assert detail.status_code == 200
    assert not detail.context["can_view_internal"]


def test_an_invalid_role_is_refused(client, cast):
    staff = make_member(make_user("staf@jogjakota.go.id", "Staf"), cast.pemkot_yogyakarta, "viewer")
    client.force_login(cast.sari)

    response = client.post(role_url(staff), {"role": "raja"}, follow=True)

    staff.refresh_from_db()
    assert staff.role == Membership.Role.VIEWER
    assert "Pilih peran yang sah" in response.text


def test_overseers_see_the_members_read_only(client, cast):
    client.force_login(cast.gita)

    response = client.get(members_url(cast.pemkot_yogyakarta))

    assert response.status_code == 200
    assert not response.context["can_manage"]
    assert "Sari Wulandari" in response.text
    assert (
        reverse("organizations:invitation-create", kwargs={"pk": cast.pemkot_yogyakarta.pk})
        not in response.text
    )
    assert "data-confirm" not in response.text


def test_managers_see_invite_role_and_remove_controls(client, cast):
    client.force_login(cast.sari)

    response = client.get(members_url(cast.pemkot_yogyakarta))

    assert response.context["can_manage"]
    assert (
        reverse("organizations:invitation-create", kwargs={"pk": cast.pemkot_yogyakarta.pk})
        in response.text
    )
    assert remove_url(sari_membership(cast)) in response.text
    assert "data-confirm=" in response.text


def test_budi_cannot_change_roles_in_yogyakarta(client, cast):
    staff = make_member(make_user("staf@jogjakota.go.id", "Staf"), cast.pemkot_yogyakarta, "viewer")
    client.force_login(cast.budi)

    assert client.post(role_url(staff), {"role": "admin"}).status_code == 404
    assert client.post(remove_url(staff)).status_code == 404
    staff.refresh_from_db()
    assert staff.role == Membership.Role.VIEWER


def test_a_membership_of_another_organisation_is_not_found_through_mine(client, cast):
    budi = Membership.objects.get(user=cast.budi)
    client.force_login(cast.sari)
    url = reverse(
        "organizations:membership-remove",
        kwargs={"pk": cast.pemkot_yogyakarta.pk, "membership_pk": budi.pk},
    )

    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=budi.pk).exists()


def test_changes_to_members_are_recorded_in_the_audit_log(client, cast):
    from simpul.audit.models import AuditEvent

    staff = make_member(make_user("staf@jogjakota.go.id", "Staf"), cast.pemkot_yogyakarta, "viewer")
    client.force_login(cast.sari)
    client.post(role_url(staff), {"role": "editor"})

    entry = AuditEvent.objects.filter(action="update").order_by("-seq").first()
    assert entry.changes["role"] == ["viewer", "editor"]
    assert entry.actor_label == cast.sari.email


def test_overseers_do_not_see_inside_a_partner_organisation(client, cast):
    # The NGO is based in Sleman, which Gita's province oversees, but oversight is about
    # government, not about partners' own staff.
    for overseer in (cast.gita, cast.hadi):
        client.force_login(overseer)
        url = reverse("organizations:organization-members", kwargs={"pk": cast.ngo.pk})
        assert client.get(url).status_code == 404
    client.force_login(cast.eko)
    assert client.get(url).status_code == 200
