import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:organizations_organization_changelist",
        "admin:organizations_organization_add",
        "admin:organizations_membership_changelist",
        "admin:organizations_invitation_changelist",
    ],
)
def test_the_platform_admin_opens_the_organisation_admin_pages(client, cast, url_name):
    client.force_login(cast.rina)

    assert client.get(reverse(url_name)).status_code == 200


def test_the_admin_page_of_an_organisation_lists_its_members(client, cast):
    client.force_login(cast.rina)

    response = client.get(
        reverse("admin:organizations_organization_change", args=[cast.pemkot_yogyakarta.pk])
    )

    assert response.status_code == 200
    assert "Sari Wulandari" in response.text
