"""Writes of potentials and problems: recording one, publishing or withdrawing a region's."""

from django.db import transaction

from simpul.core import public_cache
from simpul.regions.models import Region

from .models import Record, Term


@transaction.atomic
def record_create(
    *,
    user,
    region: Region,
    term: Term,
    kind: str,
    source: str,
    year: int,
    evidence=None,
    evidence_url: str = "",
    note: str = "",
) -> Record:
    record = Record(
        region=region,
        term=term,
        kind=kind,
        source=source,
        year=year,
        evidence_url=evidence_url,
        note=note,
        created_by=user,
    )
    if evidence:
        record.evidence = evidence
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def region_records_publish(*, region: Region, published: bool) -> int:
    """Publish (or withdraw) all of a region's records at once: the region publishes its list."""
    changed = Record.objects.filter(region=region).exclude(is_published=published)
    count = 0
    for record in changed.select_for_update():
        record.is_published = published
        record.save(update_fields=["is_published", "updated_at"])
        count += 1
    if count:
        public_cache.bump()
    return count
