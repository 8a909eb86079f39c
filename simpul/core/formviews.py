"""One way for a form view to call a service and show what went wrong.

    form = RiskForm(request.POST or None, ...)
    if request.method == "POST" and form.is_valid():
        outcome = attempt(form, lambda: services.risk_update(risk=risk, user=request.user, ...))
        if outcome.ok:
            messages.success(request, _("Saved."))
            return redirect(...)
    return render(request, "…", {"form": form}, status=outcome_status(form, outcome))

`attempt` runs the service and maps the kernel's errors (simpul.core.errors) onto the form:
field errors beside their fields and the rest at the top (400), a Conflict at the top with the
person's input kept (409), NotAllowed as a 404. Views no longer repeat
try → except → message → status for each service call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404

from .errors import Conflict, NotAllowed, status_of


@dataclass
class Outcome:
    result: Any = None
    error: ValidationError | None = None
    status: int = 200

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def conflict(self) -> Conflict | None:
        return self.error if isinstance(self.error, Conflict) else None


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's error on the form: field errors beside their field, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def attempt(
    form: forms.BaseForm | None,
    call: Callable[[], Any],
    *,
    on_conflict: Callable[[Conflict], None] | None = None,
) -> Outcome:
    """Run `call`; return its result, or the error mapped onto `form` with its status."""
    try:
        return Outcome(result=call())
    except NotAllowed as error:
        raise Http404(str(error.messages[0]) if error.messages else "") from error
    except ValidationError as error:
        if form is not None:
            add_errors(form, error)
        if isinstance(error, Conflict) and on_conflict is not None:
            on_conflict(error)
        return Outcome(error=error, status=status_of(error))


def status_for(form: forms.BaseForm | None, outcome: Outcome | None = None) -> int:
    """The status to render a form page with: the outcome's, else 400 for a bound form with
    errors, else 200."""
    if outcome is not None and not outcome.ok:
        return outcome.status
    if form is not None and form.is_bound and form.errors:
        return 400
    return 200
