"""The Excel round-trip of a period's data form: download it pre-filled, fill it offline,
upload it back.

    period_form_xlsx(period, party, submission=None) -> bytes
    period_form_read(file, period, party) -> (rows, errors)
    period_form_upload(*, submission, user, file, expected_version) -> SaveResult

The form has one row per indicator × (total + each disaggregation option) with the unit,
target and previous verified value beside the editable value, text and narrative columns;
headers are in the language of the person who downloads it. A very hidden sheet identifies
the agreement, period and party, signed with django.core.signing, so a form for another
period, party or agreement (or an edited identity) is refused before any row is read. The
id columns are locked (the sheet is protected without a password: protection guards against
slips, the signature and the server-side checks guard against the rest).

Reading uses openpyxl in read-only mode (its XML parsing goes through defusedxml), after
simpul.core.uploads.validate_upload has checked the content type and the zip directory, and a
size limit of its own. Problems are reported per spreadsheet row ("Row 7: “abc” is not a
number for K1 Sampah terangkut."); any problem means nothing is saved.
"""

import io
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from simpul.core.errors import InvalidInput
from simpul.core.uploads import file_size, validate_upload

from .models import DataValue, DisaggregationOption, Indicator, SubmissionEvent
from .periods import period_label
from .services.collection import (
    IndicatorLine,
    SaveResult,
    ValuesInvalid,
    entry_lines,
    indicator_name,
    values_save,
)

MAX_FORM_BYTES = 5 * 1024 * 1024
MAX_FORM_ROWS = 5000
SIGNING_SALT = "simpul.monitoring.period-form"
FORM_SHEET = "Data"
META_SHEET = "simpul"
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
# Columns (1-based): the ids are fixed, so the reader never depends on header text.
COL_INDICATOR_ID, COL_OPTION_ID = 1, 2
COL_VALUE, COL_TEXT, COL_NARRATIVE = 9, 10, 11
EDITABLE_COLUMNS = (COL_VALUE, COL_TEXT, COL_NARRATIVE)


def _headers() -> list[str]:
    return [
        _("Indicator id"),
        _("Breakdown id"),
        _("Code"),
        _("Indicator"),
        _("Breakdown"),
        _("Unit"),
        _("Target"),
        _("Previous value"),
        _("Value"),
        _("Finding (qualitative)"),
        _("Narrative"),
    ]


def _identity(period, party) -> str:
    agreement = period.agreement
    return ":".join(
        str(part)
        for part in (
            agreement.pk,
            agreement.reference_code,
            period.frequency,
            period.year,
            period.number,
            party.pk,
        )
    )


def _yes_no() -> tuple[str, str]:
    return _("Yes"), _("No")


def _cell_value(indicator: Indicator, value: DataValue | None):
    if value is None:
        return None
    if indicator.kind == Indicator.Kind.BOOLEAN and value.value is not None:
        yes, no = _yes_no()
        return yes if value.value == 1 else no
    if value.value is not None:
        return int(value.value) if value.value == value.value.to_integral() else value.value
    return None


def period_form_xlsx(period, party, submission=None) -> bytes:
    """The pre-filled form as XLSX bytes, in the active language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    lines: list[IndicatorLine] = entry_lines(period, party, submission)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = FORM_SHEET
    agreement = period.agreement
    label = period_label(period.frequency, period.year, period.number)
    sheet["A1"] = _("Data form: %(code)s %(title)s") % {
        "code": agreement.reference_code,
        "title": agreement.title,
    }
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = _("Party: %(party)s · Period: %(period)s") % {
        "party": party.organization.name,
        "period": label,
    }
    sheet["A3"] = _(
        "Fill in the Value, Finding and Narrative columns only. Use a decimal comma or point; "
        "for yes/no choose from the list. Upload this file on the period's page."
    )
    sheet["A3"].alignment = Alignment(wrap_text=False)
    header_fill = PatternFill("solid", fgColor="D9EAE7")
    locked_fill = PatternFill("solid", fgColor="EEEEEE")
    for column, header in enumerate(_headers(), start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
    yes, no = _yes_no()
    yes_no = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True)
    yes_no.error = _("Choose %(yes)s or %(no)s.") % {"yes": yes, "no": no}
    yes_no.showErrorMessage = True
    sheet.add_data_validation(yes_no)
    row = FIRST_ROW
    for line in lines:
        indicator = line.indicator
        # A qualitative finding is one text per party, not broken down.
        for cell in line.cells if indicator.is_quantitative else line.cells[:1]:
            value = cell.value
            target = None
            if line.target is not None:
                target = line.target.value if line.target.value is not None else line.target.text
            previous = line.history.get(cell.option_id, [])
            values = [
                indicator.pk,
                cell.option_id,
                indicator.code,
                indicator.name,
                cell.label
                if cell.option is None
                else f"{_option_group(cell.option)}: {cell.label}",
                indicator.unit or indicator.get_kind_display(),
                target if cell.option is None else None,
                previous[-1] if previous else None,
                _cell_value(indicator, value),
                value.text if value is not None else None,
                value.narrative if value is not None else None,
            ]
            for column, content in enumerate(values, start=1):
                target_cell = sheet.cell(row=row, column=column, value=content)
                if column in EDITABLE_COLUMNS:
                    target_cell.protection = Protection(locked=False)
                elif column in (COL_INDICATOR_ID, COL_OPTION_ID):
                    target_cell.fill = locked_fill
            if indicator.kind == Indicator.Kind.BOOLEAN:
                yes_no.add(sheet.cell(row=row, column=COL_VALUE).coordinate)
            row += 1
    for letter, width in zip(
        "ABCDEFGHIJK", (8, 8, 10, 42, 22, 14, 12, 14, 14, 36, 36), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=COL_VALUE).coordinate
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False

    meta = workbook.create_sheet(META_SHEET)
    identity = _identity(period, party)
    meta.append(["agreement_id", agreement.pk])
    meta.append(["reference_code", agreement.reference_code])
    meta.append(["period", f"{period.frequency}:{period.year}:{period.number}"])
    meta.append(["party_id", party.pk])
    meta.append(["signature", signing.Signer(salt=SIGNING_SALT).sign(identity)])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _option_group(option: DisaggregationOption) -> str:
    disaggregation = getattr(option, "disaggregation", None)
    if disaggregation is None:
        return ""
    return disaggregation.name_en if translation.get_language() == "en" else disaggregation.name_id


# --- Reading -----------------------------------------------------------------------------------


@dataclass
class FormRow:
    row: int
    indicator: Indicator
    option: DisaggregationOption | None
    value: object
    text: str
    narrative: str

    def as_tuple(self):
        return (self.indicator, self.option, self.value, self.text, self.narrative)


class FormError(InvalidInput):
    """The file as a whole is refused."""


def _row_error(row: int, message: str) -> str:
    return _("Row %(row)s: %(message)s") % {"row": row, "message": message}


def _int(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    return int(str(value).strip())


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _open(file):
    from openpyxl import load_workbook

    if file_size(file) > MAX_FORM_BYTES:
        raise FormError(
            _("The file is larger than %(limit)s MB; a data form is much smaller.")
            % {"limit": MAX_FORM_BYTES // (1024 * 1024)}
        )
    try:
        detected = validate_upload(file)
    except ValidationError as error:
        raise FormError(error.messages) from None
    if detected.code != "xlsx":
        raise FormError(
            _("This is not an Excel workbook (.xlsx); upload the data form you downloaded.")
        )
    file.seek(0)
    data = file.read(MAX_FORM_BYTES + 1)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds; none may become a 500
        # Never the parser's exception name ("BadZipFile") inside a sentence people read.
        raise FormError(
            _(
                "The workbook could not be read. Save it again as an Excel workbook (.xlsx) "
                "and upload it again."
            )
        ) from None


def _check_identity(workbook, period, party) -> None:
    expected = _identity(period, party)
    if META_SHEET not in workbook.sheetnames or FORM_SHEET not in workbook.sheetnames:
        raise FormError(
            _("This is not a Simpul data form. Download the form for %(period)s and fill that in.")
            % {"period": period_label(period.frequency, period.year, period.number)}
        )
    meta = {}
    for row in workbook[META_SHEET].iter_rows(min_row=1, max_row=10, max_col=2, values_only=True):
        if row and row[0]:
            meta[str(row[0])] = row[1] if len(row) > 1 else None
    try:
        identity = signing.Signer(salt=SIGNING_SALT).unsign(str(meta.get("signature") or ""))
    except signing.BadSignature:
        raise FormError(
            _("The form's identification was changed; download the form again.")
        ) from None
    if identity == expected:
        return
    parts = identity.split(":")
    agreement = period.agreement
    if len(parts) != 6 or parts[0] != str(agreement.pk):
        raise FormError(
            _(
                "This form belongs to another agreement (%(other)s), not %(code)s. Nothing "
                "was saved."
            )
            % {"other": parts[1] if len(parts) > 1 else "?", "code": agreement.reference_code}
        )
    if parts[5] != str(party.pk):
        raise FormError(
            _("This form belongs to another party, not %(party)s. Nothing was saved.")
            % {"party": party.organization.name}
        )
    try:
        other = period_label(parts[2], int(parts[3]), int(parts[4]))
    except (KeyError, ValueError):
        other = "?"
    raise FormError(
        _("This form is for %(other)s, not %(period)s. Nothing was saved.")
        % {
            "other": other,
            "period": period_label(period.frequency, period.year, period.number),
        }
    )


def period_form_read(file, period, party) -> tuple[list[FormRow], list[str]]:
    """The rows of an uploaded form and the problems found; a refused file gives no rows and
    one problem."""
    from .services.collection import party_indicators

    try:
        workbook = _open(file)
    except FormError as error:
        return [], list(error.messages)
    try:
        _check_identity(workbook, period, party)
        indicators = {
            i.pk: i
            for i in party_indicators(period, party).prefetch_related("disaggregations__options")
        }
        options = {
            i.pk: {o.pk: o for d in i.disaggregations.all() for o in d.options.all()}
            for i in indicators.values()
        }
        rows, errors, seen = [], [], {}
        sheet = workbook[FORM_SHEET]
        for number, cells in enumerate(
            sheet.iter_rows(min_row=FIRST_ROW, max_col=COL_NARRATIVE, values_only=True),
            start=FIRST_ROW,
        ):
            cells = tuple(cells) + (None,) * (COL_NARRATIVE - len(cells))
            if all(c is None or _text(c) == "" for c in cells):
                continue
            if number - FIRST_ROW >= MAX_FORM_ROWS:
                errors.append(
                    _("The form has more than %(limit)s rows.") % {"limit": MAX_FORM_ROWS}
                )
                break
            try:
                indicator_id = _int(cells[COL_INDICATOR_ID - 1])
                option_id = _int(cells[COL_OPTION_ID - 1])
            except (TypeError, ValueError):
                indicator_id, option_id = -1, None
            indicator = indicators.get(indicator_id)
            if indicator is None or (
                option_id is not None and option_id not in options[indicator.pk]
            ):
                errors.append(
                    _row_error(
                        number,
                        _(
                            "the indicator id was changed or does not belong to this form; "
                            "download the form again."
                        ),
                    )
                )
                continue
            key = (indicator_id, option_id)
            if key in seen:
                errors.append(
                    _row_error(
                        number,
                        _("%(indicator)s appears again (first in row %(first)s).")
                        % {"indicator": indicator_name(indicator), "first": seen[key]},
                    )
                )
                continue
            seen[key] = number
            rows.append(
                FormRow(
                    row=number,
                    indicator=indicator,
                    option=options[indicator.pk].get(option_id) if option_id else None,
                    value=cells[COL_VALUE - 1],
                    text=_text(cells[COL_TEXT - 1]),
                    narrative=_text(cells[COL_NARRATIVE - 1]),
                )
            )
    except FormError as error:
        return [], list(error.messages)
    finally:
        workbook.close()
    return rows, errors


def period_form_upload(*, submission, user, file, expected_version: int) -> SaveResult:
    """Read the form and save every row, or nothing: raises ValuesInvalid with row-numbered
    messages when anything is wrong."""
    rows, errors = period_form_read(file, submission.period, submission.party)
    if errors:
        raise ValuesInvalid([(None, message) for message in errors])
    if not rows:
        raise ValuesInvalid([(None, _("The form holds no rows to save."))])
    try:
        return values_save(
            submission=submission,
            user=user,
            rows=[row.as_tuple() for row in rows],
            expected_version=expected_version,
            action=SubmissionEvent.Action.UPLOADED,
        )
    except ValuesInvalid as error:
        where = {(row.indicator.pk, row.option.pk if row.option else None): row.row for row in rows}
        raise ValuesInvalid(
            [
                (key, _row_error(where[key], message) if key in where else message)
                for key, message in error.problems
            ]
        ) from None
