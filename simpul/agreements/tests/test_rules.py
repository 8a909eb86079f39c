"""Party and date rules (domain brief §1.4, §7.1–4)."""

from datetime import date

import pytest
from django.utils import translation

from simpul.agreements import rules
from simpul.agreements.tests.factories import government_of
from simpul.organizations.models import Organization


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def blocks(findings):
    return [f.message for f in findings if f.severity == rules.BLOCK]


def warns(findings):
    return [f.message for f in findings if f.severity == rules.WARN]


def test_yogyakarta_sleman_and_bantul_may_make_a_mandatory_ksdd(cast):
    orgs = [cast.pemkot_yogyakarta, government_of(cast.sleman), government_of(cast.bantul)]
    assert rules.check_parties("ksdd", "wajib", orgs) == []


def test_yogyakarta_and_semarang_cannot_make_a_mandatory_ksdd_without_a_border(cast):
    findings = rules.check_parties("ksdd", "wajib", [cast.pemkot_yogyakarta, cast.pemkot_semarang])
    assert blocks(findings) == [
        "Kota Yogyakarta and Kota Semarang do not share a border: a mandatory KSDD needs "
        "bordering regions"
    ]


def test_yogyakarta_and_semarang_may_make_a_voluntary_ksdd(cast):
    assert (
        rules.check_parties("ksdd", "sukarela", [cast.pemkot_yogyakarta, cast.pemkot_semarang])
        == []
    )


def test_a_city_and_its_own_province_may_make_a_mandatory_ksdd(cast):
    assert rules.check_parties("ksdd", "wajib", [cast.pemkot_yogyakarta, cast.pemda_diy]) == []


def test_a_city_and_another_province_cannot_make_a_mandatory_ksdd(cast):
    findings = rules.check_parties(
        "ksdd", "wajib", [cast.pemkot_yogyakarta, government_of(cast.jateng)]
    )
    assert len(blocks(findings)) == 1


def test_neighbouring_provinces_may_make_a_mandatory_ksdd(cast):
    assert rules.check_parties("ksdd", "wajib", [cast.pemda_diy, government_of(cast.jateng)]) == []


def test_a_multi_party_mandatory_ksdd_with_a_non_adjacent_pair_only_warns(cast):
    # Sleman and Bantul border each other and Yogyakarta; Yogyakarta borders both; all three
    # with the province: every member fits someone.
    orgs = [
        government_of(cast.sleman),
        cast.pemkot_yogyakarta,
        cast.pemda_diy,
        government_of(cast.bantul),
    ]
    assert blocks(rules.check_parties("ksdd", "wajib", orgs)) == []


def test_a_multi_party_mandatory_ksdd_with_a_member_bordering_nobody_blocks(cast):
    orgs = [cast.pemkot_yogyakarta, government_of(cast.sleman), cast.pemkot_semarang]
    findings = rules.check_parties("ksdd", "wajib", orgs)
    assert len(blocks(findings)) == 2
    assert all("Kota Semarang" in m for m in blocks(findings))


def test_a_ksdd_with_an_ngo_is_blocked(cast):
    findings = rules.check_parties("ksdd", "sukarela", [cast.pemkot_yogyakarta, cast.ngo])
    assert blocks(findings) == [
        "Yayasan Lingkungan Lestari cannot be a party to a KSDD: its parties are regional "
        "governments only"
    ]


def test_a_ksdpk_without_a_non_government_party_is_blocked(cast):
    findings = rules.check_parties("ksdpk", "", [cast.pemkot_yogyakarta, cast.pemkot_semarang])
    assert [f.code for f in findings if f.severity == rules.BLOCK] == ["ksdpk_third_party"]


def test_a_ksdpk_with_a_region_and_an_ngo_is_fine(cast):
    assert rules.check_parties("ksdpk", "", [cast.pemkot_yogyakarta, cast.ngo]) == []


def test_a_ksdpl_needs_a_foreign_partner(cast):
    assert "needs_foreign_partner" in [
        f.code for f in rules.check_parties("ksdpl", "", [cast.pemkot_yogyakarta, cast.ngo])
    ]
    partner = Organization.objects.create(name="Kyoto City", kind=Organization.Kind.FOREIGN_PARTNER)
    assert rules.check_parties("ksdpl", "", [cast.pemkot_yogyakarta, partner]) == []


def test_an_agreement_needs_two_parties(cast):
    assert [f.code for f in rules.check_parties("ksdd", "sukarela", [cast.pemkot_yogyakarta])] == [
        "party_count"
    ]


def test_an_end_date_before_the_start_date_is_blocked():
    findings = rules.check_dates(date(2026, 5, 1), date(2026, 4, 30))
    assert blocks(findings) == [
        "The end date (30 April 2026) is before the start date (1 May 2026)."
    ]
    assert rules.check_dates(date(2026, 5, 1), date(2026, 5, 1)) == []
