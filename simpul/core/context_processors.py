from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

# The attribution the reference data's licence requires, shown under every map and on /tentang/.
# Translated like every other text; the open-data licence files keep the Indonesian original.
DATA_ATTRIBUTION = gettext_lazy(
    "Boundaries: Badan Informasi Geospasial, via cahyadsn/wilayah_boundaries (MIT); "
    "region codes: Kepmendagri 300.2.2-2138/2025 via idn-area-data (ODbL); "
    "area: BIG 2024; population: Dukcapil Kemendagri, December 2024."
)


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "DATA_ATTRIBUTION": DATA_ATTRIBUTION,
        "SIMPUL_PRODUCTION": settings.PRODUCTION,
    }
