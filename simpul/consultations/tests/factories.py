"""Consultations for tests.

make_consultation(agreement, *, status="open", sections=2, **fields) -> Consultation
    (window: opened an hour ago, closes in 14 days; sections "Bagian 1", "Bagian 2")
make_comment(section, *, status="pending", token=None, **fields) -> Comment
    (with `token`, its hash is stored as the confirmation token)
"""

from datetime import timedelta

from django.utils import timezone

from simpul.consultations.models import Comment, Consultation, Section
from simpul.core.abuse import token_hash


def make_consultation(agreement, *, status="open", sections=2, **fields):
    now = timezone.now()
    values = {
        "subject": Consultation.Subject.PLAN,
        "title": "Rancangan rencana kerja sama persampahan",
        "summary": "Mohon masukan atas rancangan rencana.",
        "opens_at": now - timedelta(hours=1),
        "closes_at": now + timedelta(days=14),
        "status": status,
        **fields,
    }
    consultation = Consultation.objects.create(agreement=agreement, **values)
    for i in range(sections):
        Section.objects.create(
            consultation=consultation,
            position=i + 1,
            heading=f"Bagian {i + 1}",
            body=f"Isi bagian {i + 1}.",
        )
    return consultation


def make_comment(section, *, status=Comment.Status.PENDING, token=None, **fields):
    values = {
        "author_name": "Warga Kotagede",
        "email": "warga@example.org",
        "body": "Mohon jadwal pengangkutan diperjelas.",
        "status": status,
        **fields,
    }
    if token:
        values["confirm_token_hash"] = token_hash(token)
    if status != Comment.Status.UNCONFIRMED:
        values.setdefault("confirmed_at", timezone.now())
    return Comment.objects.create(section=section, **values)
