"""Rows for the potentials tests: records against the vocabulary the migration loads."""

from simpul.regions.models import Region

from ..models import Kind, Record, Source, Term


def term(code: str = "landfill-capacity") -> Term:
    return Term.objects.select_related("affair").get(code=code)


def record(
    region: Region,
    code: str = "landfill-capacity",
    kind: str = Kind.POTENTIAL,
    *,
    published: bool = True,
    source: str = Source.RPJMD,
    year: int = 2025,
) -> Record:
    return Record.objects.create(
        region=region, term=term(code), kind=kind, source=source, year=year, is_published=published
    )
