import re

import pytest
from django.core import mail
from django.urls import reverse

from simpul.complaints import selectors, services, workdays
from simpul.complaints.models import Complaint
from simpul.core import outbox
from simpul.organizations.models import Organization

from .conftest import intake_data, upload
from .factories import make_complaint, png_bytes

pytestmark = pytest.mark.django_db
NEW = "/pengaduan/"


def _confirm_url(message) -> str:
    return re.search(r"https?://\S+/pengaduan/konfirmasi/\S+/", message.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_a_complaint_gets_a_code_and_key_and_waits_for_the_email_confirmation(
    cast, english, public_agreement
):
    data = intake_data(cast, agreement_code=public_agreement.reference_code, region="")
    response = english.post(NEW, data)
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert re.fullmatch(r"ADU-\d{4}-000001", complaint.tracking_code)
    assert complaint.status == Complaint.Status.UNCONFIRMED
    assert complaint.responsible is None and complaint.region is None
    key = response.context["access_key"]
    assert key in response.content.decode() and complaint.tracking_code in response.content.decode()
    outbox.deliver_due()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ani@example.org"]
    assert key in mail.outbox[0].body and complaint.tracking_code in mail.outbox[0].body
    # Not routed, not in the inbox, not public while unconfirmed.
    english.force_login(cast.sari)
    assert complaint.tracking_code not in english.get(reverse("complaints:inbox")).content.decode()
    assert not selectors.similar_complaints(subject=complaint.title, agreement=public_agreement)


def test_confirming_routes_to_the_registering_organisation_with_working_day_deadlines(
    cast, english, public_agreement
):
    english.post(NEW, intake_data(cast, agreement_code=public_agreement.reference_code))
    outbox.deliver_due()
    url = _path(_confirm_url(mail.outbox[0]))
    assert english.get(url).status_code == 200  # a mail scanner opening the link confirms nothing
    assert Complaint.objects.get().status == Complaint.Status.UNCONFIRMED
    mail.outbox.clear()
    assert english.post(url).status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.status == Complaint.Status.RECEIVED
    assert complaint.responsible == cast.pemkot_yogyakarta
    today = workdays.today_in(cast.yogyakarta.timezone)
    assert complaint.verify_due == workdays.add_working_days(today, 3)
    assert complaint.follow_up_due == workdays.add_working_days(complaint.verify_due, 5)
    outbox.deliver_due()
    assert [m.to for m in mail.outbox] == [[cast.sari.email]]  # the organisation's admin
    assert english.post(url).status_code == 404  # a used link does nothing twice


def test_a_region_complaint_goes_to_that_region_government(cast, english):
    english.post(NEW, intake_data(cast, region=cast.bantul.pk))
    outbox.deliver_due()
    services.complaint_confirm(_confirm_url(mail.outbox[0]).rstrip("/").rsplit("/", 1)[-1])
    complaint = Complaint.objects.get()
    assert complaint.responsible == Organization.objects.governments().get(region=cast.bantul)


def test_an_internal_agreement_code_is_refused_like_an_unknown_one(cast, english):
    from simpul.agreements.tests.factories import make_agreement

    draft = make_agreement(cast, state="draft")
    response = english.post(NEW, intake_data(cast, agreement_code=draft.reference_code))
    assert "No public cooperation has this reference code" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_20_mb_photo_and_a_renamed_non_image_are_refused_with_clear_messages(cast, english):
    big = upload(b"\xff\xd8\xff\xe0" + b"\0" * (20 * 1024 * 1024))
    response = english.post(NEW, {**intake_data(cast), "photo": big})
    assert response.status_code == 200
    assert "The photo is 20.0" in response.content.decode()
    assert "the limit is 5.0" in response.content.decode()
    fake = upload(b"%PDF-1.7 not a photo at all" * 10, name="foto.jpg")
    response = english.post(NEW, {**intake_data(cast), "photo": fake})
    assert "not a JPEG, PNG or WebP photo" in response.content.decode()
    broken = upload(png_bytes()[:40], name="foto.png", content_type="image/png")
    response = english.post(NEW, {**intake_data(cast), "photo": broken})
    assert "damaged or could not be read" in response.content.decode()
    assert 'aria-describedby="id_photo_error' in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_photo_is_kept_without_its_exif_location(cast, english):
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    exif[0x8825] = {2: (7.0, 47.0, 0.0), 4: (110.0, 22.0, 0.0)}  # GPS
    jpeg = png_bytes((8, 8), fmt="JPEG", exif=exif.tobytes())
    assert b"KameraUji" in jpeg
    english.post(NEW, {**intake_data(cast), "photo": upload(jpeg)})
    complaint = Complaint.objects.get()
    stored = complaint.photo.read()
    assert stored.startswith(b"\xff\xd8") and b"KameraUji" not in stored
    assert "foto" not in complaint.photo.name  # a random, unguessable file name


def test_the_sixth_complaint_from_one_address_within_an_hour_is_refused(cast, english):
    for n in range(5):
        assert english.post(NEW, intake_data(cast, title=f"Keluhan {n}")).status_code == 200
    response = english.post(NEW, intake_data(cast, title="Keluhan keenam"))
    assert response.status_code == 429
    assert "Too many complaints" in response.content.decode()
    assert Complaint.objects.count() == 5


def test_a_bot_filling_the_honeypot_sends_nothing(cast, english):
    response = english.post(NEW, intake_data(cast, website="http://spam.example"))
    assert "This form could not be sent" in response.content.decode()
    outbox.deliver_due()
    assert not Complaint.objects.exists() and not mail.outbox


def test_location_outside_indonesia_and_a_missing_name_get_messages(cast, english):
    data = intake_data(cast, latitude="48.85", longitude="2.35", name="")
    page = english.post(NEW, data).content.decode()
    assert "This location is outside Indonesia." in page
    assert "Give your name, or tick" in page
    ok = english.post(NEW, intake_data(cast, latitude="-7.78", longitude="110.37"))
    assert ok.status_code == 200 and Complaint.objects.count() == 1


def test_similar_open_complaints_are_suggested_before_the_final_form(
    cast, english, public_agreement
):
    same = make_complaint(
        agreement=public_agreement, title="Sampah menumpuk di TPS Jalan Kaliurang"
    )
    make_complaint(agreement=public_agreement, title="Bau lindi dari truk pengangkut")
    make_complaint(
        agreement=public_agreement,
        title="Sampah menumpuk lagi",
        status=Complaint.Status.UNCONFIRMED,
    )
    step1 = english.get(NEW, {"kerja_sama": public_agreement.reference_code})
    assert public_agreement.reference_code in step1.content.decode()
    query = {
        "kind": "complaint",
        "category": same.category_id,
        "agreement_code": public_agreement.reference_code,
        "title": "TPS Kaliurang penuh, sampah menumpuk",
    }
    page = english.get(NEW, query).content.decode()
    assert "Is your matter one of these?" in page
    assert same.title in page
    assert "Bau lindi" not in page and "menumpuk lagi" not in page
    assert 'id="complaint-form"' in page and 'value="TPS Kaliurang penuh' in page
