"""Export of the (filtered) register as CSV or Excel, with Indonesian column headers.

Text cells that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
carriage return) are neutralised with a leading apostrophe; real numbers stay numbers.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

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
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A negative number written as text ("-12.5") is data, not a formula.
NUMBER_TEXT = re.compile(r"^-?\d+(\.\d+)?$")
CHUNK = 200


def safe_cell(value):
    """A cell value that no spreadsheet will execute: numbers and dates stay as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int | float | Decimal):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not NUMBER_TEXT.match(text):
        return "'" + text
    return text


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


def csv_response(table: Iterable[list]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so Excel reads the file as UTF-8
        for row in table:
            yield writer.writerow([safe_cell(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename("csv")}"'
    return response


def xlsx_response(table: Iterable[list]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kerja sama")
    for row in table:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename("xlsx")}"'
    return response
