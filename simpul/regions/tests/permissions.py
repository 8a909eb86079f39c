"""Who may open the regions pages: everyone, signed in or not (public reference data)."""

from simpul.testing.matrix import Expect, everyone

EXPECTATIONS = {
    "regions:region-list": Expect(statuses=everyone(200)),
    "regions:region-detail": Expect(
        statuses=everyone(200), kwargs=lambda cast: {"code": cast.yogyakarta.code}
    ),
    "regions:region-geojson": Expect(
        statuses=everyone(200), kwargs=lambda cast: {"code": cast.yogyakarta.code}
    ),
    "regions:base-layer": Expect(statuses=everyone(200), kwargs=lambda cast: {"level": "provinsi"}),
}
