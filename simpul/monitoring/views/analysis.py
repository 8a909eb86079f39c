"""Monitoring views: analysis (see __init__)."""

urlpatterns: list = []
