from django.conf import settings
from django.http import HttpRequest

# The attribution the reference data's licence requires, shown under every map and on /tentang/.
DATA_ATTRIBUTION = (
    "Batas wilayah: Badan Informasi Geospasial, via cahyadsn/wilayah_boundaries (MIT); "
    "kode wilayah: Kepmendagri 300.2.2-2138/2025 via idn-area-data (ODbL); "
    "luas: BIG 2024; penduduk: Dukcapil Kemendagri Desember 2024."
)


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "DATA_ATTRIBUTION": DATA_ATTRIBUTION,
        "SIMPUL_PRODUCTION": settings.PRODUCTION,
    }
