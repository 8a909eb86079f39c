import re

import pytest
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.complaints import selectors, services
from simpul.complaints.models import Complaint

from .factories import ACCESS_KEY, make_complaint

pytestmark = pytest.mark.django_db
TRACK = "/pengaduan/lacak/"
XSS = "<script>alert('x')</script>"


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_code_and_access_key_show_the_status_timeline_and_the_text(english, public_agreement):
    complaint = make_complaint(agreement=public_agreement)
    status_url = reverse("complaints_public:track-status", args=[complaint.tracking_code])
    assert english.get(status_url).status_code == 302  # no key given in this browser yet
    response = english.post(
        TRACK, {"tracking_code": complaint.tracking_code.lower(), "access_key": ACCESS_KEY}
    )
    assert response.status_code == 302 and response["Location"] == status_url
    assert status_url.count(ACCESS_KEY) == 0
    response = english.get(status_url)  # a reload shows it again
    page = response.content.decode()
    assert response.status_code == 200
    assert "Received" in page and complaint.body in page
    assert complaint.verify_due.strftime("%Y") in page


def test_a_wrong_key_and_a_guessed_code_get_the_same_not_found(english, public_agreement):
    complaint = make_complaint(agreement=public_agreement)
    wrong_key = english.post(
        TRACK, {"tracking_code": complaint.tracking_code, "access_key": "tebak"}
    )
    guessed = english.post(TRACK, {"tracking_code": "ADU-2026-999999", "access_key": "tebak"})
    assert wrong_key.status_code == guessed.status_code == 404
    assert "No complaint matches" in wrong_key.content.decode()
    first = _without_csrf(wrong_key.content.decode()).replace(complaint.tracking_code, "CODE")
    second = _without_csrf(guessed.content.decode()).replace("ADU-2026-999999", "CODE")
    assert first == second
    assert complaint.title not in first
    # The public page by code exists only once answered: an open one is "not found" too.
    assert (
        english.get(reverse("complaints_public:detail", args=[complaint.tracking_code])).status_code
        == 404
    )


def test_tracking_look_ups_are_rate_limited_per_address(english, public_agreement):
    complaint = make_complaint(agreement=public_agreement)
    for _ in range(20):
        english.post(TRACK, {"tracking_code": "ADU-2026-000777", "access_key": "tebak"})
    response = english.post(
        TRACK, {"tracking_code": complaint.tracking_code, "access_key": ACCESS_KEY}
    )
    assert response.status_code == 429
    assert complaint.body not in response.content.decode()


def test_an_answer_appears_on_the_public_list_without_personal_data(
    cast, english, public_agreement
):
    anonymous = make_complaint(
        agreement=public_agreement,
        is_anonymous=True,
        name="",
        title="Jadwal angkut tidak jelas",
        photo=True,
    )
    english.get(reverse("complaints_public:list"))  # cached while nothing is answered
    services.complaint_act(complaint=anonymous, user=cast.sari, action="verify", version=1)
    services.complaint_act(
        complaint=Complaint.objects.get(pk=anonymous.pk),
        user=cast.sari,
        action="answer",
        version=2,
        answer="Jadwal baru berlaku mulai Senin.",
    )
    listing = english.get(reverse("complaints_public:list")).content.decode()
    assert "Jadwal baru berlaku mulai Senin." in listing  # the cache was bumped
    detail = english.get(reverse("complaints_public:detail", args=[anonymous.tracking_code]))
    page = detail.content.decode()
    assert detail.status_code == 200 and "Jadwal baru berlaku" in page
    for private in ("warga@example.org", anonymous.body, "foto", "Warga Pelapor"):
        assert private not in listing and private not in page
    assert list(selectors.public_complaints(agreement=public_agreement)) == [anonymous]
    assert list(selectors.public_complaints(region=cast.sleman)) == [anonymous]
    assert list(selectors.public_complaints(region=cast.semarang)) == []
    by_region = english.get(reverse("complaints_public:list"), {"wilayah": cast.semarang.code})
    assert "Jadwal baru" not in by_region.content.decode()
    by_code = english.get(
        reverse("complaints_public:list"), {"kerja_sama": public_agreement.reference_code}
    )
    assert "Jadwal baru" in by_code.content.decode()


def test_answers_about_an_agreement_that_is_no_longer_public_disappear(cast, english):
    agreement = make_agreement(cast, state="active")
    complaint = make_complaint(
        agreement=agreement, status=Complaint.Status.ANSWERED, answer="Selesai."
    )
    assert selectors.public_complaint_get(complaint.tracking_code) == complaint
    agreement.state = "draft"
    agreement.save(update_fields=["state"])
    assert selectors.public_complaint_get(complaint.tracking_code) is None
    assert not selectors.public_complaints().exists()
    assert (
        english.get(reverse("complaints_public:detail", args=[complaint.tracking_code])).status_code
        == 404
    )


def test_html_in_a_complaint_is_shown_escaped_on_every_public_page(cast, english, public_agreement):
    complaint = make_complaint(
        agreement=public_agreement,
        title=f"Judul {XSS}",
        body=f"Isi {XSS}",
        status=Complaint.Status.ANSWERED,
        answer=f"Jawaban {XSS}",
    )
    english.post(TRACK, {"tracking_code": complaint.tracking_code, "access_key": ACCESS_KEY})
    pages = [
        english.get(reverse("complaints_public:track-status", args=[complaint.tracking_code])),
        english.get(reverse("complaints_public:list")),
        english.get(reverse("complaints_public:detail", args=[complaint.tracking_code])),
        english.get(
            "/pengaduan/",
            {
                "kind": "complaint",
                "category": complaint.category_id,
                "agreement_code": public_agreement.reference_code,
                "title": f"Judul {XSS}",
            },
        ),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert XSS not in html
        assert "&lt;script&gt;" in html
