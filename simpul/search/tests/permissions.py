"""The search pages. Members' search (/cari/): every signed-in person may open it (what it
shows is filtered by their access, tested in test_access.py); visitors are sent to sign in.
The portal's search (/publik/cari/, declared in portal/tests/permissions.py) is open to all."""

from simpul.testing.matrix import Expect, signed_in

EXPECTATIONS = {
    "search:search": Expect(statuses=signed_in(200), query="?q=sampah"),
}
