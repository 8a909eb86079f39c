"""Writes for agreements, one module per area (agreements, documents, disputes, imports,
reminders). Views, tasks and commands call these; they check rules and record events."""
