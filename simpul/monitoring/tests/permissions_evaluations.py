"""Permission-matrix expectations of the monitoring evaluations area."""

EXPECTATIONS: dict = {}
