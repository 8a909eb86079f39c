import time
import zoneinfo

from django.conf import settings
from django.utils import timezone

# The session key holding when a signed-in session was last renewed (seconds since the epoch).
RENEWED_AT = "_simpul_renewed_at"


def mark_session_renewed(sender, request, user, **kwargs) -> None:
    """On sign-in (the `user_logged_in` signal): the new session counts as just renewed, so the
    first pages after signing in do not write it again."""
    request.session[RENEWED_AT] = int(time.time())


class SessionRenewalMiddleware:
    """Keep a signed-in session alive while it is used: it expires SESSION_COOKIE_AGE after
    the last activity, renewed at most once every SESSION_RENEW_SECONDS.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session row (and take SQLite's write
    lock) on every page view; renewing a few times an hour keeps the same idle timeout to
    within minutes. Anonymous visitors are left alone: no session is created for them, so
    their public pages stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_SECONDS:
                # A changed session is saved with a new expiry and a new cookie max-age.
                request.session[RENEWED_AT] = now
        return self.get_response(request)


class ActiveUserTimezoneMiddleware:
    """Show times in the zone of the signed-in user's region (WIB, WITA or WIT).

    The zone comes from the region of the user's first organisation that has one; times are
    stored in UTC either way. Anonymous visitors see WIB, the zone of most of the population.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone_name = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from simpul.organizations.access import memberships_of

            for membership in memberships_of(user):
                region = membership.organization.region
                if region is not None:
                    zone_name = region.timezone
                    break
        if zone_name:
            timezone.activate(zoneinfo.ZoneInfo(zone_name))
        else:
            timezone.deactivate()
        return self.get_response(request)
