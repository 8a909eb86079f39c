"""Background work of the portal: the bulk ZIP of every open dataset (daily, see apps.py)."""

from django_tasks import task


@task()
def open_data_bundle_build() -> dict:
    """Write MEDIA_ROOT/opendata/simpul-data-terbuka.zip: every dataset in CSV and JSON (and
    GeoJSON where it applies), the data dictionary, the licences and a README. Written to a
    temporary file and moved into place, so a download never sees half a bundle; running it
    again just replaces the bundle (idempotent)."""
    from django.core.cache import cache

    from .opendata import BUNDLE_PENDING_KEY, bundle_build

    path = bundle_build()
    cache.delete(BUNDLE_PENDING_KEY)
    return {"path": str(path), "size": path.stat().st_size}
