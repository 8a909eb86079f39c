"""The home page: a landing page for visitors, a work dashboard for signed-in users."""

from django.shortcuts import render

from simpul.regions.selectors import national_counts

from .selectors import dashboard_for


def home(request):
    if not request.user.is_authenticated:
        return render(request, "dashboard/landing.html", {"counts": national_counts()})
    return render(request, "dashboard/home.html", dashboard_for(request.user))
