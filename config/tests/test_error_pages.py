"""Our own 403, 404, 500 and CSRF-failure pages, in the visitor's language, with DEBUG off."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path, reverse

from config.urls import urlpatterns as project_urlpatterns


def forbidden(request):
    raise PermissionDenied


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [
    *project_urlpatterns,
    path("_test/forbidden/", forbidden),
    path("_test/boom/", boom),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def template_names(response) -> list[str]:
    return [t.name for t in response.templates]


def test_debug_is_off_in_tests():
    assert settings.DEBUG is False


def test_404_uses_our_page_in_indonesian_by_default(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "404.html" in template_names(response)
    assert response["Content-Language"] == "id"
    assert '<html lang="id"' in response.content.decode()


def test_404_is_in_english_with_the_language_cookie(client):
    response = english(client).get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "404.html" in template_names(response)
    assert response["Content-Language"] == "en"
    content = response.content.decode()
    assert '<html lang="en"' in content
    assert "Page not found" in content


def test_404_for_a_signed_in_user(client, django_user_model):
    user = django_user_model.objects.create_user(
        email="a@example.go.id", password="kata-sandi-uji-123", full_name="A"
    )
    client.force_login(user)
    response = english(client).get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_403_uses_our_page(client):
    response = english(client).get("/_test/forbidden/")
    assert response.status_code == 403
    assert "403.html" in template_names(response)
    assert "Access denied" in response.content.decode()


def test_500_page_renders_without_a_request_context():
    client = english(Client(raise_request_exception=False))
    response = client.get("/_test/boom/")
    assert response.status_code == 500
    assert "500.html" in template_names(response)
    content = response.content.decode()
    assert "Something went wrong" in content
    assert '<html lang="en"' in content
    assert "deliberate failure" not in content


def test_500_page_renders_from_the_bare_template():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "<h1>" in html


def test_csrf_failure_explains_that_the_form_expired():
    client = english(Client(enforce_csrf_checks=True))
    response = client.post(reverse("core:about"), {"x": "1"})
    assert response.status_code == 403
    assert "403_csrf.html" in template_names(response)
    content = response.content.decode()
    assert "The form has expired" in content
    assert "Back" in content
