"""Services of the monitoring app, one module per area (indicators, collection, analysis,
evaluations, warnings)."""
