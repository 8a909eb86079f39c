"""Permission-matrix expectations of the monitoring analysis area."""

EXPECTATIONS: dict = {}
