import pytest
from django.urls import reverse

from simpul.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:accounts_user_changelist",
        "admin:accounts_user_add",
    ],
)
def test_the_platform_admin_opens_the_people_admin_pages(client, cast, url_name):
    client.force_login(cast.rina)

    assert client.get(reverse(url_name)).status_code == 200


def test_the_platform_admin_creates_an_account_by_email_in_the_admin(client, cast):
    client.force_login(cast.rina)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Baru@Jogjakota.go.id",
            "full_name": "Pegawai Baru",
            "usable_password": "true",
            "password1": "kota-pelajar-2026",
            "password2": "kota-pelajar-2026",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="baru@jogjakota.go.id").check_password("kota-pelajar-2026")


def test_the_admin_change_page_of_a_person_opens(client, cast):
    client.force_login(cast.rina)

    response = client.get(reverse("admin:accounts_user_change", args=[cast.sari.pk]))

    assert response.status_code == 200
    assert "sari@jogjakota.go.id" in response.text
