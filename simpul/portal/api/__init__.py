"""The read-only REST API under /api/v1/: the open datasets, paginated and filtered."""
