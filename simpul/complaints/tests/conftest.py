import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from simpul.agreements.tests.factories import make_agreement

from .factories import category


@pytest.fixture
def public_agreement(cast):
    return make_agreement(cast, state="active", title="Kartamantul persampahan")


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def intake_data(cast, **overrides) -> dict:
    data = {
        "kind": "complaint",
        "category": category().pk,
        "agreement_code": "",
        "region": cast.sleman.pk,
        "title": "Lampu jalan mati di Jalan Magelang",
        "body": "Sudah seminggu lampu jalan mati.",
        "name": "Ani Warga",
        "email": "ani@example.org",
        "website": "",
    }
    data.update(overrides)
    return data


def upload(content: bytes, name: str = "foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)
