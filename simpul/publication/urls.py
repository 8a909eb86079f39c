"""Publication decisions of one agreement, under /kerja-sama/<agreement_pk>/publikasi/."""

app_name = "publication"

urlpatterns: list = []
