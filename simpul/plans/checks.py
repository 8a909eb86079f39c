"""Checks run before a plan is submitted, contributed by other apps (monitoring adds the
SMART check of indicators) without plans knowing them.

    from simpul.plans.checks import register_submit_check
    register_submit_check("simpul.monitoring.smart.plan_submit_check")

A check is `fn(plan) -> list[CheckMessage]`. Messages with `blocking=True` stop the
submission; the others are warnings shown beside the submit button.
"""

from dataclasses import dataclass, field

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class CheckMessage:
    text: str
    blocking: bool = True
    subject: str = ""  # e.g. the indicator's code, shown before the text
    url: str = ""  # where to fix it
    letters: tuple[str, ...] = field(default=())  # SMART letters that fail, e.g. ("S", "M")


_checks: list[str] = []


def register_submit_check(dotted_path: str) -> None:
    if dotted_path not in _checks:
        _checks.append(dotted_path)


def run_submit_checks(plan) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for path in _checks:
        messages.extend(import_string(path)(plan))
    return messages
