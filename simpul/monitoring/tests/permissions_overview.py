"""Who may open the monitoring overview (see simpul/testing/matrix.py).

/pemantauan/ is for every signed-in user: what it counts depends on who they are (national,
province, region or their own agreements; test_dashboards checks the scopes). A region's
page (here Kota Yogyakarta) is for its overseers (Gita for DIY, Hadi for Kemendagri, Rina)
and the members of its government side (Sari at Pemkot Yogyakarta, Dewi at its environment
agency); Budi (Semarang) and Eko (an NGO, in Sleman) get 404.
"""

from simpul.testing.matrix import LOGIN, Expect, signed_in

REGION = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 200,
    "gita": 200,
    "hadi": 200,
    "eko": 404,
    "rina": 200,
    "wati": 200,  # Pemkot Yogyakarta
    "tono": 200,
    "vina": 200,
    "yanto": 404,  # Pemkab Sleman: another region's government
    "lina": 404,  # the joint secretariat is not the region's government side
    "fitri": 404,  # the province's bureau: an agency, not the overseeing government
    "joko": 404,
    "agus": 200,  # DLH, an agency of Kota Yogyakarta
}

EXPECTATIONS = {
    "monitoring_overview:overview": Expect(statuses=signed_in(200)),
    "monitoring_overview:region": Expect(
        statuses=REGION, kwargs=lambda cast: {"code": cast.yogyakarta.code}
    ),
}
