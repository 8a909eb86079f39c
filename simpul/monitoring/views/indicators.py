"""Monitoring views: indicators (see __init__)."""

urlpatterns: list = []
