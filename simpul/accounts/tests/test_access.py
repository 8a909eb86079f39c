"""A person's profile history is theirs and the platform admins'."""

from simpul.accounts.access import user_can_view_history


def test_a_profile_history_is_for_its_owner_and_platform_admins(cast):
    assert user_can_view_history(cast.budi, cast.budi)
    assert user_can_view_history(cast.rina, cast.budi)
    assert not user_can_view_history(cast.sari, cast.budi)
