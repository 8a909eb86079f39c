"""The home page: a landing page for visitors, the dashboard for signed-in people."""

from simpul.testing.matrix import Expect, everyone

EXPECTATIONS = {
    "dashboard:home": Expect(statuses=everyone(200)),
}
