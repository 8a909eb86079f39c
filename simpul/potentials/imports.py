"""The XLSX import of a region's potentials and problems: all or nothing, with row errors.

The file checks (XLSX only, zip limits before openpyxl opens anything) and the message format
are the register import's (`agreements.imports`). A region code that changed is resolved
through the code history (`regions.RegionCode`) and said so; an unknown vocabulary term, kind
or source, a bad year or a row for another region stops the import with the row's number. The
headers are a file format and stay Indonesian.
"""

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext_noop

from simpul.agreements.imports import (
    MAX_UPLOAD_BYTES,
    RegisterFileError,
    check_archive,
    error_text,
    message,
)
from simpul.regions.models import Region
from simpul.regions.services import region_resolve_code

from .models import Kind, Record, Source, Term

__all__ = ["HEADERS", "ImportResult", "error_text", "import_records"]

HEADERS = (
    "Kode Wilayah",
    "Kode Istilah",
    "Jenis (potensi/masalah)",
    "Sumber (rpjmd/kajian/survei/statistik)",
    "Tahun",
    "Tautan Bukti",
    "Catatan",
)
KINDS = {"potensi": Kind.POTENTIAL, "potential": Kind.POTENTIAL, "masalah": Kind.PROBLEM}
KINDS["problem"] = Kind.PROBLEM
SOURCES = {
    "rpjmd": Source.RPJMD,
    "kajian": Source.STUDY,
    "study": Source.STUDY,
    "survei": Source.SURVEY,
    "survey": Source.SURVEY,
    "statistik": Source.STATISTICS,
    "statistics": Source.STATISTICS,
}
MAX_ROWS = 2_000

UNREADABLE = gettext_noop("The file could not be read as an XLSX workbook.")
HEADERS_WRONG = gettext_noop("The headers must be, in this order: %(expected)s.")
NO_ROWS = gettext_noop("The file holds no rows below the headers.")
TOO_MANY = gettext_noop("The file has more than %(limit)s rows.")
ROW_REGION_UNKNOWN = gettext_noop("Row %(row)s: region code %(code)s is unknown.")
ROW_REGION_OTHER = gettext_noop(
    "Row %(row)s: region %(code)s is not %(region)s; import each region's rows on its own page."
)
ROW_TERM_UNKNOWN = gettext_noop(
    "Row %(row)s: vocabulary term %(code)s is unknown; use a code from the list of terms."
)
ROW_KIND = gettext_noop("Row %(row)s: kind %(value)s is unknown; use potensi or masalah.")
ROW_SOURCE = gettext_noop(
    "Row %(row)s: source %(value)s is unknown; use rpjmd, kajian, survei or statistik."
)
ROW_YEAR = gettext_noop("Row %(row)s: year %(value)s is not a year between 1945 and 2200.")
ROW_URL = gettext_noop("Row %(row)s: the evidence link %(value)s is not a web address.")
ROW_TWICE = gettext_noop("Row %(row)s: the same term and kind appear twice in the file.")
NOTE_CODE_CHANGED = gettext_noop("Row %(row)s: region code %(old)s is now %(new)s (%(name)s).")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u00a0", " ").strip()


def _rows(data: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    except Exception:  # openpyxl raises many kinds; none may become a 500
        raise RegisterFileError(UNREADABLE) from None
    if not rows or tuple(_text(v) for v in rows[0][: len(HEADERS)]) != HEADERS:
        raise RegisterFileError(HEADERS_WRONG, expected="; ".join(HEADERS))
    body = [row for row in rows[1:] if any(_text(v) for v in row)]
    if not body:
        raise RegisterFileError(NO_ROWS)
    if len(body) > MAX_ROWS:
        raise RegisterFileError(TOO_MANY, limit=MAX_ROWS)
    return rows[1:]


def import_records(*, user, region: Region, file) -> ImportResult:
    """Check every row; write all of them only when none has an error."""
    result = ImportResult()
    data = file.read(MAX_UPLOAD_BYTES + 1) if hasattr(file, "read") else bytes(file)
    try:
        rows = _rows(data)
    except RegisterFileError as error:
        result.errors.append(error.error)
        return result
    terms = {t.code: t for t in Term.objects.all()}
    codes: dict[str, Region | None] = {}
    parsed: dict[tuple[int, str], dict] = {}
    for number, raw in enumerate(rows, start=2):
        values = [_text(v) for v in (*raw, *([None] * len(HEADERS)))[: len(HEADERS)]]
        if not any(values):
            continue
        code, term_code, kind, source, year, url, note = values
        if code not in codes:
            codes[code] = region_resolve_code(code)
        found = codes[code]
        errors = result.errors
        if found is None:
            errors.append(message(ROW_REGION_UNKNOWN, number, code=code or "—"))
        elif found.pk != region.pk:
            errors.append(message(ROW_REGION_OTHER, number, code=code, region=region.name))
        elif found.code != code:
            result.notes.append(
                message(NOTE_CODE_CHANGED, number, old=code, new=found.code, name=found.name)
            )
        term = terms.get(term_code)
        if term is None:
            errors.append(message(ROW_TERM_UNKNOWN, number, code=term_code or "—"))
        kind_value = KINDS.get(kind.lower())
        if kind_value is None:
            errors.append(message(ROW_KIND, number, value=kind or "—"))
        source_value = SOURCES.get(source.lower())
        if source_value is None:
            errors.append(message(ROW_SOURCE, number, value=source or "—"))
        if not (year.isdigit() and 1945 <= int(year) <= 2200):
            errors.append(message(ROW_YEAR, number, value=year or "—"))
        try:
            if url:
                URLValidator()(url)
        except ValidationError:
            errors.append(message(ROW_URL, number, value=url[:80]))
        if term is not None and kind_value is not None:
            key = (term.pk, kind_value)
            if key in parsed:
                errors.append(message(ROW_TWICE, number))
            parsed[key] = {
                "source": source_value,
                "year": int(year) if year.isdigit() else 0,
                "evidence_url": url[:500],
                "note": note[:2000],
            }
    if result.errors:
        return result
    with transaction.atomic():
        for (term_pk, kind_code), fields in parsed.items():
            _record, created = Record.objects.update_or_create(
                region=region,
                term_id=term_pk,
                kind=kind_code,
                defaults=fields,
                create_defaults={**fields, "created_by": user},
            )
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result
