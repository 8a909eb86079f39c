"""Monitoring views: collection (see __init__)."""

urlpatterns: list = []
