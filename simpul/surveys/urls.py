"""Managing an agreement's surveys, under /kerja-sama/<agreement_pk>/survei/."""

app_name = "surveys"

urlpatterns: list = []
