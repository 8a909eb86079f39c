import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from simpul.accounts.models import User
from simpul.core import outbox
from simpul.organizations.models import Invitation, Membership
from simpul.organizations.services import invitation_token
from simpul.organizations.tasks import send_invitation_email

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kerja-sama-daerah-42"


def invite(client, cast, capture, email="nina@jogjakota.go.id", role="editor", by=None):
    client.force_login(by or cast.sari)
    with capture(execute=True):
        response = client.post(
            reverse("organizations:invitation-create", kwargs={"pk": cast.pemkot_yogyakarta.pk}),
            {"email": email, "role": role},
        )
    return response


def link_path(message) -> str:
    match = re.search(r"http://testserver(/organisasi/undangan/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def make_invitation(cast, email="nina@jogjakota.go.id", role=Membership.Role.EDITOR):
    return Invitation.objects.create(
        organization=cast.pemkot_yogyakarta, email=email, role=role, invited_by=cast.sari
    )


def accept_url(invitation) -> str:
    return reverse(
        "organizations:invitation-accept", kwargs={"token": invitation_token(invitation)}
    )


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


def test_a_new_person_is_invited_sets_a_password_and_lands_as_a_member_with_the_role(
    client, cast, django_capture_on_commit_callbacks
):
    response = invite(client, cast, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@jogjakota.go.id"]
    assert "Pemerintah Kota Yogyakarta" in message.subject
    invitation = Invitation.objects.get(email="nina@jogjakota.go.id")
    assert invitation.sent_at is not None

    client.logout()
    path = link_path(message)
    page = client.get(path)
    assert page.status_code == 200
    assert "form" in page.context
    response = client.post(
        path,
        {"full_name": "Nina Kartika", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == cast.pemkot_yogyakarta.get_absolute_url()
    nina = User.objects.get(email="nina@jogjakota.go.id")
    assert nina.full_name == "Nina Kartika"
    assert nina.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=nina).role == Membership.Role.EDITOR
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.accepted_by == nina
    # Signed in, and inside the organisation straight away.
    members_page = client.get(
        reverse("organizations:organization-members", kwargs={"pk": cast.pemkot_yogyakarta.pk})
    )
    assert members_page.status_code == 200


def test_a_weak_password_is_refused_when_accepting(client, cast):
    invitation = make_invitation(cast)

    response = client.post(
        accept_url(invitation),
        {"full_name": "Nina Kartika", "password1": "12345678", "password2": "12345678"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert 'role="alert"' in response.text
    assert not User.objects.filter(email="nina@jogjakota.go.id").exists()


def test_someone_with_an_account_signs_in_then_confirms(client, cast):
    invitation = make_invitation(cast, email="eko@lestari.or.id", role=Membership.Role.VIEWER)
    url = accept_url(invitation)

    page = client.get(url)
    assert page.status_code == 200
    assert "form" not in page.context
    assert reverse("accounts:login") in page.context["login_url"]

    client.force_login(cast.eko)
    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 302
    assert (
        Membership.objects.get(user=cast.eko, organization=cast.pemkot_yogyakarta).role == "viewer"
    )


def test_an_invitation_cannot_be_accepted_while_signed_in_as_someone_else(client, cast):
    invitation = make_invitation(cast, email="eko@lestari.or.id")
    client.force_login(cast.budi)

    response = client.post(accept_url(invitation))

    assert response.status_code == 403
    assert not Membership.objects.filter(
        user=cast.budi, organization=cast.pemkot_yogyakarta
    ).exists()


def test_an_expired_link_is_gone_with_a_clear_message(client, cast, settings):
    invitation = make_invitation(cast)
    url = accept_url(invitation)

    with time_machine.travel(
        timezone.now() + timedelta(days=settings.SIMPUL_INVITATION_MAX_AGE_DAYS, hours=1)
    ):
        response = client.get(url)

    assert response.status_code == 410
    assert "kedaluwarsa" in response.text


def test_an_invitation_past_its_expiry_date_is_gone_even_with_a_fresh_link(client, cast):
    invitation = make_invitation(cast)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    response = client.get(accept_url(invitation))

    assert response.status_code == 410


def test_a_tampered_link_is_not_found(client, cast):
    invitation = make_invitation(cast)
    token = invitation_token(invitation)
    nonce, timestamp, signature = token.split(":")

    def other_char(char: str) -> str:
        # Never "tamper" by writing the character that was there already.
        return "1" if char == "0" else "0"

    for bad in (
        f"{nonce}:{timestamp}:{signature[:-1]}{other_char(signature[-1])}",
        "bukan-undangan",
        f"{nonce[:-1]}{other_char(nonce[-1])}:{timestamp}:{signature}",
    ):
        response = client.get(reverse("organizations:invitation-accept", kwargs={"token": bad}))
        assert response.status_code == 404
        assert "tidak sah" in response.text


def test_a_withdrawn_invitation_is_gone(client, cast, django_capture_on_commit_callbacks):
    invitation = make_invitation(cast)
    url = accept_url(invitation)
    client.force_login(cast.sari)
    client.post(
        reverse(
            "organizations:invitation-revoke",
            kwargs={"pk": cast.pemkot_yogyakarta.pk, "invitation_pk": invitation.pk},
        )
    )
    client.logout()

    response = client.get(url)

    assert response.status_code == 410
    assert "ditarik" in response.text


def test_an_invitation_cannot_be_accepted_twice(client, cast):
    invitation = make_invitation(cast)
    url = accept_url(invitation)
    data = {"full_name": "Nina Kartika", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    client.post(url, data)
    client.logout()

    response = client.post(url, data)

    assert response.status_code == 410
    assert "sudah diterima" in response.text
    assert User.objects.filter(email="nina@jogjakota.go.id").count() == 1


def test_inviting_someone_who_is_a_member_already_is_a_form_error(
    client, cast, django_capture_on_commit_callbacks
):
    response = invite(
        client, cast, django_capture_on_commit_callbacks, email="SARI@jogjakota.go.id"
    )

    assert response.status_code == 200
    assert "sudah menjadi anggota organisasi ini" in str(
        response.context["invite_form"].errors["email"]
    )
    assert 'role="alert"' in response.text
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_inviting_the_same_address_twice_while_pending_is_a_clear_error(
    client, cast, django_capture_on_commit_callbacks
):
    invite(client, cast, django_capture_on_commit_callbacks)

    response = invite(
        client, cast, django_capture_on_commit_callbacks, email="Nina@JogjaKota.go.id"
    )

    assert response.status_code == 200
    assert "sudah diundang dan belum menjawab" in str(
        response.context["invite_form"].errors["email"]
    )
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_expired_pending_invitation_does_not_block_a_new_one(
    client, cast, django_capture_on_commit_callbacks
):
    old = make_invitation(cast)
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))

    response = invite(client, cast, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == Invitation.Status.REVOKED
    assert Invitation.objects.filter(status=Invitation.Status.PENDING).count() == 1


def test_budi_cannot_invite_into_yogyakarta(client, cast, django_capture_on_commit_callbacks):
    response = invite(client, cast, django_capture_on_commit_callbacks, by=cast.budi)

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_sending_the_invitation_email_twice_sends_it_once(cast):
    invitation = make_invitation(cast)

    assert send_invitation_email.call(invitation.pk) is True
    assert send_invitation_email.call(invitation.pk) is False
    outbox.deliver_due()

    assert len(mail.outbox) == 1


def test_no_email_goes_out_for_a_withdrawn_invitation(cast):
    invitation = make_invitation(cast)
    invitation.status = Invitation.Status.REVOKED
    invitation.save()

    assert send_invitation_email.call(invitation.pk) is False
    outbox.deliver_due()
    assert mail.outbox == []


def test_the_email_is_written_in_the_inviters_language_with_the_absolute_link(cast, monkeypatch):
    from django.utils import translation

    from simpul.organizations import tasks

    languages = []
    original = tasks.render_to_string

    def spy(*args, **kwargs):
        languages.append(translation.get_language())
        return original(*args, **kwargs)

    monkeypatch.setattr(tasks, "render_to_string", spy)
    cast.sari.preferred_language = "en"
    cast.sari.save()
    send_invitation_email.call(make_invitation(cast).pk)
    anonymous = make_invitation(cast, email="lain@jogjakota.go.id")
    Invitation.objects.filter(pk=anonymous.pk).update(invited_by=None)
    send_invitation_email.call(anonymous.pk)
    outbox.deliver_due()

    assert languages == ["en", "en", "id", "id"]
    assert mail.outbox[0].subject == "Invitation to join Pemerintah Kota Yogyakarta on Simpul"
    assert "http://testserver/organisasi/undangan/" in mail.outbox[1].body


def test_sending_again_gives_a_new_link_and_the_old_one_stops_working(
    client, cast, django_capture_on_commit_callbacks
):
    invite(client, cast, django_capture_on_commit_callbacks)
    old_path = link_path(mail.outbox[0])
    invitation = Invitation.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "organizations:invitation-resend",
                kwargs={"pk": cast.pemkot_yogyakarta.pk, "invitation_pk": invitation.pk},
            )
        )

    outbox.deliver_due()
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    client.logout()
    assert client.get(old_path).status_code == 404
    assert client.get(link_path(mail.outbox[1])).status_code == 200
