"""The entry lines a party fills in: the form, the spreadsheet and the read-only view share them."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from simpul.agreements.models import Party

from ...models import (
    DataValue,
    Disaggregation,
    DisaggregationOption,
    Indicator,
    ReportingPeriod,
    Submission,
    Target,
)
from .common import disaggregation_name, option_name
from .periods import party_indicators
from .values import verified_history


@dataclass
class EntryCell:
    option: DisaggregationOption | None
    value: DataValue | None = None

    @property
    def option_id(self) -> int | None:
        return self.option.pk if self.option is not None else None

    @property
    def label(self) -> str:
        return option_name(self.option)

    @property
    def group(self) -> str:
        """The disaggregation's name ("Sex"), empty for the total."""
        return disaggregation_name(self.option.disaggregation) if self.option else ""


@dataclass
class IndicatorLine:
    indicator: Indicator
    target: Target | None
    previous: Decimal | None
    history: dict = field(default_factory=dict)  # option id → [earlier verified values]
    cells: list[EntryCell] = field(default_factory=list)

    @property
    def total(self) -> EntryCell:
        return self.cells[0]

    @property
    def options(self) -> list[EntryCell]:
        return self.cells[1:]

    @property
    def has_outlier(self) -> bool:
        return any(cell.value is not None and cell.value.is_outlier for cell in self.cells)


def entry_lines(
    period: ReportingPeriod, party: Party, submission: Submission | None = None
) -> list[IndicatorLine]:
    """One line per indicator the party reports in the period, with its target, previous
    verified value and current values. A constant number of queries."""
    options = DisaggregationOption.objects.order_by("position", "code")
    indicators = list(
        party_indicators(period, party)
        .order_by("position", "code", "pk")
        .prefetch_related(
            Prefetch(
                "disaggregations",
                queryset=Disaggregation.objects.prefetch_related(
                    Prefetch("options", queryset=options)
                ),
            )
        )
    )
    ids = [i.pk for i in indicators]
    targets = {
        t.indicator_id: t
        for t in Target.objects.filter(indicator_id__in=ids, year=period.year, number=period.number)
    }
    values = {}
    if submission is not None and submission.pk:
        for value in DataValue.objects.filter(submission=submission, indicator_id__in=ids):
            values[(value.indicator_id, value.option_id)] = value
    history = verified_history(party, period, ids)
    lines = []
    for indicator in indicators:
        cells = [EntryCell(None, values.get((indicator.pk, None)))]
        for disaggregation in indicator.disaggregations.all():
            for option in disaggregation.options.all():
                option.disaggregation = disaggregation
                cells.append(EntryCell(option, values.get((indicator.pk, option.pk))))
        earlier = history.get((indicator.pk, None), [])
        lines.append(
            IndicatorLine(
                indicator=indicator,
                target=targets.get(indicator.pk),
                previous=earlier[-1] if earlier else None,
                history={key[1]: vals for key, vals in history.items() if key[0] == indicator.pk},
                cells=cells,
            )
        )
    return lines
