"""Who may follow an agreement: whoever reads it (the agreement page's READ, see
permissions_detail.py); the others get 404, so its existence does not leak."""

from simpul.testing.matrix import Expect

from .permissions_detail import READ, _agreement

EXPECTATIONS = {
    "agreements:agreement-follow": Expect(
        statuses={name: 302 if status == 200 else status for name, status in READ.items()},
        kwargs=_agreement,
        method="post",
    ),
}
