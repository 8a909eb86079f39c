"""Permission-matrix expectations of the reports app (see simpul/testing/matrix.py)."""

EXPECTATIONS: dict = {}
