"""Reads of the governance scorecard, for the portal and the ranking pages.

    agreement_scorecard(agreement, year=None) -> dict
        One agreement's six scores for `year` (default: this year), computed live (a fixed
        handful of queries), each with its formula in words and its inputs, plus the trend
        over the years with stored Score rows.
    region_scorecard(region, year=None) -> dict
        The same for a region: its stored Score row for the year (computed live over its
        public agreements when the worker has not stored one yet), and its trend.

Both return the dict `scorecard/_scorecard.html` renders. Only public agreements are ever
read or listed (simpul.publication.selectors is the gate).
"""

from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from simpul.agreements.models import Agreement, Party
from simpul.organizations.models import Organization
from simpul.publication.selectors import public_agreements
from simpul.regions.models import Region

from . import health, services
from .models import DIMENSIONS, Score

LABELS = {
    "transparency": gettext_lazy("Transparency"),
    "accountability": gettext_lazy("Accountability"),
    "participation": gettext_lazy("Participation"),
    "responsiveness": gettext_lazy("Responsiveness"),
    "effectiveness": gettext_lazy("Effectiveness"),
    "collaboration": gettext_lazy("Collaboration health"),
    "overall": gettext_lazy("Overall"),
}
SORTS = ("overall", *DIMENSIONS, "name")


def _percent(weight: Decimal) -> int:
    return int(weight * 100)


def formulas() -> dict[str, str]:
    """Each score's formula in words (also the method section of the ranking page)."""
    t = services.TRANSPARENCY_WEIGHTS
    a = services.ACCOUNTABILITY_WEIGHTS
    p = services.PARTICIPATION_WEIGHTS
    e = services.EFFECTIVENESS_WEIGHTS
    return {
        "transparency": _(
            "%(w1)s%% × share of the kinds of information required at the cooperation's stage "
            "that are public + %(w2)s%% × share made public on time (within %(days)s days of "
            "entering the stage)."
        )
        % {
            "w1": _percent(t["published"]),
            "w2": _percent(t["on_time"]),
            "days": services.on_time_days(),
        },
        "accountability": _(
            "%(w1)s%% × share of the year's closed reporting periods in which every party that "
            "must report had its data verified + %(w2)s%% × share of the year's budget lines "
            "with their realisation reported."
        )
        % {"w1": _percent(a["periods"]), "w2": _percent(a["budget"])},
        "participation": _(
            "%(w1)s%% × at least one public consultation held in the year + %(w2)s%% × share "
            "of published comments answered + %(w3)s%% × people involved (commenters and "
            "survey respondents, counted up to %(cap)s)."
        )
        % {
            "w1": _percent(p["held"]),
            "w2": _percent(p["answered"]),
            "w3": _percent(p["people"]),
            "cap": services.stakeholder_cap(),
        },
        "responsiveness": _(
            "Share of the year's complaints answered by their follow-up deadline (complaints "
            "still open past the deadline count as late); the median answer time is shown "
            "beside it."
        ),
        "effectiveness": _(
            "%(w1)s%% × share of indicators on track in their latest period of the year + "
            "%(w2)s%% × share of the year's past targets met (verified data only)."
        )
        % {"w1": _percent(e["on_track"]), "w2": _percent(e["targets_met"])},
        "collaboration": _(
            "Weighted mean of the available shares of the parties' collaboration: %(inputs)s. "
            "Each share is a count of records over a count of records; knowledge weighs half."
        )
        % {"inputs": "; ".join(str(measure.formula) for measure in health.MEASURES)},
        "overall": _(
            "The mean of the scores that have data. A part without data is left out of its "
            "score, and a score without data is shown as “no data”, never as zero."
        ),
    }


def _median_text(responsiveness: dict) -> str:
    days = responsiveness.get("median_days")
    if days is None:
        return ""
    if responsiveness.get("day_unit") == "working":
        return _("median answer time %(days)s working days") % {"days": _num(days)}
    return _("median answer time %(days)s calendar days") % {"days": _num(days)}


def _num(value) -> str:
    value = Decimal(str(value))
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value)


def input_sentences(inputs: dict) -> dict[str, list[str]]:
    """The actual inputs of each score, in words."""
    t = inputs.get("transparency", {})
    a = inputs.get("accountability", {})
    p = inputs.get("participation", {})
    r = inputs.get("responsiveness", {})
    e = inputs.get("effectiveness", {})
    responsiveness = [
        _("%(on_time)s of %(total)s complaints answered on time")
        % {"on_time": r.get("on_time", 0), "total": r.get("complaints", 0)}
    ]
    median_text = _median_text(r)
    if median_text:
        responsiveness.append(median_text)
    c = inputs.get("collaboration", {})
    return {
        "collaboration": [
            _("%(label)s: %(num)s of %(den)s")
            % {
                "label": measure.label,
                "num": c.get(measure.key, 0),
                "den": c.get(f"{measure.key}_of", 0),
            }
            for measure in health.MEASURES
        ],
        "transparency": [
            _("%(published)s of %(required)s required kinds of information are public")
            % {"published": t.get("published", 0), "required": t.get("required", 0)},
            _("%(on_time)s of %(required)s were public on time")
            % {"on_time": t.get("on_time", 0), "required": t.get("required", 0)},
        ],
        "accountability": [
            _("%(complete)s of %(total)s closed reporting periods fully verified")
            % {"complete": a.get("periods_complete", 0), "total": a.get("periods", 0)},
            _("%(reported)s of %(total)s budget lines with realisation reported")
            % {"reported": a.get("lines_reported", 0), "total": a.get("lines", 0)},
        ],
        "participation": [
            ngettext(
                "%(count)s consultation held",
                "%(count)s consultations held",
                p.get("consultations", 0),
            )
            % {"count": p.get("consultations", 0)},
            _("%(answered)s of %(total)s published comments answered")
            % {"answered": p.get("answered", 0), "total": p.get("comments", 0)},
            ngettext("%(people)s person involved", "%(people)s people involved", p.get("people", 0))
            % {"people": p.get("people", 0)},
        ],
        "responsiveness": responsiveness,
        "effectiveness": [
            _("%(on_track)s of %(total)s indicators on track")
            % {"on_track": e.get("on_track", 0), "total": e.get("indicators", 0)},
            _("%(met)s of %(total)s past targets met")
            % {"met": e.get("targets_met", 0), "total": e.get("targets", 0)},
        ],
    }


def _rows(scores: dict, inputs: dict) -> list[dict]:
    texts = formulas()
    sentences = input_sentences(inputs)
    return [
        {
            "key": dimension,
            "label": LABELS[dimension],
            "score": scores.get(dimension),
            "formula": texts[dimension],
            "inputs": sentences[dimension],
        }
        for dimension in DIMENSIONS
    ]


def _trend(rows: QuerySet[Score], current: tuple[int, dict] | None = None) -> list[dict]:
    years = {
        row["year"]: row for row in rows.order_by("year").values("year", "overall", *DIMENSIONS)
    }
    if current is not None:
        year, scores = current
        years[year] = {"year": year, **scores}
    return [years[year] for year in sorted(years)]


def _card(subject, kind: str, year: int, scores: dict, inputs: dict, trend, computed_at) -> dict:
    return {
        "subject": subject,
        "kind": kind,
        "year": year,
        "overall": scores.get("overall"),
        "overall_formula": formulas()["overall"],
        "dimensions": _rows(scores, inputs),
        "trend": trend,
        "dimension_labels": [(key, LABELS[key]) for key in ("overall", *DIMENSIONS)],
        "computed_at": computed_at,
        "agreements": inputs.get("agreements"),
    }


def agreement_scorecard(agreement: Agreement, year: int | None = None) -> dict:
    """One agreement's scorecard for a year (live), with its yearly trend."""
    year = year or timezone.localdate().year
    inputs = services.agreement_inputs([agreement.pk], year)[agreement.pk]
    scores = services.scores_from_inputs(inputs)
    stored = services.stored_inputs(inputs)
    trend = _trend(Score.objects.filter(agreement=agreement).exclude(year=year), (year, scores))
    return _card(agreement, "agreement", year, scores, stored, trend, timezone.now())


def region_scorecard(region: Region, year: int | None = None) -> dict:
    """A region's scorecard for a year: stored by the worker, else computed live."""
    year = year or timezone.localdate().year
    row = Score.objects.filter(region=region, year=year).first()
    if row is not None:
        scores = {field: getattr(row, field) for field in (*DIMENSIONS, "overall")}
        inputs, computed_at = row.inputs, row.computed_at
    else:
        ids = _region_ids_live(region, year)
        pooled = services.pool_inputs(services.agreement_inputs(ids, year).values())
        scores = services.scores_from_inputs(pooled)
        inputs = {**services.stored_inputs(pooled), "agreements": len(ids)}
        computed_at = timezone.now()
    current = (year, scores) if any(value is not None for value in scores.values()) else None
    trend = _trend(Score.objects.filter(region=region).exclude(year=year), current)
    return _card(region, "region", year, scores, inputs, trend, computed_at)


def _region_party(region: Region) -> QuerySet:
    """Agreement ids of which the region's government is a party."""
    return Party.objects.filter(
        organization__kind=Organization.Kind.REGIONAL_GOVERNMENT, organization__region=region
    ).values("agreement_id")


def _region_ids_live(region: Region, year: int) -> list[int]:
    return list(
        services.scored_agreements(year)
        .filter(pk__in=_region_party(region))
        .values_list("pk", flat=True)
    )


# --- the ranking -----------------------------------------------------------------------------


def ranking_years() -> list[int]:
    years = set(
        Score.objects.filter(region__isnull=False)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def ranking(
    *, year: int, province: Region | None = None, level: str = "", sort: str = "overall"
) -> QuerySet[Score]:
    """Region Score rows of a year, filtered and sorted (best first; no data last)."""
    rows = (
        Score.objects.filter(year=year, region__isnull=False)
        .select_related("region", "region__parent")
        .defer("region__boundary", "region__parent__boundary")
    )
    if province is not None:
        rows = rows.filter(Q(region=province) | Q(region__parent=province))
    if level == "province":
        rows = rows.filter(region__level=Region.Level.PROVINCE)
    elif level == "local":
        rows = rows.exclude(region__level=Region.Level.PROVINCE)
    if sort == "name":
        return rows.order_by("region__name", "region__code")
    sort = sort if sort in SORTS else "overall"
    return rows.order_by(F(sort).desc(nulls_last=True), "region__name", "region__code")


def region_agreement_scores(region: Region, year: int) -> list[Score]:
    """The stored scores of the region's public agreements for a year, best first."""
    return list(
        Score.objects.filter(
            year=year,
            agreement__in=public_agreements().filter(pk__in=_region_party(region)),
        )
        .select_related("agreement")
        .only("agreement__reference_code", "agreement__title", "year", "overall", *DIMENSIONS)
        .order_by(F("overall").desc(nulls_last=True), "agreement__reference_code")
    )


def region_trend(region: Region) -> list[dict]:
    return _trend(Score.objects.filter(region=region))
