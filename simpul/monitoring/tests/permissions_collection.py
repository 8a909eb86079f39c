"""Permission-matrix expectations of the monitoring collection area."""

EXPECTATIONS: dict = {}
