"""Monitoring views: overview (see __init__)."""

urlpatterns: list = []
