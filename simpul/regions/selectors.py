from django.db.models import Count, Q, Sum

from .models import Region


def national_counts() -> dict:
    """Counts for the landing page, in one query."""
    return Region.objects.current().aggregate(
        provinces=Count("id", filter=Q(level=Region.Level.PROVINCE)),
        regencies=Count("id", filter=Q(level=Region.Level.REGENCY)),
        cities=Count("id", filter=Q(level=Region.Level.CITY)),
        population=Sum("population", filter=Q(level=Region.Level.PROVINCE)),
    )
