"""Who may open the scorecard pages (see simpul/testing/matrix.py): they are public, so
everyone, signed in or not, gets 200 for a region, and 404 for a code that does not exist."""

from simpul.testing.matrix import Expect, everyone

EXPECTATIONS = {
    "scorecard:ranking": Expect(statuses=everyone(200)),
    "scorecard:region": Expect(
        statuses=everyone(200), kwargs=lambda cast: {"code": cast.yogyakarta.code}
    ),
}
