"""The thematic map's national regency layer (issue 16, item 2) within 500 kB gzip: the
shared base layer's boundaries (each shared border once, cached a day) plus one value and
one line per region, instead of each region's own boundary in every answer."""

import gzip
import json

from django.core.serializers.json import DjangoJSONEncoder

from simpul.portal.thematic import Layer
from simpul.regions import basemap

from .test_basemap import reference_names

THEMATIC_BUDGET_GZIP_BYTES = 500_000


def test_the_national_thematic_layer_with_a_value_for_every_regency_stays_within_500_kb_gzip():
    codes = sorted(reference_names("regency"))
    rows = [
        {"code": code, "name": code, "value": 100 + i, "url": ""} for i, code in enumerate(codes)
    ]
    # A dense network too: every regency linked to its next 10.
    lines = [
        {
            "from": [110.0 + i / 100, -7.0],
            "to": [112.0, -7.0 + j / 100],
            "count": 3,
            "name": "x" * 40,
        }
        for i in range(len(codes))
        for j in range(10)
    ]
    values = Layer("agreements", "", rows=rows, lines=lines).payload()
    values_gzip = gzip.compress(json.dumps(values, cls=DjangoJSONEncoder).encode())

    boundaries = basemap.base_layer(basemap.REGENCIES).gzipped

    assert len(values["values"]) == 514
    assert len(boundaries) + len(values_gzip) <= THEMATIC_BUDGET_GZIP_BYTES
