"""Monitoring changes the public may see reach cached public pages at once: verified data (an
indicator's latest value), a new indicator, a final evaluation. Anonymous visitors are served
public pages from the cache (simpul.core.public_cache) until one of these bumps it."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from simpul.monitoring.models import DataValue
from simpul.monitoring.services.collection import submission_verify
from simpul.monitoring.services.evaluations import (
    evaluation_create,
    evaluation_finalise,
    finding_save,
    follow_up_save,
    follow_up_set_status,
    recommendation_save,
)
from simpul.monitoring.services.indicators import indicator_create, indicator_delete
from simpul.monitoring.tests.permissions_collection import collection_world

pytestmark = pytest.mark.django_db


def public_page(client, agreement):
    return client.get(
        reverse("portal:agreement", kwargs={"reference_code": agreement.reference_code})
    )


def test_a_verified_value_shows_on_a_public_page_that_was_cached_before(client, cast):
    world = collection_world(cast, submission_status="submitted")
    DataValue.objects.filter(submission=world.submission).update(value=Decimal(777))
    assert public_page(client, world.agreement)["X-Public-Cache"] == "miss"
    cached = public_page(client, world.agreement)
    assert cached["X-Public-Cache"] == "hit" and "777" not in cached.text

    submission_verify(submission=world.submission, user=cast.sari)

    assert "777" in public_page(client, world.agreement).text


def test_a_new_indicator_shows_on_a_public_page_that_was_cached_before(client, cast):
    world = collection_world(cast)
    public_page(client, world.agreement)
    assert public_page(client, world.agreement)["X-Public-Cache"] == "hit"

    indicator_create(
        agreement=world.agreement,
        code="IND-9",
        name="Bank sampah yang aktif",
        definition="Bank sampah yang melapor tiap bulan",
        unit="unit",
        kind="number",
        frequency="quarterly",
        baseline_value=Decimal(3),
        baseline_date=date(2025, 1, 1),
        data_source="Laporan DLH",
        collection_method="Rekap bulanan",
    )

    assert "Bank sampah yang aktif" in public_page(client, world.agreement).text


def test_a_deleted_indicator_leaves_a_public_page_that_was_cached_before(client, cast):
    world = collection_world(cast)
    world.submission.delete()  # an indicator with collected data cannot be deleted
    assert "Sampah terangkut" in public_page(client, world.agreement).text
    assert public_page(client, world.agreement)["X-Public-Cache"] == "hit"

    indicator_delete(indicator=world.indicator)

    assert "Sampah terangkut" not in public_page(client, world.agreement).text


def final_evaluation(cast, world):
    evaluation = evaluation_create(
        agreement=world.agreement,
        user=cast.sari,
        title="Evaluasi akhir 2025",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        summary="Target pemilahan tercapai.",
    )
    finding = finding_save(evaluation=evaluation, user=cast.sari, kind="lesson", text="Libatkan RT")
    recommendation = recommendation_save(
        evaluation=evaluation, user=cast.sari, finding=finding, text="Perluas ke kecamatan lain"
    )
    follow_up = follow_up_save(
        recommendation=recommendation,
        user=cast.sari,
        action="Sosialisasi",
        owner=world.yogyakarta,
        due_date=date(2026, 6, 30),
    )
    return evaluation, follow_up


def test_finalising_an_evaluation_serves_public_pages_afresh(client, cast):
    world = collection_world(cast)
    evaluation, _follow_up = final_evaluation(cast, world)
    public_page(client, world.agreement)
    assert public_page(client, world.agreement)["X-Public-Cache"] == "hit"

    evaluation_finalise(evaluation=evaluation, user=cast.sari)

    assert public_page(client, world.agreement)["X-Public-Cache"] == "miss"


def test_a_follow_up_of_a_final_evaluation_moving_on_serves_public_pages_afresh(client, cast):
    world = collection_world(cast)
    evaluation, follow_up = final_evaluation(cast, world)
    evaluation_finalise(evaluation=evaluation, user=cast.sari)
    public_page(client, world.agreement)
    assert public_page(client, world.agreement)["X-Public-Cache"] == "hit"

    follow_up_set_status(follow_up=follow_up, user=cast.sari, status="done")

    assert public_page(client, world.agreement)["X-Public-Cache"] == "miss"
