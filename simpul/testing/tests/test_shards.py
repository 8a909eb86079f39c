"""When two engines share a run, every shared check is done whole by exactly one of them."""

from django.db import connections

from simpul.testing import shards


def _owners(monkeypatch, position: int) -> list[str]:
    owners = []
    for vendor in ("sqlite", "postgresql"):
        monkeypatch.setattr(connections["default"], "vendor", vendor)
        if shards.owns(position):
            owners.append(vendor)
    return owners


def test_each_shared_check_is_done_whole_by_exactly_one_engine_and_they_take_turns(monkeypatch):
    monkeypatch.setenv(shards.ENV, "sqlite,postgresql")
    assert [_owners(monkeypatch, position) for position in range(4)] == [
        ["sqlite"],
        ["postgresql"],
        ["sqlite"],
        ["postgresql"],
    ]


def test_without_a_second_engine_every_check_is_done_whole(monkeypatch):
    monkeypatch.delenv(shards.ENV, raising=False)
    assert _owners(monkeypatch, 1) == ["sqlite", "postgresql"]
    monkeypatch.setenv(shards.ENV, "")
    assert _owners(monkeypatch, 1) == ["sqlite", "postgresql"]
    # An engine outside the sharing pair does everything itself.
    monkeypatch.setenv(shards.ENV, "sqlite,mysql")
    assert _owners(monkeypatch, 0) == ["sqlite", "postgresql"]
    assert _owners(monkeypatch, 1) == ["postgresql"]
