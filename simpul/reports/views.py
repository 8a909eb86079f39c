"""Views of periodic reports (filled in by the reports work)."""

urlpatterns: list = []
