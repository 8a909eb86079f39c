"""Who may open the potentials pages (see simpul/testing/matrix.py).

Kota Yogyakarta's records are read (drafts included) by its government's members (sari, wati,
tono, vina), its overseers (gita for DIY, hadi centrally) and rina; everyone else gets 404,
its agencies' staff (dewi, agus) and the joint secretariat (lina) included: the list is the
government's. Recording and publishing: the government's admin, coordinators, editors and
data officers (sari, wati, tono) and rina; the viewer and the overseers get 404. The partner
finder and a candidate follow reading. The reverse search shows only published potentials, to
everyone signed in.
"""

from simpul.potentials.models import Kind
from simpul.testing.matrix import LOGIN, Expect, signed_in

from .factories import record

READ = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 404,
    "gita": 200,
    "hadi": 200,
    "eko": 404,
    "rina": 200,
    "wati": 200,
    "tono": 200,
    "vina": 200,
    "yanto": 404,
    "lina": 404,
    "fitri": 404,
    "joko": 404,
    "agus": 404,
}
EDIT = {**READ, "sari": 302, "wati": 302, "tono": 302, "rina": 302, "vina": 404, "gita": 404}
EDIT["hadi"] = 404


def _yogyakarta(cast) -> dict:
    return {"code": cast.yogyakarta.code}


def _candidate(cast) -> dict:
    record(cast.yogyakarta, "landfill-capacity", Kind.PROBLEM)
    record(cast.sleman, "landfill-capacity", Kind.POTENTIAL)
    return {"code": cast.yogyakarta.code, "partner": cast.sleman.code}


def _record_data(cast) -> dict:
    from simpul.potentials.models import Term

    return {
        "term": Term.objects.get(code="raw-water").pk,
        "kind": Kind.PROBLEM,
        "source": "rpjmd",
        "year": 2025,
    }


EXPECTATIONS = {
    "potentials:region": Expect(statuses=READ, kwargs=_yogyakarta),
    "potentials:record-create": Expect(
        statuses=EDIT, kwargs=_yogyakarta, method="post", data=_record_data
    ),
    "potentials:publish": Expect(
        statuses=EDIT, kwargs=_yogyakarta, method="post", data=lambda cast: {"published": "1"}
    ),
    "potentials:finder": Expect(statuses=READ, kwargs=_yogyakarta, query="?urusan=environment"),
    "potentials:candidate": Expect(statuses=READ, kwargs=_candidate),
    "potentials:term-regions": Expect(
        statuses=signed_in(200), kwargs=lambda cast: {"term": "landfill-capacity"}
    ),
}
