"""Permission-matrix expectations of the monitoring indicators area."""

EXPECTATIONS: dict = {}
