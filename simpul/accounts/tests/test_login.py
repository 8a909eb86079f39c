import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from simpul.core import outbox
from simpul.testing.cast import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_person_signs_in_with_their_email_in_any_letter_case(client, cast):
    response = sign_in(client, "Sari@JogjaKota.go.id")

    assert response.status_code == 302
    assert response.url == reverse("dashboard:home")
    assert client.get(reverse("dashboard:home")).context["user"] == cast.sari


def test_a_wrong_password_is_refused_with_an_announced_error(client, cast):
    response = sign_in(client, "sari@jogjakota.go.id", "salah-sekali")

    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert not response.context["user"].is_authenticated


def test_signing_in_switches_the_interface_to_the_preferred_language(client, cast):
    cast.sari.preferred_language = "en"
    cast.sari.save()

    response = sign_in(client, "sari@jogjakota.go.id")

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_repeated_failures_lock_signing_in_for_a_while(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sari@jogjakota.go.id", "salah-sekali")

    response = sign_in(client, "sari@jogjakota.go.id")

    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "coba lagi dalam 15 menit" in response.text
    assert not client.get(reverse("dashboard:home")).context["user"].is_authenticated


def test_a_signed_in_person_is_sent_on_from_the_sign_in_page(client, cast):
    client.force_login(cast.sari)

    assert client.get(reverse("accounts:login")).status_code == 302


def test_signing_out_needs_a_post(client, cast):
    client.force_login(cast.sari)

    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert not client.get(reverse("dashboard:home")).context["user"].is_authenticated


def test_a_forgotten_password_is_reset_through_a_link_on_the_site_url(client, cast, settings):
    settings.SITE_URL = "https://simpul.example.id"

    response = client.post(
        reverse("accounts:password-reset"), {"email": "DEWI@dlh.jogjakota.go.id"}
    )

    outbox.deliver_due()
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(
        line
        for line in mail.outbox[0].body.splitlines()
        if line.startswith("https://simpul.example.id/")
    )
    path = link.removeprefix("https://simpul.example.id")
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "hutan-kota-hijau-2026", "new_password2": "hutan-kota-hijau-2026"},
    )
    assert done.status_code == 302
    cast.dewi.refresh_from_db()
    assert cast.dewi.check_password("hutan-kota-hijau-2026")


def test_a_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, cast):
    response = client.post(reverse("accounts:password-reset"), {"email": "siapa@contoh.id"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password-reset-done")
    outbox.deliver_due()
    assert mail.outbox == []


def test_a_used_reset_link_says_it_no_longer_works(client, cast):
    response = client.get(
        reverse("accounts:password-reset-confirm", kwargs={"uidb64": "MQ", "token": "salah-token"})
    )

    assert response.status_code == 200
    assert not response.context["validlink"]
