"""Permission-matrix expectations of the public portal (see simpul/testing/matrix.py), merged
with the open data and API ones (permissions_opendata.py beside this file).

Everything under /publik/ is public: every member of the cast, anonymous or signed in, gets
the same answer. A public (active) agreement's page, files and region pages answer 200; an
internal (draft) agreement answers 404 for everyone, the same as an unknown code, so its
existence does not leak. The language switch answers with a redirect.
"""

from simpul.agreements.tests.factories import make_document_version
from simpul.testing.matrix import Expect, everyone

from .permissions_opendata import EXPECTATIONS as OPENDATA_EXPECTATIONS
from .test_pages_support import decide, make_done_report, public_agreement


def _public(cast) -> dict:
    return {"reference_code": public_agreement(cast).reference_code}


def _document(cast) -> dict:
    agreement = public_agreement(cast)
    version = make_document_version(agreement, "terms_of_reference")
    decide(agreement, "document", public=True, target_id=version.document_id)
    return {"reference_code": agreement.reference_code, "pk": version.document_id}


def _report(cast) -> dict:
    report = make_done_report(public_agreement(cast))
    return {"reference_code": report.agreement.reference_code, "pk": report.pk, "fmt": "pdf"}


EXPECTATIONS = {
    "portal:home": Expect(statuses=everyone(200)),
    "portal:map-data": Expect(statuses=everyone(200), query="?family=ksdd"),
    "portal:thematic-map": Expect(statuses=everyone(200), query="?layer=network&family=ksdd"),
    "portal:network": Expect(statuses=everyone(200), query="?province=34"),
    "portal:register": Expect(statuses=everyone(200), query="?q=sampah"),
    "portal:agreement": Expect(statuses=everyone(200), kwargs=_public),
    "portal:document-download": Expect(statuses=everyone(200), kwargs=_document),
    "portal:report-download": Expect(statuses=everyone(200), kwargs=_report),
    "portal:region": Expect(statuses=everyone(200), kwargs=lambda cast: {"code": "34.71"}),
    "portal:reports": Expect(statuses=everyone(200)),
    "portal:search": Expect(statuses=everyone(200), query="?q=sampah&kind=agreement"),
    "portal:language": Expect(
        statuses=everyone(302), kwargs=lambda cast: {"code": "en"}, query="?next=/publik/"
    ),
}
EXPECTATIONS.update(OPENDATA_EXPECTATIONS)
