import pytest
from django.conf import settings
from django.urls import reverse

from simpul.testing.cast import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_profile_shows_my_organisations_and_roles(client, cast):
    client.force_login(cast.dewi)

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200
    assert "Dinas Lingkungan Hidup Kota Yogyakarta" in response.text
    assert [m.organization for m in response.context["memberships"]] == [cast.dlh_yogyakarta]


def test_i_can_edit_my_name_position_phone_and_language(client, cast):
    client.force_login(cast.dewi)

    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Dewi Lestari Putri",
            "position": "Analis Data",
            "phone": "+62 274 123456",
            "preferred_language": "en",
        },
    )

    assert response.status_code == 302
    cast.dewi.refresh_from_db()
    assert (cast.dewi.full_name, cast.dewi.position, cast.dewi.phone) == (
        "Dewi Lestari Putri",
        "Analis Data",
        "+62 274 123456",
    )
    assert cast.dewi.preferred_language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_profile_without_a_name_is_refused_and_nothing_changes(client, cast):
    client.force_login(cast.dewi)

    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "", "position": "", "phone": "", "preferred_language": "id"},
    )

    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert response.context["user"].full_name == "Dewi Lestari"
    cast.dewi.refresh_from_db()
    assert cast.dewi.full_name == "Dewi Lestari"


def test_i_can_change_my_password(client, cast):
    client.force_login(cast.eko)

    response = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "sungai-bersih-sleman-9",
            "new_password2": "sungai-bersih-sleman-9",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    cast.eko.refresh_from_db()
    assert cast.eko.check_password("sungai-bersih-sleman-9")


def test_the_profile_needs_a_sign_in(client, cast):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
