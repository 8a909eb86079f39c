from simpul.testing.matrix import Expect, everyone

EXPECTATIONS = {
    "core:about": Expect(statuses=everyone(200)),
    # Load balancers and monitors call it without signing in; it reveals no private data.
    "core:healthz": Expect(statuses=everyone(200)),
    "core:favicon": Expect(statuses=everyone(200)),
}
