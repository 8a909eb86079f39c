"""The open dataset of verified stakeholder contributions (`stakeholder-contributions`),
read through the one public gate (`publication.selectors.public_contributions`: verified
contributions of agreements whose "stakeholders" kind is public) and registered in
`opendata.DATASETS` like the others, so the CSV and JSON downloads, the data dictionary, the
ZIP bundle and the DCAT catalogue all come from this definition. Contact persons, evidence
files and unverified or rejected contributions are never in it."""

from datetime import datetime

from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from simpul.publication.selectors import public_contributions

from .opendata import Dataset, Field, agreement_url_pattern


def _contributions() -> QuerySet:
    return public_contributions().order_by("stakeholder__agreement_id", "year", "pk")


def _convert(chunk: list[tuple]) -> list[tuple]:
    url = agreement_url_pattern()
    return [(*row, url.format(row[0])) for row in chunk]


def contributions_last_updated() -> datetime | None:
    return _contributions().aggregate(m=Max("updated_at"))["m"]


STAKEHOLDER_CONTRIBUTIONS = Dataset(
    name="stakeholder-contributions",
    title=_("Stakeholder contributions to regional cooperation"),
    description=_(
        "Funding, technology, labour, land and other resources that NGOs, businesses, "
        "universities, communities, media and donors contribute to public cooperation "
        "agreements, as verified by the agreement's coordinator: who, what kind, the value in "
        "rupiah, the year and the source (e.g. CSR, grant). Contact persons and contributions "
        "not verified are not included."
    ),
    fields=(
        Field("agreement", "string", _("Reference code of the agreement"), "KSD-2025-00001"),
        Field("stakeholder", "string", _("Name of the stakeholder"), "PT Bank BPD DIY"),
        Field(
            "stakeholder_kind",
            "string",
            _("ngo, private, university, community, media, donor or government"),
            "private",
        ),  # fmt: skip
        Field("kind", "string", _("funding, technology, labour, land or other"), "funding"),
        Field("description", "string", _("What is contributed"), "Dana CSR bank sampah"),
        Field("year", "integer", _("Year of the contribution"), "2026"),
        Field("value", "number", _("Value in rupiah"), "250000000.00"),
        Field("source", "string", _("Source of the contribution"), "CSR"),
        Field("agreement_url", "string", _("The agreement's public page"), "https://…"),
    ),
    queryset=_contributions,
    columns=(
        "stakeholder__agreement__reference_code",
        "stakeholder__name",
        "stakeholder__kind",
        "kind",
        "description",
        "year",
        "value",
        "source",
    ),
    convert=_convert,
    keywords=("pemangku kepentingan", "CSR", "kontribusi", "stakeholders", "contributions"),
)
