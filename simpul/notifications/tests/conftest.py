"""A notification kind the tests own (SAMPLE), registered around each test that asks for it."""

import pytest
from django.utils.translation import gettext_lazy as _

from simpul.notifications import registry

from .kinds import SAMPLE


@pytest.fixture
def sample_kind():
    registry.register_kind(
        SAMPLE,
        label=_("Sample notices"),
        description=_("Something happened in a test."),
        default="app",
        defaults_by_role={"coordinator": "now", "viewer": "digest"},
    )
    yield SAMPLE
    registry.unregister_kind(SAMPLE)
