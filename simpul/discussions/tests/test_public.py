"""A progress update reaches the public agreement page once the publication rules allow
(the kind "progress update", public by default from the active stage), and leaves it when
deleted, even from a page the cache already holds."""

import pytest
from django.test import Client
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement, set_state
from simpul.core import public_cache
from simpul.discussions import services
from simpul.discussions.models import Post

from .factories import make_post, make_thread

pytestmark = pytest.mark.django_db


def public_page(agreement) -> str:
    url = reverse("portal:agreement", kwargs={"reference_code": agreement.reference_code})
    return Client().get(url).content.decode()


def test_a_progress_update_shows_on_the_public_page_once_the_agreement_is_active(cast):
    agreement = make_agreement(cast, state="pks_signed")
    thread = make_thread(cast, agreement=agreement, title="Internal")
    update = make_post(
        cast, thread, user=cast.sari, kind=Post.Kind.PROGRESS_UPDATE, text="TPST beroperasi."
    )
    assert "TPST beroperasi." not in public_page(agreement)
    set_state(agreement, "active")
    public_cache.bump()  # as a real stage move does; the factory's jump does not
    page = public_page(agreement)
    assert "TPST beroperasi." in page and "Internal" not in page
    services.post_delete(post=update, user=cast.sari)
    assert "TPST beroperasi." not in public_page(agreement)


def test_an_ordinary_post_never_reaches_the_public_page(cast):
    agreement = make_agreement(cast, state="active")
    make_thread(cast, agreement=agreement, text="Catatan internal rapat")
    assert "Catatan internal rapat" not in public_page(agreement)
