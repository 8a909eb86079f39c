"""Views of the cooperation plan, mounted under /kerja-sama/<agreement_pk>/rencana/:

- plan.py: the plan page, summary, submit / approve / return / revise, versions and diffs,
  assessment attachments
- parts.py: add, change and delete the rows of the draft (one generic set for every part)
"""

from .parts import urlpatterns as _parts
from .plan import urlpatterns as _plan

urlpatterns = [*_plan, *_parts]
