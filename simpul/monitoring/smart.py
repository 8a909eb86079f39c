"""The SMART check of indicators (filled in by the indicators work)."""


def plan_submit_check(plan) -> list:
    return []
