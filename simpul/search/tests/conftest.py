import pytest

from simpul.agreements.tests.factories import make_agreement
from simpul.search import index


@pytest.fixture
def indexed(cast):
    """Index every kind now (ordinary tests roll back, so on-commit refreshes never run)."""

    def run():
        return index.rebuild()

    return run


@pytest.fixture
def agreement(cast):
    return make_agreement(
        cast,
        title="Pengelolaan sampah regional Kartamantul",
        objectives="Mengurangi sampah ke TPA Piyungan melalui pengolahan <b>terpadu</b>.",
        scope="Pengangkutan dan pengolahan sampah rumah tangga.",
    )
