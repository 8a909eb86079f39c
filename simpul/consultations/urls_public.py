"""Public consultations, under /konsultasi/."""

app_name = "consultations_public"

urlpatterns: list = []
