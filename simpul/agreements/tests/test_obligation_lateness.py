"""An obligation is late after the end of its due date in the zone of the party it binds, not
in the viewer's or the server's: a Sorong party (Papua Barat Daya, WIT) and a Makassar party
(Sulawesi Selatan, WITA) owe something on the same day, looked at by a viewer in WIB."""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from simpul.agreements.models import Obligation, Party
from simpul.agreements.selectors_workflow import party_obligation_summary
from simpul.agreements.services.agreements import obligation_create
from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.organizations.services import governments_ensure
from simpul.regions.models import Region
from simpul.regions.services import regions_load

pytestmark = pytest.mark.django_db

WITA, WIT = ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")
DUE = date(2026, 4, 15)
NEXT_DAY = date(2026, 4, 16)


def at(day: date, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


@pytest.fixture
def owed(cast) -> dict[str, Obligation]:
    regions_load(codes={"73.71"}, with_boundaries=False)
    governments_ensure()
    sorong_gov = government_of(Region.objects.get(code="96.01"))
    makassar_gov = government_of(Region.objects.get(code="73.71"))
    agreement = make_agreement(
        cast, state="active", parties=[cast.pemkot_yogyakarta, sorong_gov, makassar_gov]
    )
    parties = {p.organization_id: p for p in Party.objects.filter(agreement=agreement)}
    return {
        name: obligation_create(
            party=parties[government.pk], kind="duty", description=f"Lahan {name}", due_date=DUE
        )
        for name, government in (("sorong", sorong_gov), ("makassar", makassar_gov))
    }


def badges(client, cast, obligations: dict[str, Obligation]) -> dict[str, bool]:
    """Whether the agreement page, seen by Sari (Yogyakarta, WIB), marks each one late."""
    client.force_login(cast.sari)
    agreement = obligations["sorong"].party.agreement
    page = client.get(reverse("agreements:agreement-detail", kwargs={"pk": agreement.pk}))
    html = page.content.decode()
    late = {}
    for name, obligation in obligations.items():
        item = re.search(rf'<li data-obligation="{obligation.pk}".*?</li>', html, re.S)
        assert item is not None, name
        late[name] = 'data-status="late"' in item.group(0)
    return late


def test_just_after_midnight_in_sorong_only_the_sorong_obligation_is_late(
    client, cast, owed, time_machine
):
    # 00:30 WIT on the 16th is 23:30 WITA and 22:30 WIB on the 15th.
    time_machine.move_to(at(NEXT_DAY, 0, 30, WIT), tick=False)

    assert badges(client, cast, owed) == {"sorong": True, "makassar": False}


def test_the_last_minute_in_sorong_is_on_time_for_both(client, cast, owed, time_machine):
    time_machine.move_to(at(DUE, 23, 59, WIT), tick=False)

    assert badges(client, cast, owed) == {"sorong": False, "makassar": False}


def test_just_after_midnight_in_makassar_both_are_late_while_jakarta_is_still_on_the_15th(
    client, cast, owed, time_machine
):
    # 00:10 WITA on the 16th is 23:10 WIB on the 15th: a WIB viewer's date is still the due date.
    time_machine.move_to(at(NEXT_DAY, 0, 10, WITA), tick=False)

    assert badges(client, cast, owed) == {"sorong": True, "makassar": True}


def test_the_obligation_summary_counts_overdue_in_each_partys_zone(cast, owed, time_machine):
    time_machine.move_to(at(NEXT_DAY, 0, 30, WIT), tick=False)
    agreement = owed["sorong"].party.agreement

    behind = {row["party"].pk: row["behind"] for row in party_obligation_summary(agreement)}

    assert behind[owed["sorong"].party_id] is True
    assert behind[owed["makassar"].party_id] is False
