"""Public surveys, under /survei/."""

app_name = "surveys_public"

urlpatterns: list = []
