"""The notification kind the tests own (registered by the `sample_kind` fixture)."""

SAMPLE = "tests.sample"
