"""Permission-matrix expectations of the public meeting feeds (under /publik/, in the portal's
namespace; see simpul/meetings/public.py).

The feeds are public: everyone, anonymous or signed in, gets the same answer. A public
(active) agreement's feed answers 200 with a meeting in it; an internal agreement's feed is
the same 404 as an unknown code (tested in test_public_feeds.py).
"""

from simpul.portal.tests.test_pages_support import public_agreement
from simpul.testing.matrix import Expect, everyone

from .factories import make_meeting


def _public_meeting(cast) -> dict:
    agreement = public_agreement(cast)
    make_meeting(cast, agreement=agreement, title="Rapat teknis SPAM")
    return {"reference_code": agreement.reference_code}


EXPECTATIONS = {
    "portal:agreement-meetings-ics": Expect(statuses=everyone(200), kwargs=_public_meeting),
    "portal:meetings-ics": Expect(statuses=everyone(200)),
}
