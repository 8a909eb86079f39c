"""Cheap complaint factories for tests (ORM only; the services are tested on their own)."""

import io

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from simpul.complaints import workdays
from simpul.complaints.categories import install_categories
from simpul.complaints.models import Category, Complaint, ComplaintEvent
from simpul.core.abuse import token_hash

ACCESS_KEY = "kunci-rahasia-uji"


def category(code: str = "service") -> Category:
    if not Category.objects.filter(code=code).exists():
        install_categories(Category)  # a transactional test may have flushed the migration's rows
    return Category.objects.get(code=code)


def png_bytes(size=(4, 4), fmt="PNG", **save) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt, **save)
    return out.getvalue()


def make_complaint(
    *,
    agreement=None,
    region=None,
    responsible=None,
    status: str = Complaint.Status.RECEIVED,
    title: str = "Sampah tidak diangkut di Jalan Kaliurang",
    answer: str = "",
    received_at=None,
    photo: bool = False,
    **fields,
) -> Complaint:
    now = timezone.now()
    received_at = received_at or now
    year = received_at.year
    number = (Complaint.objects.filter(year=year).aggregate(m=Max("number"))["m"] or 0) + 1
    if responsible is None and agreement is not None:
        responsible = agreement.owner
    received_day = workdays.local_date(received_at)
    verify_due = workdays.add_working_days(received_day, 3)
    defaults = {
        "body": "Sudah tiga hari sampah menumpuk.",
        "name": "Warga Pelapor",
        "email": "warga@example.org",
        **fields,
    }
    complaint = Complaint(
        tracking_code=f"ADU-{year}-{number:06d}",
        year=year,
        number=number,
        access_key_hash=token_hash(ACCESS_KEY),
        kind=Complaint.Kind.COMPLAINT,
        category=category(),
        agreement=agreement,
        region=region,
        title=title,
        responsible=responsible if status != Complaint.Status.UNCONFIRMED else None,
        status=status,
        received_at=received_at if status != Complaint.Status.UNCONFIRMED else None,
        verify_due=verify_due,
        follow_up_due=workdays.add_working_days(verify_due, 5),
        answer=answer,
        answered_at=now if answer else None,
        **defaults,
    )
    if photo:
        complaint.photo.save("bukti.png", ContentFile(png_bytes()), save=False)
    complaint.save()
    if status != Complaint.Status.UNCONFIRMED:
        ComplaintEvent.objects.create(
            complaint=complaint,
            from_status=Complaint.Status.UNCONFIRMED,
            to_status=Complaint.Status.RECEIVED,
            occurred_at=received_at,
        )
    return complaint
