"""The public-page cache never serves a page again once what it showed was unpublished: the
generation in its keys lives in the database and only ever increases, whatever happens to the
cache (expiry, eviction) or the clock."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from simpul.core import public_cache
from simpul.core.models import PublicGeneration

pytestmark = pytest.mark.django_db

MARKER = "MARKER-UNPUBLISHED-TEXT"


@pytest.fixture
def file_cache(settings, tmp_path):
    """The production cache backend (files), whose generic `incr` re-stores a key with the
    default 300 s timeout; pages kept for a day, like the portal map."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    settings.PUBLIC_CACHE_SECONDS = 24 * 3600


class Page:
    """A public page whose text can be unpublished (as publication.services would)."""

    def __init__(self):
        self.text = MARKER
        self.view = public_cache.public_page(lambda request: HttpResponse(self.text))

    def get(self) -> str:
        request = RequestFactory().get("/publik/some-page/")
        request.user = AnonymousUser()
        return self.view(request).content.decode()

    def unpublish(self) -> None:
        self.text = "nothing public here"
        public_cache.bump()


def test_a_page_unpublished_after_it_was_cached_is_never_served_after_the_cache_timeout(
    file_cache,
):
    page = Page()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert MARKER in page.get()  # cached under the current generation
        page.unpublish()
        assert MARKER not in page.get()
        for minutes in (6, 60, 23 * 60):
            clock.shift(timedelta(minutes=minutes))
            assert MARKER not in page.get()


def test_the_generation_never_goes_back_across_the_cache_timeout(file_cache):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        public_cache.generation()  # a page was served: the generation is known
        public_cache.bump()
        bumped = public_cache.generation()
        clock.shift(timedelta(seconds=301))
        assert public_cache.generation() == bumped
        clock.shift(timedelta(days=2))
        assert public_cache.generation() == bumped


def test_evicting_every_cache_key_neither_changes_the_generation_nor_revives_a_page(file_cache):
    page = Page()
    assert MARKER in page.get()
    page.unpublish()
    before = public_cache.generation()
    cache.clear()
    assert public_cache.generation() == before
    assert MARKER not in page.get()


def test_each_bump_gives_a_higher_generation_even_when_the_clock_goes_back():
    values = [public_cache.generation()]
    with time_machine.travel(timezone.now() - timedelta(days=365), tick=False):
        for _ in range(3):
            public_cache.bump()
            values.append(public_cache.generation())
    assert values == sorted(set(values))


def test_a_generation_row_created_anew_starts_above_every_number_handed_out_before():
    public_cache.bump()
    before = public_cache.generation()
    PublicGeneration.objects.all().delete()  # a flushed or restored database
    assert public_cache.generation() > before


def test_a_bump_rolled_back_with_its_change_leaves_the_generation_as_it_was():
    before = public_cache.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        public_cache.bump()
        raise RuntimeError("the publication failed")
    assert public_cache.generation() == before


def test_signed_in_people_are_neither_served_nor_stored_by_the_public_cache(cast):
    page = Page()
    request = RequestFactory().get("/publik/some-page/")
    request.user = cast.sari
    assert MARKER in page.view(request).content.decode()
    page.text = "changed"
    assert "changed" in page.view(request).content.decode()
    assert page.get() == "changed"
