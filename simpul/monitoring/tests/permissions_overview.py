"""Permission-matrix expectations of the monitoring overview area."""

EXPECTATIONS: dict = {}
