from simpul.notifications.services import follow, followers, is_following, unfollow


def test_a_person_follows_and_unfollows_a_subject(cast):
    follow(cast.sari, "agreement:1")
    assert is_following(cast.sari, "agreement:1")
    unfollow(cast.sari, "agreement:1")
    assert not is_following(cast.sari, "agreement:1")


def test_an_automatic_follow_never_follows_again_someone_who_unfollowed(cast):
    assert follow(cast.sari, "thread:7", auto=True)
    unfollow(cast.sari, "thread:7")
    assert not follow(cast.sari, "thread:7", auto=True)
    assert not is_following(cast.sari, "thread:7")
    follow(cast.sari, "thread:7")  # her own choice again
    assert is_following(cast.sari, "thread:7")


def test_followers_are_the_active_people_who_follow(cast):
    follow(cast.sari, "agreement:2")
    follow(cast.yanto, "agreement:2")
    follow(cast.tono, "agreement:2")
    unfollow(cast.yanto, "agreement:2")
    cast.tono.is_active = False
    cast.tono.save()
    follow(cast.wati, "agreement:3")
    assert list(followers("agreement:2")) == [cast.sari]


def test_a_visitor_follows_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    assert not is_following(AnonymousUser(), "agreement:1")
