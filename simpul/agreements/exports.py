"""Export of the (filtered) register as CSV or Excel, with Indonesian column headers.

Every cell goes through `simpul.core.exports.safe_cell` (no formula injection).
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.http.response import HttpResponseBase
from django.utils import timezone

from simpul.core.downloads import attachment
from simpul.core.exports import safe_cell

from .models import Agreement

HEADERS = [
    "Kode",
    "Judul",
    "Jenis",
    "Kategori",
    "Tahap",
    "Para pihak",
    "Urusan pemerintahan",
    "Tanggal mulai",
    "Tanggal berakhir",
    "Didaftarkan oleh",
    "Tujuan",
]
CHUNK = 200


def _row(agreement: Agreement) -> list:
    stage = getattr(agreement, "stage", None)
    return [
        agreement.reference_code,
        agreement.title,
        agreement.get_family_display(),
        agreement.get_category_display() if agreement.category else "",
        str(stage) if stage else agreement.state,
        "; ".join(p.organization.name for p in agreement.parties.all()),
        "; ".join(a.name_id for a in agreement.affairs.all()),
        agreement.start_date,
        agreement.end_date,
        agreement.owner.name,
        agreement.objectives,
    ]


def rows(agreements, annotate) -> Iterator[list]:
    """Rows in chunks, so a large register is never held in memory at once; `annotate`
    attaches each chunk's stages (one query per chunk)."""
    yield HEADERS
    chunk: list[Agreement] = []
    for agreement in agreements.iterator(chunk_size=CHUNK):
        chunk.append(agreement)
        if len(chunk) == CHUNK:
            yield from (_row(a) for a in annotate(chunk))
            chunk = []
    if chunk:
        yield from (_row(a) for a in annotate(chunk))


def filename(extension: str) -> str:
    return f"kerja-sama-{timezone.localdate().isoformat()}.{extension}"


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(table: Iterable[list]) -> HttpResponseBase:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so Excel reads the file as UTF-8
        for row in table:
            yield writer.writerow([safe_cell(v) for v in row])

    return attachment(lines(), filename=filename("csv"), content_type="text/csv; charset=utf-8")


def xlsx_response(table: Iterable[list]) -> HttpResponseBase:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kerja sama")
    for row in table:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(
        buffer.getvalue(),
        filename=filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
