"""Public governance scorecard and national ranking, under /publik/tata-kelola/."""

app_name = "scorecard"

urlpatterns: list = []
