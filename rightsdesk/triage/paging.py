"""Page numbers without counting the whole queue.

A COUNT(*) over every matching complaint grows with the table (tens of milliseconds at 100,000,
hundreds at 1,000,000) only to print a total nobody needs exactly. ``CappedPaginator`` counts
at most a little past the requested page, rounded up to the next thousand: enough to know
whether there is a next page and to say "more than 1,000". What a page costs then depends on
how deep it is, never on how many complaints there are; and how deep a page can be is bounded.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_STEP = 1_000
# The deepest row reachable by page number (page 2,000 at 50 a page). Past it staff narrow the
# queue with its filters; the bound keeps a hand-typed ?page=999999 from counting everything.
MAX_ROWS = 100_000


def _page_number(number: Any) -> int:
    try:
        return max(1, int(number))
    except (TypeError, ValueError):
        return 1


class CappedPaginator(Paginator):
    """A Paginator whose ``count`` stops at ``cap`` rows; ``capped`` says whether more exist."""

    def __init__(self, object_list: Any, per_page: int, *, number: Any = 1) -> None:
        super().__init__(object_list, per_page)
        wanted = _page_number(number) * per_page + 1  # the requested page and one row after it
        rounded = -(-wanted // COUNT_STEP) * COUNT_STEP
        self.cap = max(COUNT_STEP, min(rounded, MAX_ROWS))
        self.capped = False

    @cached_property
    def count(self) -> int:
        # COUNT(*) over a LIMITed subquery; without ORDER BY the database may count from
        # whichever index matches the filters.
        found = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)
