from django.core import signing
from django.test import Client
from django.urls import reverse

from simpul.notifications.models import Preference
from simpul.notifications.unsubscribe import token_for


def _url(person, kind):
    return reverse("notifications:unsubscribe", args=[token_for(person.pk, kind)])


def test_the_link_asks_first_and_turns_the_kind_off_on_the_button(client, cast, sample_kind):
    url = _url(cast.yanto, sample_kind)
    page = client.get(url)
    assert page.status_code == 200 and 'id="unsubscribe-form"' in page.content.decode()
    assert not Preference.objects.exists()  # a GET (a mail scanner) changes nothing
    done = client.post(url)
    assert 'id="unsubscribe-done"' in done.content.decode()
    assert Preference.objects.get(user=cast.yanto, kind=sample_kind).channel == "off"


def test_a_mail_clients_one_click_post_works_without_a_session_or_csrf_token(cast, sample_kind):
    client = Client(enforce_csrf_checks=True)
    response = client.post(_url(cast.yanto, sample_kind), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Preference.objects.get(user=cast.yanto, kind=sample_kind).channel == "off"


def test_a_replayed_link_is_harmless_and_says_it_is_already_off(client, cast, sample_kind):
    url = _url(cast.yanto, sample_kind)
    client.post(url)
    again = client.post(url)
    assert again.status_code == 200
    assert 'id="unsubscribe-already"' in again.content.decode()
    assert Preference.objects.filter(user=cast.yanto).count() == 1


def test_a_tampered_link_gets_a_clear_400_page_and_changes_nothing(client, cast, sample_kind):
    token = token_for(cast.yanto.pk, sample_kind)
    # Sari's payload with the signature of Yanto's link.
    payload = signing.b64_encode(f'[{cast.sari.pk},"{sample_kind}"]'.encode()).decode()
    forged = payload + token[token.index(":") :]
    for bad in (forged, token[:-2] + "xx", "nonsense"):
        response = client.post(reverse("notifications:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert 'id="unsubscribe-invalid"' in response.content.decode()
    assert not Preference.objects.exists()


def test_a_link_for_a_kind_that_no_longer_exists_gets_the_400_page(client, cast):
    response = client.get(_url(cast.yanto, "gone.kind"))
    assert response.status_code == 400


def test_after_unsubscribing_the_kind_sends_no_more_mail(client, cast, sample_kind):
    from simpul.core.models import OutboxMessage
    from simpul.notifications.services import notify

    client.post(_url(cast.yanto, sample_kind))
    notify(kind=sample_kind, recipients=[cast.yanto], key="k", title="Rapat", url="/")
    assert not OutboxMessage.objects.filter(recipient=cast.yanto.email).exists()
