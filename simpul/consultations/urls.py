"""Managing an agreement's consultations, under /kerja-sama/<agreement_pk>/konsultasi/."""

app_name = "consultations"

urlpatterns: list = []
