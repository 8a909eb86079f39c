"""The XLSX of a report (openpyxl): the numbers behind the PDF for analysts.

Sheets: Ringkasan (summary), Indikator (an Indicator Performance Tracking Table: one row per
indicator, target and actual columns per period of the covered range), Anggaran (budget) and
Evaluasi (findings, recommendations, follow-ups). Sheet names are fixed (Indonesian) so that
formulas and macros people build on top keep working whatever the report's language.

Numbers are written as numbers and dates as dates; text that a spreadsheet would read as a
formula (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, the
same rule as the register export (simpul.agreements.exports).
"""

import io
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from simpul.core.exports import safe_cell

from .presentation import report_context
from .templatetags.report_format import isodate

BOLD = Font(bold=True)
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _write(sheet, row: int, values: list, *, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            value = safe_cell(value)
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text
        elif isinstance(value, date):
            cell.number_format = DATE_FORMAT
        if bold:
            cell.font = BOLD


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _summary(sheet, snapshot: dict, figures: dict, generated_on: datetime) -> None:
    agreement = snapshot["agreement"]
    rows = [
        [_("Report"), snapshot["title"]],
        [_("Reference code"), agreement["reference_code"]],
        [_("Agreement"), agreement["title"]],
        [_("Addressed to"), snapshot["addressee_label"]],
        [_("Covers from"), isodate(snapshot["period"]["start"])],
        [_("Covers until"), isodate(snapshot["period"]["end"])],
        [_("Generated on"), timezone.localtime(generated_on).replace(tzinfo=None)],
        [_("Parties"), "; ".join(party["name"] for party in snapshot["parties"])],
        [],
        [_("Indicators"), figures["indicators"]],
        [_("On track"), figures["on_track"]],
        [_("At risk"), figures["at_risk"]],
        [_("Off track"), figures["off_track"]],
        [_("No data yet"), figures["no_data"]],
        [_("Activities"), figures["activities"]],
        [_("Activities overdue"), figures["overdue_activities"]],
        [_("Budget planned (Rp)"), _decimal(figures["budget_planned"])],
        [_("Budget realised (Rp)"), _decimal(figures["budget_realised"])],
        [_("Budget absorbed (%)"), _decimal(figures["budget_absorption"])],
        [_("Evaluations"), figures["evaluations"]],
        [_("Open follow-up actions"), figures["open_follow_ups"]],
    ]
    for index, values in enumerate(rows, start=1):
        _write(sheet, index, values)
        sheet.cell(row=index, column=1).font = BOLD
    sheet.cell(row=7, column=2).number_format = "DD/MM/YYYY HH:MM"
    for row in (17, 18):
        sheet.cell(row=row, column=2).number_format = MONEY_FORMAT
    _widths(sheet, [28, 80])


def _indicators(sheet, snapshot: dict) -> None:
    """One row per indicator; for each period label of the range a target and an actual
    column. Indicators of different frequencies share the sheet: a column pair is empty for
    an indicator that has no such period."""
    labels: list[str] = []
    for indicator in snapshot["indicators"]:
        for period in indicator["periods"]:
            if period["short_label"] not in labels:
                labels.append(period["short_label"])
    fixed = [
        _("Code"),
        _("Indicator"),
        _("Unit"),
        _("Direction"),
        _("Values are"),
        _("Responsible party"),
        _("Baseline"),
        _("Baseline date"),
        _("Latest value"),
        _("Progress (%)"),
        _("Status"),
    ]
    header = list(fixed)
    for label in labels:
        header += [f"{label} {_('target')}", f"{label} {_('actual')}"]
    _write(sheet, 1, header, bold=True)
    for row, indicator in enumerate(snapshot["indicators"], start=2):
        by_label = {p["short_label"]: p for p in indicator["periods"]}
        values = [
            indicator["code"],
            indicator["name"],
            indicator["unit"],
            indicator["direction_label"],
            indicator["accumulation_label"],
            indicator["responsible"],
            _decimal(indicator["baseline_value"]),
            isodate(indicator["baseline_date"]),
            _decimal(indicator["latest_value"]),
            _decimal(indicator["progress"]),
            indicator["status_label"],
        ]
        for label in labels:
            period = by_label.get(label)
            if period is None:
                values += [None, None]
            else:
                target = _decimal(period["target"])
                values += [target if target is not None else period["target_text"] or None]
                values += [_decimal(period["actual"])]
        _write(sheet, row, values)
    sheet.freeze_panes = "C2"
    _widths(sheet, [10, 48, 12, 18, 24, 30, 12, 13, 12, 12, 16] + [12] * (2 * len(labels)))


def _budget(sheet, snapshot: dict) -> None:
    header = [_("Party"), _("Fiscal year"), _("Planned (Rp)"), _("Realised (Rp)")]
    header += [_("Absorption (%)"), _("Above plan")]
    _write(sheet, 1, header, bold=True)
    rows = snapshot["budget"]["rows"]
    for index, row in enumerate(rows, start=2):
        _write(
            sheet,
            index,
            [
                row["party"],
                row["year"],
                _decimal(row["planned"]),
                _decimal(row["realised"]),
                _decimal(row["absorption"]),
                _("yes") if row["over_plan"] else "",
            ],
        )
    total = snapshot["budget"]["total"]
    _write(
        sheet,
        len(rows) + 2,
        [
            _("Total"),
            None,
            _decimal(total["planned"]),
            _decimal(total["realised"]),
            _decimal(total["absorption"]),
        ],
        bold=True,
    )
    for line in range(2, len(rows) + 3):
        for column in (3, 4):
            sheet.cell(row=line, column=column).number_format = MONEY_FORMAT
    _widths(sheet, [40, 12, 20, 20, 16, 12])


def _evaluations(sheet, snapshot: dict) -> None:
    header = [_("Evaluation"), _("Covers from"), _("Covers until"), _("Kind"), _("Text")]
    header += [_("Owner"), _("Due"), _("Status")]
    _write(sheet, 1, header, bold=True)
    line = 2
    for evaluation in snapshot["evaluations"]:
        start, end = isodate(evaluation["period_start"]), isodate(evaluation["period_end"])
        lead = [evaluation["title"], start, end]
        for finding in evaluation["findings"]:
            _write(sheet, line, [*lead, finding["kind_label"], finding["text"]])
            line += 1
        for recommendation in evaluation["recommendations"]:
            _write(sheet, line, [*lead, _("Recommendation"), recommendation["text"]])
            line += 1
            for follow_up in recommendation["follow_ups"]:
                _write(
                    sheet,
                    line,
                    [
                        *lead,
                        _("Follow-up action"),
                        follow_up["action"],
                        follow_up["owner"],
                        isodate(follow_up["due_date"]),
                        follow_up["status_label"],
                    ],
                )
                line += 1
    _widths(sheet, [36, 13, 13, 18, 70, 30, 13, 14])


def render_xlsx(snapshot: dict, *, generated_on: datetime | None = None) -> bytes:
    context = report_context(snapshot)
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Ringkasan"
    _summary(summary, snapshot, context["figures"], generated_on or timezone.now())
    _indicators(workbook.create_sheet("Indikator"), snapshot)
    _budget(workbook.create_sheet("Anggaran"), snapshot)
    _evaluations(workbook.create_sheet("Evaluasi"), snapshot)
    workbook.properties.title = snapshot["title"][:255]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
