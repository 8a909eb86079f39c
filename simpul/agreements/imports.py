"""The Excel register of existing agreements: the template to fill in, and its parser.

The parser refuses what it cannot read with certainty instead of guessing: a file that is not
an XLSX, a zip bomb (sizes are checked in the zip directory before openpyxl opens anything),
formulas, merged cells, hidden or missing sheets and headers that differ from the template.
Each problem in a row is reported with the spreadsheet's row number; the messages are stored
as English msgids with their parameters (`error_text` translates them for the reader), so the
worker that checks the file does not fix the language of the report.

The headers are a file format, not interface text: they are Indonesian and never translated.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_noop

from simpul.core.uploads import zip_too_large

# Limits (ASVS 5.2.3: archive limits checked before unpacking).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 200
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ROWS = 10_000
PREVIEW_ROWS = 20

SHEET_TITLE = "Daftar Kerja Sama"
VALUES_SHEET_TITLE = "Nilai yang diizinkan"

# (key, header): the order is the template's column order, and the parser insists on it.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference_code", "Kode Referensi"),
    ("title", "Judul"),
    ("family", "Jenis (KSDD/KSDPK/KSDPL/KSDLL/SINERGI)"),
    ("category", "Kategori (wajib/sukarela)"),
    ("regions", "Kode Wilayah Pihak (pisahkan dengan ;)"),
    ("partners", "Mitra Non-Pemerintah (nama organisasi; pisahkan dengan ;)"),
    ("affairs", "Urusan (kode; pisahkan dengan ;)"),
    ("start_date", "Tanggal Mulai"),
    ("end_date", "Tanggal Berakhir"),
    ("state", "Status"),
    ("legal_basis", "Dasar Hukum (pisahkan dengan ;)"),
    (
        "numbers",
        "Nomor Dokumen per Pihak (kode wilayah atau nama mitra = nomor; pisahkan dengan ;)",
    ),
    ("note", "Keterangan"),
)
HEADERS = tuple(header for _key, header in COLUMNS)
KEYS = tuple(key for key, _header in COLUMNS)

# Stage codes of the national default workflow, used when the database holds no workflow.
DEFAULT_STATES = (
    "draft",
    "offered",
    "offer_accepted",
    "kb_drafting",
    "kb_signed",
    "council_approval_pending",
    "council_approved",
    "pks_drafting",
    "pks_signed",
    "active",
    "suspended",
    "expired",
    "terminated",
    "extended",
    "rejected",
    "withdrawn",
    "in_dispute",
    "taken_over",
)

# --- Messages (English msgids; translated when shown) ----------------------------------------

FILE_TOO_LARGE = gettext_noop("The file is larger than %(limit)s MB.")
FILE_EMPTY = gettext_noop("The file is empty.")
NOT_XLSX = gettext_noop(
    "This is not an Excel workbook (.xlsx). Save the register as “Excel Workbook (.xlsx)” "
    "from the template and upload it again."
)
OLE_FILE = gettext_noop(
    "This file is an old Excel format (.xls) or a password-protected workbook. Remove the "
    "password and save it as “Excel Workbook (.xlsx)”."
)
ZIP_BOMB = gettext_noop(
    "The workbook unpacks to far more data than a register holds; it was not opened."
)
# Never the parser's exception name ("BadZipFile") inside a sentence people read.
UNREADABLE = gettext_noop(
    "The workbook could not be read. Save it again as an Excel workbook (.xlsx) and upload it "
    "again."
)
SHEET_HIDDEN = gettext_noop(
    "The first sheet “%(sheet)s” is hidden. The register must be the first, visible sheet."
)
HEADERS_WRONG = gettext_noop(
    "The column headers in row 1 do not match the template. Expected, in this order: "
    "%(expected)s. Found: %(found)s. Download the template and copy the data into it."
)
MERGED = gettext_noop(
    "Cells %(range)s are merged. Merged cells are not accepted in the register; unmerge them."
)
TOO_MANY_ROWS = gettext_noop("The register has more than %(limit)s rows; split it into files.")
NO_ROWS = gettext_noop("The register holds no rows below the headers.")

ROW_FORMULA = gettext_noop(
    "Row %(row)s, column “%(column)s”: formulas are not accepted; type the value."
)
ROW_REQUIRED = gettext_noop("Row %(row)s: “%(column)s” is required.")
ROW_TOO_LONG = gettext_noop("Row %(row)s: “%(column)s” is longer than %(limit)s characters.")
ROW_DUPLICATE_CODE = gettext_noop(
    "Row %(row)s: reference code %(code)s appears again (first in row %(first)s)."
)
ROW_CODE_EXISTS = gettext_noop(
    "Row %(row)s: reference code %(code)s is already registered; it is not imported twice."
)
ROW_FAMILY = gettext_noop(
    "Row %(row)s: cooperation type %(value)s is unknown; use one of %(allowed)s."
)
ROW_CATEGORY = gettext_noop("Row %(row)s: category %(value)s is unknown; use wajib or sukarela.")
ROW_CATEGORY_MISSING = gettext_noop("Row %(row)s: a KSDD needs a category (wajib or sukarela).")
ROW_CATEGORY_NOT_KSDD = gettext_noop(
    "Row %(row)s: only a KSDD has a category; leave it empty for %(family)s."
)
ROW_REGION_UNKNOWN = gettext_noop("Row %(row)s: region code %(code)s is unknown")
ROW_REGION_NO_GOVERNMENT = gettext_noop(
    "Row %(row)s: region %(code)s has no government organisation in Simpul."
)
ROW_PARTNER_UNKNOWN = gettext_noop(
    "Row %(row)s: partner organisation “%(name)s” is not registered in Simpul; register it "
    "first or correct the name."
)
ROW_PARTNER_GOVERNMENT = gettext_noop(
    "Row %(row)s: “%(name)s” is a regional government; put its region code in the party "
    "region column."
)
ROW_PARTY_TWICE = gettext_noop("Row %(row)s: %(name)s is listed twice as a party.")
ROW_NO_PARTIES = gettext_noop("Row %(row)s: at least one party is required.")
ROW_AFFAIR_UNKNOWN = gettext_noop("Row %(row)s: government affair %(code)s is unknown.")
ROW_NO_AFFAIRS = gettext_noop("Row %(row)s: at least one government affair is required.")
ROW_DATE = gettext_noop(
    "Row %(row)s: “%(column)s” %(value)s is not a date; use an Excel date, 31/12/2025 or "
    "2025-12-31."
)
ROW_DATE_ORDER = gettext_noop("Row %(row)s: the end date is before the start date.")
ROW_STATE = gettext_noop(
    "Row %(row)s: status %(value)s is unknown; use one of the codes on the “%(sheet)s” sheet."
)
ROW_NUMBER_FORMAT = gettext_noop(
    "Row %(row)s: document number “%(value)s” must be written as party = number."
)
ROW_NUMBER_PARTY = gettext_noop(
    "Row %(row)s: document number for %(party)s, which is not a party of this row."
)
ROW_RULE = gettext_noop("Row %(row)s: %(message)s")


def message(msgid: str, row: int | None = None, column: str = "", **params) -> dict:
    """A JSON-ready problem report: translated only when shown (see error_text)."""
    if row is not None:
        params["row"] = row
    if column:
        params.setdefault("column", column)
    return {"row": row, "column": column, "msgid": msgid, "params": params}


def error_text(error: dict) -> str:
    """The problem in the reader's language."""
    params = error.get("params") or {}
    try:
        return gettext(error["msgid"]) % params
    except (KeyError, TypeError, ValueError):
        return error.get("msgid", "")


class RegisterFileError(Exception):
    """The file as a whole cannot be read; `error` is a message() dict."""

    def __init__(self, msgid: str, **params):
        self.error = message(msgid, **params)
        super().__init__(msgid % params if params else msgid)


@dataclass
class ParsedRow:
    row: int
    reference_code: str
    title: str
    family: str
    category: str
    region_codes: list[str]
    government_ids: list[int]
    partner_ids: list[int]
    party_labels: list[str]
    affairs: list[str]
    start_date: datetime.date | None
    end_date: datetime.date | None
    state: str
    legal_basis: list[str]
    numbers: dict[str, str]  # party label -> document number
    note: str
    warnings: list[dict] = field(default_factory=list)

    @property
    def organization_ids(self) -> list[int]:
        return [*self.government_ids, *self.partner_ids]

    def as_preview(self) -> dict:
        return {
            "row": self.row,
            "reference_code": self.reference_code,
            "title": self.title,
            "family": self.family,
            "category": self.category,
            "parties": self.party_labels,
            "affairs": self.affairs,
            "start_date": self.start_date.isoformat() if self.start_date else "",
            "end_date": self.end_date.isoformat() if self.end_date else "",
            "state": self.state,
            "legal_basis": self.legal_basis,
            "warnings": self.warnings,
        }


@dataclass
class ParseResult:
    rows: list[ParsedRow]
    errors: list[dict]
    total_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# --- The template ----------------------------------------------------------------------------


def _allowed_states() -> list[tuple[str, str]]:
    from .models import Stage

    stages = {}
    for code, name in (
        Stage.objects.filter(workflow__region__isnull=True)
        .order_by("workflow__family", "position")
        .values_list("code", "name_id")
    ):
        stages.setdefault(code, name)
    return list(stages.items()) or [(code, code) for code in DEFAULT_STATES]


def build_template() -> bytes:
    """The register template as XLSX bytes: headers, one example row, allowed values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from .models import Category, Family, GovernmentAffair

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(list(HEADERS))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="D9EAE7")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
    for index, header in enumerate(HEADERS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, min(45, len(header) + 2))
    sheet.freeze_panes = "A2"

    values = workbook.create_sheet(VALUES_SHEET_TITLE)
    values.append(
        ["Jenis", "Kategori", "Status (kode)", "Status (nama)", "Urusan (kode)", "Urusan (nama)"]
    )
    for cell in values[1]:
        cell.font = bold
    families = [choice.upper() for choice in Family.values]
    categories = list(Category.values)
    states = _allowed_states()
    affairs = list(GovernmentAffair.objects.order_by("position").values_list("code", "name_id"))
    length = max(len(families), len(categories), len(states), len(affairs))
    for index in range(length):
        values.append(
            [
                families[index] if index < len(families) else None,
                categories[index] if index < len(categories) else None,
                states[index][0] if index < len(states) else None,
                states[index][1] if index < len(states) else None,
                affairs[index][0] if index < len(affairs) else None,
                affairs[index][1] if index < len(affairs) else None,
            ]
        )
    for letter, width in zip("ABCDEF", (10, 12, 26, 34, 34, 60), strict=True):
        values.column_dimensions[letter].width = width

    # Drop-down lists where Excel makes them easy: one value per cell.
    last = MAX_ROWS + 1
    lists = (
        ("C", f"'{VALUES_SHEET_TITLE}'!$A$2:$A${len(families) + 1}"),
        ("D", f"'{VALUES_SHEET_TITLE}'!$B$2:$B${len(categories) + 1}"),
        ("J", f"'{VALUES_SHEET_TITLE}'!$C$2:$C${len(states) + 1}"),
    )
    for column, source in lists:
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        validation.error = "Pilih nilai dari daftar pada lembar “Nilai yang diizinkan”."
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
        validation.add(f"{column}2:{column}{last}")
    for column in ("H", "I"):
        validation = DataValidation(type="date", operator="greaterThan", formula1="1")
        validation.error = "Isi tanggal, misalnya 31/12/2025."
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
        validation.add(f"{column}2:{column}{last}")
        for row in range(2, 200):
            sheet[f"{column}{row}"].number_format = "DD/MM/YYYY"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The parser ------------------------------------------------------------------------------


def _read_bytes(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_UPLOAD_BYTES + 1)
    return data


def check_archive(data: bytes) -> None:
    """Refuse anything that is not a plausible XLSX, from the zip directory alone."""
    if not data:
        raise RegisterFileError(FILE_EMPTY)
    if len(data) > MAX_UPLOAD_BYTES:
        raise RegisterFileError(FILE_TOO_LARGE, limit=MAX_UPLOAD_BYTES // (1024 * 1024))
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise RegisterFileError(OLE_FILE)
    if data[:4] != b"PK\x03\x04":
        raise RegisterFileError(NOT_XLSX)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise RegisterFileError(NOT_XLSX) from None
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise RegisterFileError(NOT_XLSX)
    if zip_too_large(
        entries,
        max_entries=MAX_ZIP_ENTRIES,
        max_inflated=MAX_UNCOMPRESSED_BYTES,
        max_ratio=MAX_COMPRESSION_RATIO,
    ):
        raise RegisterFileError(ZIP_BOMB)


def _load_sheet(data: bytes):
    from openpyxl import load_workbook

    check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except Exception:  # openpyxl raises many kinds; none may become a 500
        raise RegisterFileError(UNREADABLE) from None
    if not workbook.worksheets:
        raise RegisterFileError(NOT_XLSX)
    sheet = workbook.worksheets[0]
    if sheet.sheet_state != "visible":
        raise RegisterFileError(SHEET_HIDDEN, sheet=sheet.title)
    return sheet


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u00a0", " ").strip()


def _split(value) -> list[str]:
    return [part.strip() for part in _text(value).split(";") if part.strip()]


DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("day", "month", "year")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("year", "month", "day")),
)


def parse_date(value) -> datetime.date | None:
    """An Excel date, a serial number, 31/12/2025 or 2025-12-31; None if empty; else ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel's fictitious 29 February 1900 (serial 60) is no date.
        if value < 1 or int(value) == 60 or value > 2_958_465:
            raise ValueError(value)
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    text = _text(value)
    for pattern, order in DATE_PATTERNS:
        found = pattern.match(text)
        if found:
            parts = dict(zip(order, (int(g) for g in found.groups()), strict=True))
            return datetime.date(parts["year"], parts["month"], parts["day"])
    raise ValueError(value)


class _Lookups:
    """Reference data read once per parse, so the query count does not grow with rows."""

    def __init__(self) -> None:
        from simpul.organizations.models import Organization

        from .models import Agreement, GovernmentAffair

        # A code, or the affair's Indonesian name as printed on the allowed-values sheet.
        self.affairs: dict[str, str] = {}
        for code, name in GovernmentAffair.objects.values_list("code", "name_id"):
            self.affairs[code] = code
            self.affairs[" ".join(name.lower().split())] = code
        self.states = {code for code, _name in _allowed_states()}
        self.governments: dict[int, tuple[int, str]] = {
            region_id: (pk, name)
            for pk, region_id, name in Organization.objects.governments().values_list(
                "pk", "region_id", "name"
            )
        }
        self._regions: dict[str, object] = {}
        self._partners: dict[str, tuple[int, str] | None] = {}
        self._agreement_model = Agreement
        self._organization_model = Organization

    def region(self, code: str):
        from simpul.regions.services import region_resolve_code

        if code not in self._regions:
            self._regions[code] = region_resolve_code(code)
        return self._regions[code]

    def partner(self, name: str) -> tuple[int, str] | None:
        """(pk, kind) of the organisation with exactly this name, or None."""
        if name not in self._partners:
            found = (
                self._organization_model.objects.filter(name=name).values_list("pk", "kind").first()
            )
            self._partners[name] = found
        return self._partners[name]

    def existing_codes(self, codes: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(codes), 500):
            found.update(
                self._agreement_model.objects.filter(
                    reference_code__in=codes[start : start + 500]
                ).values_list("reference_code", flat=True)
            )
        return found


def _check_headers(sheet) -> None:
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    found = [_text(value) for value in first]
    while found and not found[-1]:
        found.pop()
    if [" ".join(h.split()) for h in found] != list(HEADERS):
        raise RegisterFileError(
            HEADERS_WRONG,
            expected="; ".join(HEADERS),
            found="; ".join(found) or "—",
        )


def _check_merged(sheet) -> None:
    ranges = sorted(str(r) for r in sheet.merged_cells.ranges)
    if ranges:
        raise RegisterFileError(MERGED, range=", ".join(ranges[:5]))


def parse_register(file) -> ParseResult:
    """Read a register upload. File-level problems give one error and no rows."""
    try:
        data = _read_bytes(file)
        sheet = _load_sheet(data)
        _check_headers(sheet)
        _check_merged(sheet)
    except RegisterFileError as exc:
        return ParseResult(rows=[], errors=[exc.error])

    lookups = _Lookups()
    errors: list[dict] = []
    rows: list[ParsedRow] = []
    first_seen: dict[str, int] = {}
    width = len(HEADERS)
    total = 0
    for cells in sheet.iter_rows(min_row=2, max_col=max(width, sheet.max_column)):
        values = [cell.value for cell in cells]
        if all(_text(v) == "" for v in values):
            continue
        total += 1
        if total > MAX_ROWS:
            return ParseResult(rows=[], errors=[message(TOO_MANY_ROWS, limit=MAX_ROWS)])
        number = cells[0].row
        formula = False
        for index, cell in enumerate(cells[:width]):
            if cell.data_type == "f" or (
                isinstance(cell.value, str) and cell.value.startswith("=")
            ):
                errors.append(message(ROW_FORMULA, number, HEADERS[index]))
                formula = True
        if formula:
            continue
        parsed = _parse_row(number, dict(zip(KEYS, values[:width], strict=False)), lookups, errors)
        if parsed is None:
            continue
        if parsed.reference_code in first_seen:
            errors.append(
                message(
                    ROW_DUPLICATE_CODE,
                    number,
                    code=parsed.reference_code,
                    first=first_seen[parsed.reference_code],
                )
            )
            continue
        first_seen[parsed.reference_code] = number
        rows.append(parsed)

    if total == 0:
        return ParseResult(rows=[], errors=[message(NO_ROWS)])
    existing = lookups.existing_codes([row.reference_code for row in rows])
    kept = []
    for row in rows:
        if row.reference_code in existing:
            errors.append(message(ROW_CODE_EXISTS, row.row, code=row.reference_code))
        else:
            kept.append(row)
    _check_party_rules(kept, errors)
    errors.sort(key=lambda e: e["row"] or 0)
    return ParseResult(rows=kept, errors=errors, total_rows=total)


def _limited(value, key: str, limit: int, number: int, errors: list) -> str:
    text = _text(value)
    if len(text) > limit:
        header = HEADERS[KEYS.index(key)]
        errors.append(message(ROW_TOO_LONG, number, header, limit=limit))
        return ""
    return text


def _parse_row(number: int, raw: dict, lookups: _Lookups, errors: list) -> ParsedRow | None:
    from simpul.organizations.models import Organization

    from .models import Category, Family

    before = len(errors)

    def header(key: str) -> str:
        return HEADERS[KEYS.index(key)]

    def required(key: str) -> None:
        errors.append(message(ROW_REQUIRED, number, header(key)))

    code = _limited(raw.get("reference_code"), "reference_code", 40, number, errors)
    title = _limited(raw.get("title"), "title", 300, number, errors)
    if not code:
        required("reference_code")
    if not title:
        required("title")

    family = _text(raw.get("family")).lower()
    if not family:
        required("family")
    elif family not in Family.values:
        errors.append(
            message(
                ROW_FAMILY,
                number,
                value=_text(raw.get("family")),
                allowed="/".join(v.upper() for v in Family.values),
            )
        )
    category = _text(raw.get("category")).lower()
    if category and category not in Category.values:
        errors.append(message(ROW_CATEGORY, number, value=_text(raw.get("category"))))
    elif family == Family.KSDD and not category:
        errors.append(message(ROW_CATEGORY_MISSING, number))
    elif family and family != Family.KSDD and category:
        errors.append(message(ROW_CATEGORY_NOT_KSDD, number, family=family.upper()))

    government_ids: list[int] = []
    partner_ids: list[int] = []
    labels: list[str] = []
    region_codes: list[str] = []
    seen: set[int] = set()
    label_of: dict[str, str] = {}
    parties_start = len(errors)
    for region_code in _split(raw.get("regions")):
        region = lookups.region(region_code)
        if region is None:
            errors.append(message(ROW_REGION_UNKNOWN, number, code=region_code))
            continue
        government = lookups.governments.get(region.pk)
        if government is None:
            errors.append(message(ROW_REGION_NO_GOVERNMENT, number, code=region_code))
            continue
        if government[0] in seen:
            errors.append(message(ROW_PARTY_TWICE, number, name=government[1]))
            continue
        seen.add(government[0])
        government_ids.append(government[0])
        region_codes.append(region.code)
        labels.append(government[1])
        label_of[region_code] = government[1]
        label_of[region.code] = government[1]
    for name in _split(raw.get("partners")):
        found = lookups.partner(name)
        if found is None:
            errors.append(message(ROW_PARTNER_UNKNOWN, number, name=name))
            continue
        if found[1] == Organization.Kind.REGIONAL_GOVERNMENT:
            errors.append(message(ROW_PARTNER_GOVERNMENT, number, name=name))
            continue
        if found[0] in seen:
            errors.append(message(ROW_PARTY_TWICE, number, name=name))
            continue
        seen.add(found[0])
        partner_ids.append(found[0])
        labels.append(name)
        label_of[name] = name
    if not seen and len(errors) == before:
        errors.append(message(ROW_NO_PARTIES, number))
    parties_failed = len(errors) > parties_start

    affairs = []
    for affair in _split(raw.get("affairs")):
        affair_code = lookups.affairs.get(" ".join(affair.lower().split()))
        if affair_code is None:
            errors.append(message(ROW_AFFAIR_UNKNOWN, number, code=affair))
        elif affair_code not in affairs:
            affairs.append(affair_code)
    if not _split(raw.get("affairs")):
        errors.append(message(ROW_NO_AFFAIRS, number))

    dates = {}
    for key in ("start_date", "end_date"):
        try:
            dates[key] = parse_date(raw.get(key))
        except (ValueError, OverflowError):
            errors.append(message(ROW_DATE, number, header(key), value=_text(raw.get(key))))
            dates[key] = None
    if dates["start_date"] and dates["end_date"] and dates["end_date"] < dates["start_date"]:
        errors.append(message(ROW_DATE_ORDER, number))

    state = _text(raw.get("state")).lower()
    if not state:
        required("state")
    elif state not in lookups.states:
        errors.append(
            message(ROW_STATE, number, value=_text(raw.get("state")), sheet=VALUES_SHEET_TITLE)
        )

    legal_basis = [part[:300] for part in _split(raw.get("legal_basis"))]
    numbers: dict[str, str] = {}
    for item in _split(raw.get("numbers")):
        party, sep, document_number = item.partition("=")
        party, document_number = party.strip(), document_number.strip()
        if not sep or not party or not document_number:
            errors.append(message(ROW_NUMBER_FORMAT, number, value=item))
            continue
        if party not in label_of:
            if not parties_failed:  # else the unknown party is reported already
                errors.append(message(ROW_NUMBER_PARTY, number, party=party))
            continue
        numbers[label_of[party]] = document_number[:120]
    note = _text(raw.get("note"))[:2000]

    if len(errors) > before:
        return None
    return ParsedRow(
        row=number,
        reference_code=code,
        title=title,
        family=family,
        category=category,
        region_codes=region_codes,
        government_ids=government_ids,
        partner_ids=partner_ids,
        party_labels=labels,
        affairs=affairs,
        start_date=dates["start_date"],
        end_date=dates["end_date"],
        state=state,
        legal_basis=legal_basis,
        numbers=numbers,
        note=note,
    )


def _check_party_rules(rows: list[ParsedRow], errors: list[dict]) -> None:
    """The agreement rules (rules.check_parties) per row: blocks are errors, the rest warn."""
    try:
        from .rules import check_parties
    except ImportError:  # the rules module is not there yet
        return
    from simpul.organizations.models import Organization

    ids = {pk for row in rows for pk in row.organization_ids}
    organizations = Organization.objects.select_related("region").in_bulk(ids)
    for row in rows:
        parties = [organizations[pk] for pk in row.organization_ids if pk in organizations]
        for finding in _findings(check_parties, row, parties):
            text = str(getattr(finding, "message", finding))
            if getattr(finding, "blocks", False) or getattr(finding, "level", "") == "block":
                errors.append(message(ROW_RULE, row.row, message=text))
            else:
                row.warnings.append(message(ROW_RULE, row.row, message=text))


def _findings(check_parties, row: ParsedRow, parties: list) -> list:
    return list(
        check_parties(family=row.family, category=row.category, organizations=parties) or []
    )
