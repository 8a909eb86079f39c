"""Views of the cooperation plan (filled in by the plans work)."""

urlpatterns: list = []
