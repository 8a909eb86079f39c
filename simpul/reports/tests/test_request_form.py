"""The report request form keeps its default period in every language."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import make_monitored_agreement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_request_form_shows_its_default_dates_in_every_language(client, cast, language):
    agreement = make_monitored_agreement(cast)
    client.force_login(cast.sari)
    client.cookies["django_language"] = language

    url = reverse("reports:report-list", kwargs={"agreement_pk": agreement.pk})
    page = client.get(url).content.decode()

    # <input type="date"> accepts only ISO values; "01-01-2026" would show an empty field.
    today = timezone.localdate()
    assert f'type="date" name="period_start" value="{date(today.year, 1, 1).isoformat()}"' in page
    assert f'type="date" name="period_end" value="{today.isoformat()}"' in page
