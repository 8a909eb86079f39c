"""Factories of the knowledge tests and the permission matrix.

make_item(cast, *, status="draft", audience="members", owner=None, by=None, **fields)
    -> KnowledgeItem
    a good practice of Pemerintah Kota Yogyakarta written by wati (problem and approach
    filled in, so it may be submitted); a status other than draft is set directly, as if
    wati had submitted it (and, when published, as if sari had reviewed it)
png_bytes(width=4, height=3) -> bytes    a small PNG drawn with Pillow
pdf_upload(name="panduan.pdf") -> SimpleUploadedFile   a minimal complete PDF
make_finding(cast) -> Finding    a finding of an active agreement of Kota Yogyakarta, Sleman
                                 and Bantul (registered by the matrix's bureau when inside it)
make_decision(cast) -> Decision  a decision of Kartamantul's forum meeting held two hours ago
"""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.knowledge import services
from simpul.knowledge.models import KnowledgeItem
from simpul.meetings.models import Decision
from simpul.meetings.tests.minutes_factories import held_meeting
from simpul.monitoring.models import Evaluation, Finding

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (11, 93, 87)).save(out, format="PNG")
    return out.getvalue()


def pdf_upload(name: str = "panduan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_item(cast, *, status="draft", audience="members", owner=None, by=None, **fields):
    values = {
        "title": "Bank sampah kelurahan",
        "summary": "Warga memilah sampah di sumber dan menabungnya.",
        "problem": "TPA Piyungan penuh.",
        "approach": "Bank sampah di setiap kelurahan dengan jadwal setor mingguan.",
    }
    values.update(fields)
    kind = values.pop("kind", "practice")
    item = services.knowledge_item_create(
        user=by or cast.wati, owner=owner or cast.pemkot_yogyakarta, kind=kind, **values
    )
    if status != "draft":
        now = timezone.now()
        changes = {"status": status, "submitted_by": by or cast.wati, "submitted_at": now}
        if status == "published":
            changes.update(audience=audience, reviewed_by=cast.sari, published_at=now)
        KnowledgeItem.objects.filter(pk=item.pk).update(**changes)
        item.refresh_from_db()
    return item


def make_finding(cast) -> Finding:
    agreement = make_agreement(
        cast, user=cast.sari, state="active", start_date=date(2025, 1, 1),
        end_date=date(2029, 12, 31), title="Pengelolaan sampah regional",
    )  # fmt: skip
    evaluation = Evaluation.objects.create(
        agreement=agreement,
        title="Evaluasi semester I 2025",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
        created_by=cast.sari,
    )
    return Finding.objects.create(
        evaluation=evaluation, kind="lesson", text="Pemilahan di sumber mengurangi tonase ke TPA"
    )


def make_decision(cast) -> Decision:
    meeting = held_meeting(cast)
    return Decision.objects.create(
        agenda_item=meeting.agenda_items.first(),
        text="Setiap kelurahan membentuk bank sampah",
        created_by=cast.lina,
    )
