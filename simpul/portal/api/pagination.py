"""Page-number pagination with a client-chosen page size that is checked, not clamped: a size
above the maximum or not a number is a 400 with a clear message (never a silent surprise)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class DatasetPagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError(
                {
                    "page_size": _("page_size must be a whole number from 1 to %(max)d.")
                    % {"max": self.max_page_size}
                }
            )
        if int(raw) > self.max_page_size:
            raise ValidationError(
                {
                    "page_size": _(
                        "page_size may be at most %(max)d; use the page parameter "
                        "to read further, or download the whole dataset from /data/."
                    )
                    % {"max": self.max_page_size}
                }
            )
        return int(raw)
