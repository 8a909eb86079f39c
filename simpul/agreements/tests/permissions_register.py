"""Who may open the register, its export and the creation wizard (see simpul/testing/matrix.py).

The register and export are for every signed-in person: each sees only the agreements
access.agreements_visible_to gives them (possibly none). Registering an agreement needs a
membership as admin, coordinator or editor somewhere: Dewi (data officer) and Hadi (viewer)
get 403 with an explanation; anonymous visitors are sent to sign in.
"""

from simpul.testing.matrix import LOGIN, Expect, signed_in

EXPECTATIONS = {
    "agreements:agreement-list": Expect(statuses=signed_in(200)),
    "agreements:agreement-export": Expect(statuses=signed_in(200), query="?format=csv"),
    "agreements:agreement-create": Expect(
        statuses={
            "anonymous": LOGIN,
            "sari": 200,
            "budi": 200,
            "dewi": 403,
            "gita": 200,
            "hadi": 403,
            "eko": 200,
            "rina": 200,
            "wati": 200,  # editor
            "tono": 403,  # data officer
            "vina": 403,  # viewer
            "yanto": 200,  # coordinator
            "lina": 200,  # admin of the joint secretariat
            "fitri": 200,  # coordinator of the province's bureau
            "joko": 403,  # data officer of the province's bureau
            "agus": 200,  # editor at an agency (it registers its own cooperation)
        }
    ),
}
