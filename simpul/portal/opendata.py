"""Open data: one definition per dataset, shared by the CSV/JSON/GeoJSON downloads, the REST
API, the data dictionary, the bulk ZIP and the DCAT catalogue.

Everything is read through `simpul.publication.selectors`, the one public gate: agreements
from `public_agreements()`, parties and affairs only where those kinds are public, indicators
and their verified values only where "indicators" is public, budget lines only where "budget"
is public, and then those of the latest approved plan version (never a draft revision's).
Regions are reference data and always public (with their own licence).

Writers stream with constant memory: rows come from `.values_list(...).iterator(chunk_size)`
(the agreements download merges three ordered queries as they stream: agreements, their public
parties, their public affairs; an API page adds its parties and affairs with two queries), CSV
cells go through `safe_cell` (a title starting with = + - @ never becomes a formula), and
output is produced in blocks of rows, never as a list of all rows.

Stable identifiers: an agreement is its `reference_code` (KSD-2024-00001); an indicator is
`<reference_code>/IND-<number>` (the number never changes, even when the indicator's code or
name is edited); a region is its current Kemendagri code.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import islice

from django.conf import settings
from django.db.models import CharField, Max, QuerySet, Sum
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Party
from simpul.core.exports import safe_cell
from simpul.monitoring.models import DataValue, Indicator, Submission
from simpul.plans.models import ApprovedBudgetLine
from simpul.publication.kinds import InfoKind
from simpul.publication.selectors import agreements_with_public, public_agreements
from simpul.regions.models import Region

CHUNK = 2000
# Regions carry their boundary (up to ~100 kB each): fetch few at a time.
GEO_CHUNK = 50
CSV_LIST_SEPARATOR = "; "

CC_BY = {
    "id": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "Simpul — platform kerja sama daerah",
}
ODBL = {
    "id": "ODbL-1.0",
    "title": "Open Data Commons Open Database License 1.0 (ODbL)",
    "url": "https://opendatacommons.org/licenses/odbl/1-0/",
    "attribution": (
        "Batas wilayah: Badan Informasi Geospasial, via cahyadsn/wilayah_boundaries (MIT); "
        "kode wilayah: Kepmendagri 300.2.2-2138/2025 via idn-area-data (ODbL); "
        "luas: BIG 2024; penduduk: Dukcapil Kemendagri Desember 2024."
    ),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, date, integer, number, array
    description: object  # lazy text
    example: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object
    description: object
    fields: tuple[Field, ...]
    queryset: Callable[[], QuerySet]  # the public rows, ordered, as model instances' queryset
    columns: tuple[str, ...]  # values_list lookups
    # A chunk of values rows -> output rows; most datasets write the rows as they come.
    convert: Callable[[list[tuple]], list[tuple]] = list
    license: dict = field(default_factory=lambda: CC_BY)
    keywords: tuple[str, ...] = ()
    geojson: bool = False
    chunk: int = CHUNK
    # A whole-dataset generator (queryset or None -> output rows) when merging beats chunks.
    stream: Callable[[QuerySet | None], Iterator[tuple]] | None = None

    @property
    def formats(self) -> tuple[str, ...]:
        return ("csv", "json", "geojson") if self.geojson else ("csv", "json")

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def values(self, queryset: QuerySet | None = None) -> QuerySet:
        qs = self.queryset() if queryset is None else queryset
        return qs.values_list(*self.columns)

    def rows(self, queryset: QuerySet | None = None) -> Iterator[tuple]:
        """Every public row, streamed: constant memory, a fixed number of queries."""
        if self.stream is not None:
            yield from self.stream(queryset)
            return
        iterator = self.values(queryset).iterator(chunk_size=self.chunk)
        while chunk := list(islice(iterator, self.chunk)):
            yield from self.convert(chunk)

    def page_rows(self, queryset: QuerySet) -> list[tuple]:
        """The output rows of one (sliced) page of the queryset, for the API."""
        return self.convert(list(self.values(queryset)))

    def record(self, row: tuple) -> dict:
        return dict(zip(self.field_names, row, strict=True))

    def count(self) -> int:
        return self.queryset().count()

    def last_updated(self) -> datetime | None:
        return _LAST_UPDATED[self.name]()


# --- URLs ------------------------------------------------------------------------------------


def agreement_url_pattern() -> str:
    """The public page's absolute URL with a {} for the code, reversed once (not per row)."""
    try:
        path = reverse("portal:agreement", kwargs={"reference_code": "~"})
        return settings.SITE_URL + path.replace("~", "{}")
    except NoReverseMatch:
        return settings.SITE_URL + "/publik/kerja-sama/{}/"


def indicator_id(reference_code: str, pk: int) -> str:
    return f"{reference_code}/IND-{pk}"


# --- Agreements ------------------------------------------------------------------------------


def _agreements() -> QuerySet:
    return public_agreements().order_by("pk")


def _agreements_convert(chunk: list[tuple]) -> list[tuple]:
    """Add each agreement's affair codes and party names (when those kinds are public): two
    queries per chunk, bounded by the chunk's id range."""
    if not chunk:
        return []
    low, high = chunk[0][0], chunk[-1][0]
    parties: dict[int, list[str]] = {}
    with_parties = agreements_with_public(InfoKind.PARTIES).filter(pk__gte=low, pk__lte=high)
    for agreement_id, name in (
        Party.objects.filter(agreement__in=with_parties)
        .order_by("agreement_id", "position", "pk")
        .values_list("agreement_id", "organization__name")
    ):
        parties.setdefault(agreement_id, []).append(name)
    affairs: dict[int, list[str]] = {}
    with_affairs = agreements_with_public(InfoKind.AFFAIRS).filter(pk__gte=low, pk__lte=high)
    through = Agreement.affairs.through
    for agreement_id, code in (
        through.objects.filter(agreement__in=with_affairs)
        .order_by("agreement_id", "governmentaffair__position")
        .values_list("agreement_id", "governmentaffair__code")
    ):
        affairs.setdefault(agreement_id, []).append(code)
    url = agreement_url_pattern()
    return [
        (
            code,
            title,
            family,
            category,
            state,
            start,
            end,
            affairs.get(pk, []),
            parties.get(pk, []),
            url.format(code),
        )
        for pk, code, title, family, category, state, start, end in chunk
    ]


def _agreements_stream(queryset: QuerySet | None) -> Iterator[tuple]:
    """The whole (filtered) list in three queries however long it is: the agreements, their
    public parties and their public affairs, each ordered by agreement and merged as they
    stream (constant memory; no query per chunk)."""
    base = _agreements() if queryset is None else queryset
    parties_qs = Party.objects.filter(agreement__in=agreements_with_public(InfoKind.PARTIES))
    affairs_qs = Agreement.affairs.through.objects.filter(
        agreement__in=agreements_with_public(InfoKind.AFFAIRS)
    )
    if queryset is not None:
        parties_qs = parties_qs.filter(agreement__in=queryset.values("pk"))
        affairs_qs = affairs_qs.filter(agreement__in=queryset.values("pk"))
    # Dates as ISO text straight from the database: the same value every writer would produce,
    # without converting each to a date object and back.
    rows = (
        base.annotate(
            start_text=Cast("start_date", output_field=CharField()),
            end_text=Cast("end_date", output_field=CharField()),
        )
        .values_list(*AGREEMENTS.columns[:6], "start_text", "end_text")
        .iterator(chunk_size=CHUNK)
    )
    parties = (
        parties_qs.order_by("agreement_id", "position", "pk")
        .values_list("agreement_id", "organization__name")
        .iterator(chunk_size=CHUNK)
    )
    affairs = (
        affairs_qs.order_by("agreement_id", "governmentaffair__position")
        .values_list("agreement_id", "governmentaffair__code")
        .iterator(chunk_size=CHUNK)
    )
    end_of_rows = (float("inf"), None)
    party_id, party_name = next(parties, end_of_rows)
    affair_id, affair_code = next(affairs, end_of_rows)
    url = agreement_url_pattern()
    for pk, code, title, family, category, state, start, end in rows:
        names = []
        while party_id <= pk:
            if party_id == pk:
                names.append(party_name)
            party_id, party_name = next(parties, end_of_rows)
        codes = []
        while affair_id <= pk:
            if affair_id == pk:
                codes.append(affair_code)
            affair_id, affair_code = next(affairs, end_of_rows)
        yield (code, title, family, category, state, start, end, codes, names, url.format(code))


AGREEMENTS = Dataset(
    name="agreements",
    title=_("Cooperation agreements"),
    description=_(
        "Every public regional cooperation agreement (kerja sama daerah): its code, title, "
        "family, stage, dates, government affairs and parties."
    ),
    fields=(
        Field(
            "id", "string", _("Stable identifier: the agreement's reference code"), "KSD-2024-00001"
        ),
        Field("title", "string", _("Title of the agreement"), "Pengelolaan sampah regional"),
        Field(
            "family",
            "string",
            _(
                "Family: ksdd (between regions), ksdpk (third party), ksdpl (foreign local "
                "government), ksdll (foreign institution), sinergi (central synergy)"
            ),
            "ksdd",
        ),
        Field(
            "category", "string", _("For KSDD: wajib (mandatory) or sukarela (voluntary)"), "wajib"
        ),
        Field("stage", "string", _("Current stage code (e.g. active, expired)"), "active"),
        Field("start_date", "date", _("Start date (ISO 8601), empty when unknown"), "2025-01-01"),
        Field("end_date", "date", _("End date (ISO 8601), empty when unknown"), "2029-12-31"),
        Field(
            "affairs",
            "array",
            _("Codes of the government affairs (urusan); in CSV separated by '; '"),
            "environment; public_works_spatial_planning",
        ),
        Field(
            "parties",
            "array",
            _("Names of the parties, in order; in CSV separated by '; '"),
            "Pemerintah Kota Yogyakarta; Pemerintah Kabupaten Sleman",
        ),
        Field(
            "url",
            "string",
            _("The agreement's public page"),
            "https://simpul.example/publik/kerja-sama/KSD-2024-00001/",
        ),
    ),
    queryset=_agreements,
    columns=(
        "pk",
        "reference_code",
        "title",
        "family",
        "category",
        "state",
        "start_date",
        "end_date",
    ),
    convert=_agreements_convert,
    stream=lambda queryset: _agreements_stream(queryset),
    keywords=("kerja sama daerah", "KSD", "perjanjian kerja sama", "cooperation"),
)


# --- Parties ---------------------------------------------------------------------------------


def _parties() -> QuerySet:
    return Party.objects.filter(agreement__in=agreements_with_public(InfoKind.PARTIES)).order_by(
        "agreement_id", "position", "pk"
    )


PARTIES = Dataset(
    name="parties",
    title=_("Parties to cooperation agreements"),
    description=_(
        "One row per party of a public agreement: the organisation, its kind, its region and "
        "its role. The GeoJSON places each party at its region's representative point."
    ),
    fields=(
        Field("id", "integer", _("Number of this party row (stable)"), "412"),
        Field("agreement", "string", _("Reference code of the agreement"), "KSD-2024-00001"),
        Field(
            "organization", "string", _("Name of the organisation"), "Pemerintah Kota Yogyakarta"
        ),
        Field(
            "organization_kind",
            "string",
            _("Kind of organisation (regional_government, ngo, business, …)"),
            "regional_government",
        ),
        Field("region_code", "string", _("Kemendagri code of its region, if any"), "34.71"),
        Field("region_name", "string", _("Name of its region, if any"), "Kota Yogyakarta"),
        Field("role", "string", _("Role: initiator, party, third_party, …"), "initiator"),
        Field("position", "integer", _("Order of the party in the agreement"), "0"),
        Field("latitude", "number", _("Representative point of the region (WGS84)"), "-7.80139"),
        Field("longitude", "number", _("Representative point of the region (WGS84)"), "110.37512"),
    ),
    queryset=_parties,
    columns=(
        "pk",
        "agreement__reference_code",
        "organization__name",
        "organization__kind",
        "organization__region__code",
        "organization__region__name",
        "role",
        "position",
        "organization__region__latitude",
        "organization__region__longitude",
    ),
    keywords=("para pihak", "parties", "pemerintah daerah"),
    geojson=True,
)


# --- Indicators ------------------------------------------------------------------------------


def _indicators() -> QuerySet:
    return Indicator.objects.filter(
        agreement__in=agreements_with_public(InfoKind.INDICATORS)
    ).order_by("agreement_id", "position", "code", "pk")


def _indicators_convert(chunk: list[tuple]) -> list[tuple]:
    return [(indicator_id(row[1], row[0]), *row[1:]) for row in chunk]


INDICATORS = Dataset(
    name="indicators",
    title=_("Indicators and their progress"),
    description=_(
        "The indicators of public agreements, with baseline, the latest verified value, its "
        "target, progress and status (computed from verified data only)."
    ),
    fields=(
        Field(
            "id",
            "string",
            _("Stable identifier: <agreement code>/IND-<number>; never reused"),
            "KSD-2024-00001/IND-17",
        ),
        Field("agreement", "string", _("Reference code of the agreement"), "KSD-2024-00001"),
        Field("code", "string", _("The indicator's code within its agreement"), "K1"),
        Field("name", "string", _("The indicator"), "Sampah terangkut"),
        Field("unit", "string", _("Unit of measure"), "ton/hari"),
        Field("kind", "string", _("number, percentage, boolean or qualitative"), "number"),
        Field("direction", "string", _("higher or lower (which is better)"), "higher"),
        Field("frequency", "string", _("How often it is measured"), "quarterly"),
        Field("baseline_value", "number", _("Baseline value"), "120"),
        Field("baseline_date", "date", _("Date of the baseline"), "2024-12-31"),
        Field("latest_value", "number", _("Latest verified value"), "150"),
        Field("latest_target", "number", _("Target for the latest period with data"), "160"),
        Field("latest_period_end", "date", _("End of the latest period with data"), "2026-03-31"),
        Field("progress", "number", _("Progress towards the target, in percent"), "75.0"),
        Field("status", "string", _("no_data, on_track, at_risk or off_track"), "on_track"),
    ),
    queryset=_indicators,
    columns=(
        "pk",
        "agreement__reference_code",
        "code",
        "name",
        "unit",
        "kind",
        "direction",
        "frequency",
        "baseline_value",
        "baseline_date",
        "latest_value",
        "latest_target",
        "latest_period_end",
        "progress",
        "status",
    ),
    convert=_indicators_convert,
    keywords=("indikator", "indicators", "monitoring", "pemantauan"),
)


def _values() -> QuerySet:
    return DataValue.objects.filter(
        submission__status=Submission.Status.VERIFIED,
        indicator__agreement__in=agreements_with_public(InfoKind.INDICATORS),
    ).order_by("indicator_id", "submission__period__start", "submission__party__position", "pk")


def _values_convert(chunk: list[tuple]) -> list[tuple]:
    return [(indicator_id(row[1], row[0]), *row[1:]) for row in chunk]


INDICATOR_VALUES = Dataset(
    name="indicator-values",
    title=_("Verified indicator values"),
    description=_(
        "Every verified value reported by a party for an indicator of a public agreement, per "
        "reporting period. Drafts, unverified and returned data are never published."
    ),
    fields=(
        Field("indicator", "string", _("Identifier of the indicator"), "KSD-2024-00001/IND-17"),
        Field("agreement", "string", _("Reference code of the agreement"), "KSD-2024-00001"),
        Field("period_start", "date", _("First day of the reporting period"), "2026-01-01"),
        Field("period_end", "date", _("Last day of the reporting period"), "2026-03-31"),
        Field("party", "string", _("The party that reported"), "Pemerintah Kota Yogyakarta"),
        Field(
            "disaggregation",
            "string",
            _("Code of the disaggregation option; empty for the party's total"),
            "female",
        ),
        Field("value", "number", _("The value"), "42.5"),
        Field("text", "string", _("Qualitative finding, if any"), ""),
    ),
    queryset=_values,
    columns=(
        "indicator_id",
        "indicator__agreement__reference_code",
        "submission__period__start",
        "submission__period__end",
        "submission__party__organization__name",
        "option__code",
        "value",
        "text",
    ),
    convert=_values_convert,
    keywords=("data capaian", "indicator values", "realisasi"),
)


# --- Budgets ---------------------------------------------------------------------------------


def _budgets() -> QuerySet:
    # The latest approved plan version's lines: a revision being drafted is never public.
    return (
        ApprovedBudgetLine.objects.filter(
            plan__agreement__in=agreements_with_public(InfoKind.BUDGET)
        )
        .values(
            "plan__agreement_id",
            "plan__agreement__reference_code",
            "party__position",
            "party_id",
            "party_name",
            "fiscal_year",
            "funding_source",
        )
        .annotate(planned_sum=Sum("planned"), realised_sum=Sum("realised"))
        .order_by(
            "plan__agreement_id", "party__position", "party_id", "fiscal_year", "funding_source"
        )
    )


BUDGETS = Dataset(
    name="budgets",
    title=_("Budgets planned and realised"),
    description=_(
        "The budget of public agreements' approved cooperation plans (the latest approved "
        "version), summed per party, fiscal year and funding source: planned and realised, "
        "in rupiah."
    ),
    fields=(
        Field("agreement", "string", _("Reference code of the agreement"), "KSD-2024-00001"),
        Field("party", "string", _("The party that funds it"), "Pemerintah Kota Yogyakarta"),
        Field("fiscal_year", "integer", _("Fiscal year"), "2026"),
        Field("funding_source", "string", _("Funding source (apbd, apbn, …)"), "apbd"),
        Field("planned", "number", _("Planned, in rupiah"), "1000000000"),
        Field("realised", "number", _("Realised, in rupiah"), "400000000"),
    ),
    queryset=_budgets,
    columns=(
        "plan__agreement__reference_code",
        "party_name",
        "fiscal_year",
        "funding_source",
        "planned_sum",
        "realised_sum",
    ),
    keywords=("anggaran", "budget", "APBD"),
)


# --- Regions ---------------------------------------------------------------------------------


def _regions() -> QuerySet:
    return Region.objects.current().order_by("code")


REGIONS = Dataset(
    name="regions",
    title=_("Regions of Indonesia"),
    description=_(
        "Provinces, regencies and cities with their Kemendagri codes, population, area and a "
        "representative point; the GeoJSON adds simplified boundaries. Reference data with its "
        "own licence and attribution."
    ),
    fields=(
        Field("code", "string", _("Current Kemendagri code (stable identifier)"), "34.71"),
        Field("name", "string", _("Official name"), "Kota Yogyakarta"),
        Field("level", "string", _("province, regency or city"), "city"),
        Field("parent_code", "string", _("Code of the province (empty for provinces)"), "34"),
        Field("timezone", "string", _("IANA time zone"), "Asia/Jakarta"),
        Field("latitude", "number", _("Representative point (WGS84)"), "-7.80139"),
        Field("longitude", "number", _("Representative point (WGS84)"), "110.37512"),
        Field("population", "integer", _("Registered population (Dukcapil, Dec 2024)"), "414055"),
        Field("area_km2", "number", _("Official area in km² (BIG 2024)"), "32.5"),
    ),
    queryset=_regions,
    columns=(
        "code",
        "name",
        "level",
        "parent__code",
        "timezone",
        "latitude",
        "longitude",
        "population",
        "area_km2",
    ),
    license=ODBL,
    keywords=("wilayah", "regions", "kode wilayah", "batas wilayah"),
    geojson=True,
)

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (AGREEMENTS, PARTIES, INDICATORS, INDICATOR_VALUES, BUDGETS, REGIONS)
}

_LAST_UPDATED: dict[str, Callable[[], datetime | None]] = {
    "agreements": lambda: _agreements().aggregate(m=Max("updated_at"))["m"],
    "parties": lambda: _parties().aggregate(m=Max("updated_at"))["m"],
    "indicators": lambda: _indicators().aggregate(m=Max("updated_at"))["m"],
    "indicator-values": lambda: _values().aggregate(m=Max("updated_at"))["m"],
    "budgets": lambda: ApprovedBudgetLine.objects.filter(
        plan__agreement__in=agreements_with_public(InfoKind.BUDGET)
    ).aggregate(m=Max("approved_at"))["m"],
    "regions": lambda: _regions().aggregate(m=Max("updated_at"))["m"],
}


# Knowledge items, defined beside their gate's other readers (opendata_knowledge.py); it
# imports this module's Dataset, so it is registered once they exist.
from .opendata_knowledge import (  # noqa: E402
    ADOPTIONS,
    KNOWLEDGE,
    adoptions_last_updated,
    knowledge_last_updated,
)

DATASETS[KNOWLEDGE.name] = KNOWLEDGE
_LAST_UPDATED[KNOWLEDGE.name] = knowledge_last_updated
DATASETS[ADOPTIONS.name] = ADOPTIONS
_LAST_UPDATED[ADOPTIONS.name] = adoptions_last_updated

from .opendata_stakeholders import (  # noqa: E402
    STAKEHOLDER_CONTRIBUTIONS,
    contributions_last_updated,
)

DATASETS[STAKEHOLDER_CONTRIBUTIONS.name] = STAKEHOLDER_CONTRIBUTIONS
_LAST_UPDATED[STAKEHOLDER_CONTRIBUTIONS.name] = contributions_last_updated


def get(name: str) -> Dataset | None:
    return DATASETS.get(name)


# --- Writers ---------------------------------------------------------------------------------


# A text cell is changed by safe_cell only when it starts with one of these; every other
# value is written by the csv module exactly as safe_cell would give it (None as an empty
# cell, dates in ISO 8601, numbers as they are), so only those cells pay for the call.
_FORMULA_FIRST = frozenset("=+-@\t\r")


def _csv_value(value):
    kind = value.__class__
    if kind is list:
        value = CSV_LIST_SEPARATOR.join(value)
        kind = str
    if kind is str:
        return safe_cell(value) if value[:1] in _FORMULA_FIRST else value
    if kind is bool:
        return safe_cell(value)
    return value


def csv_chunks(dataset: Dataset, rows: Iterable[tuple] | None = None) -> Iterator[str]:
    """The CSV text in blocks: a header row, then the rows, every cell through safe_cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(dataset.field_names)
    iterator = iter(dataset.rows() if rows is None else rows)
    first = _FORMULA_FIRST
    while chunk := list(islice(iterator, CHUNK)):
        # Inlined for speed: plain text that cannot start a formula, numbers, dates and None
        # are written as they are; everything else goes through _csv_value (safe_cell).
        writer.writerows(
            [
                v if (v.__class__ is str and v[:1] not in first) or v is None else _csv_value(v)
                for v in row
            ]
            for row in chunk
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, default=json_value, separators=(",", ":"))


def _meta(dataset: Dataset) -> dict:
    return {
        "dataset": dataset.name,
        "title": str(dataset.title),
        "license": dataset.license["url"],
        "attribution": dataset.license["attribution"],
        "dictionary": settings.SITE_URL + reverse("opendata:dictionary"),
    }


def json_chunks(dataset: Dataset, queryset: QuerySet | None = None) -> Iterator[str]:
    """{"dataset": …, "license": …, "data": [ {…}, … ]}, streamed in blocks of rows."""
    head = _dumps(_meta(dataset))
    yield head[:-1] + ',"data":['
    names = dataset.field_names
    first = True
    iterator = dataset.rows(queryset)
    while chunk := list(islice(iterator, CHUNK)):
        text = ",".join(_dumps(dict(zip(names, row, strict=True))) for row in chunk)
        yield text if first else "," + text
        first = False
    yield "]}"


def _point(latitude, longitude) -> dict | None:
    if latitude is None or longitude is None:
        return None
    return {"type": "Point", "coordinates": [float(longitude), float(latitude)]}


def geojson_chunks(dataset: Dataset, queryset: QuerySet | None = None) -> Iterator[str]:
    """An RFC 7946 FeatureCollection. Regions carry their boundary (a point when a region has
    none); parties sit at their region's representative point (null geometry without one)."""
    if not dataset.geojson:
        raise ValueError(f"{dataset.name} has no GeoJSON form")
    meta = _meta(dataset)
    yield '{"type":"FeatureCollection",' + _dumps(meta)[1:-1] + ',"features":['
    names = dataset.field_names
    first = True
    if dataset is REGIONS:
        iterator = (
            (_regions() if queryset is None else queryset)
            .values_list(*REGIONS.columns, "boundary")
            .iterator(chunk_size=GEO_CHUNK)
        )

        def features(chunk):
            for *row, boundary in chunk:
                properties = dict(zip(names, row, strict=True))
                geometry = boundary or _point(properties["latitude"], properties["longitude"])
                yield {
                    "type": "Feature",
                    "id": properties["code"],
                    "geometry": geometry,
                    "properties": properties,
                }

        size = GEO_CHUNK
    else:
        iterator = dataset.rows(queryset)

        def features(chunk):
            for row in chunk:
                properties = dict(zip(names, row, strict=True))
                geometry = _point(properties.get("latitude"), properties.get("longitude"))
                yield {"type": "Feature", "geometry": geometry, "properties": properties}

        size = CHUNK
    while chunk := list(islice(iterator, size)):
        text = ",".join(_dumps(feature) for feature in features(chunk))
        yield text if first else "," + text
        first = False
    yield "]}"


WRITERS = {"csv": csv_chunks, "json": json_chunks, "geojson": geojson_chunks}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}


def encoded(chunks: Iterable[str]) -> Iterator[bytes]:
    for text in chunks:
        if text:
            yield text.encode("utf-8")


# --- The data dictionary -----------------------------------------------------------------------


def dictionary() -> dict:
    """Every dataset and field: name, type, description, example; plus formats and licence."""
    return {
        "title": "Simpul — kamus data terbuka",
        "datasets": [
            {
                "name": d.name,
                "title": str(d.title),
                "description": str(d.description),
                "formats": list(d.formats),
                "license": d.license["url"],
                "attribution": d.license["attribution"],
                "fields": [
                    {
                        "name": f.name,
                        "type": f.type,
                        "description": str(f.description),
                        "example": f.example,
                    }
                    for f in d.fields
                ],
            }
            for d in DATASETS.values()
        ],
    }


# --- The bulk ZIP ------------------------------------------------------------------------------

BUNDLE_NAME = "simpul-data-terbuka.zip"
# Set while a build is queued, so a rush of first visitors enqueues it once.
BUNDLE_PENDING_KEY = "opendata:bundle-pending"

README = """Simpul — data terbuka kerja sama daerah / open data on regional cooperation
==========================================================================

Dibuat / generated: {generated}
Sumber / source: {site}/data/

Isi / contents
--------------
{files}

kamus-data.json  kamus data: setiap kolom (nama, tipe, keterangan, contoh) /
                 the data dictionary: every field (name, type, description, example)
LICENSE.txt      lisensi / licences

Pengenal tetap / stable identifiers: perjanjian = kode referensi (KSD-2024-00001);
indikator = <kode perjanjian>/IND-<nomor>; wilayah = kode Kemendagri (34.71).
API: {site}/api/v1/  (OpenAPI: {site}/api/v1/openapi.json)
Katalog DCAT (JSON-LD): {site}/data/katalog.jsonld
"""

LICENSE_TEXT = """Lisensi / licences
==================

Data Simpul sendiri (agreements, parties, indicators, indicator-values, budgets):
Simpul's own data: {cc_title}
{cc_url}
Atribusi / attribution: "{cc_attribution}"

Data rujukan wilayah (regions): {odbl_title}
Reference data on regions keeps its source licence:
{odbl_url}
Atribusi / attribution: {odbl_attribution}
The MIT notices of the boundary sources: "Copyright (c) 2024 Cahya DSN" (wilayah_boundaries),
"Copyright (c) 2017-2025 Cahya DSN" (wilayah).
"""


def bundle_dir():
    from pathlib import Path

    return Path(settings.MEDIA_ROOT) / "opendata"


def bundle_path():
    return bundle_dir() / BUNDLE_NAME


def bundle_build():
    """Write the ZIP to a temporary file beside the bundle, then move it into place."""
    import os
    import tempfile
    import zipfile

    from django.utils import timezone

    directory = bundle_dir()
    directory.mkdir(parents=True, exist_ok=True)
    names = []
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".bundle-", suffix=".zip")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for dataset in DATASETS.values():
                for fmt in dataset.formats:
                    name = f"{dataset.name}.{fmt}"
                    names.append(name)
                    with archive.open(name, "w", force_zip64=True) as member:
                        for block in encoded(WRITERS[fmt](dataset)):
                            member.write(block)
            archive.writestr("kamus-data.json", _dumps(dictionary()))
            archive.writestr(
                "LICENSE.txt",
                LICENSE_TEXT.format(
                    cc_title=CC_BY["title"],
                    cc_url=CC_BY["url"],
                    cc_attribution=CC_BY["attribution"],
                    odbl_title=ODBL["title"],
                    odbl_url=ODBL["url"],
                    odbl_attribution=ODBL["attribution"],
                ),
            )
            archive.writestr(
                "README.txt",
                README.format(
                    generated=timezone.now().isoformat(timespec="seconds"),
                    site=settings.SITE_URL,
                    files="\n".join(names),
                ),
            )
        os.chmod(temporary, 0o644)
        os.replace(temporary, bundle_path())
    except BaseException:
        os.unlink(temporary)
        raise
    return bundle_path()
