from django.urls import reverse

from simpul.agreements import workflow
from simpul.agreements.tests.factories import make_agreement
from simpul.notifications.models import Notification
from simpul.notifications.services import is_following
from simpul.testing.cast import sign_in


def _withdraw(agreement, by):
    workflow.agreement_transition(
        agreement=agreement, transition_code="withdraw", user=by, expected_version=agreement.version
    )


def test_a_reader_follows_an_agreement_and_hears_when_it_changes_stage(client, cast):
    agreement = make_agreement(cast, user=cast.sari)
    sign_in(client, cast.gita)  # province oversight reads it
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert 'id="agreement-follow"' in page and 'aria-pressed="false"' in page
    client.post(reverse("agreements:agreement-follow", args=[agreement.pk]))
    assert is_following(cast.gita, f"agreement:{agreement.pk}")
    _withdraw(agreement, cast.yanto)
    notice = Notification.objects.get(recipient=cast.gita)
    assert agreement.reference_code in notice.title
    assert notice.url == agreement.get_absolute_url()
    assert notice.group == f"agreement:{agreement.pk}"


def test_the_person_who_moves_the_agreement_is_not_told_and_an_unfollower_neither(client, cast):
    agreement = make_agreement(cast, user=cast.sari)
    url = reverse("agreements:agreement-follow", args=[agreement.pk])
    for person in (cast.yanto, cast.vina):
        sign_in(client, person)
        client.post(url)
    client.post(url, {"stop": "1"})  # vina changes her mind
    _withdraw(agreement, cast.yanto)
    assert not Notification.objects.exists()


def test_someone_who_cannot_read_the_agreement_cannot_follow_it(client, cast):
    agreement = make_agreement(cast, user=cast.sari)
    sign_in(client, cast.budi)
    response = client.post(reverse("agreements:agreement-follow", args=[agreement.pk]))
    assert response.status_code == 404
    assert not is_following(cast.budi, f"agreement:{agreement.pk}")
