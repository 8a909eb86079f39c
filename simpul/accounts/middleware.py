import zoneinfo

from django.utils import timezone


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
