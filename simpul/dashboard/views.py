"""The home page: the public portal's home for visitors, a work dashboard for signed-in users."""

from django.shortcuts import render

from simpul.core.public_cache import public_page
from simpul.portal.views import render_home

from .selectors import dashboard_for


@public_page  # visitors only: signed-in people are never served from the cache
def home(request):
    if not request.user.is_authenticated:
        return render_home(request, "dashboard/landing.html")
    return render(request, "dashboard/home.html", dashboard_for(request.user))
