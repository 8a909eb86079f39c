"""Progress and status of indicators (filled in by the analysis work).

Contract used by other areas:

    indicator_refresh(indicator_ids: Iterable[int]) -> None
        Recompute Indicator.latest_value / latest_target / latest_period_end / progress /
        status from verified data. Called by collection after verify/return, and by the seed.
"""

from collections.abc import Iterable


def indicator_refresh(indicator_ids: Iterable[int]) -> None:
    return None
