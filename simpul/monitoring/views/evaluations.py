"""Monitoring views: evaluations (see __init__)."""

urlpatterns: list = []
