"""Permission-matrix expectations of the plans app (see simpul/testing/matrix.py)."""

EXPECTATIONS: dict = {}
