"""The design tokens (static/css/tokens.css) keep every text on its background readable:
WCAG 2.1 AA asks for a contrast ratio of at least 4.5:1 for body text."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TOKENS = Path(settings.BASE_DIR) / "static" / "css" / "tokens.css"

# (text, background): every pair the site's CSS puts together.
PAIRS = [
    ("text", "surface"),
    ("text", "surface-subtle"),
    ("text-muted", "surface"),
    ("text-muted", "surface-subtle"),
    ("brand", "surface"),
    ("brand", "surface-subtle"),
    ("brand", "brand-subtle"),
    ("on-brand", "brand"),
    ("on-brand", "brand-strong"),
    *[
        (f"{tone}-text", f"{tone}-bg")
        for tone in ("success", "warning", "error", "info", "neutral")
    ],
    *[(f"{tone}-text", "surface") for tone in ("success", "warning", "error", "info", "neutral")],
]


def tokens() -> dict[str, str]:
    return dict(re.findall(r"--simpul-([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;", TOKENS.read_text()))


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_gives_21_to_1_for_black_on_white():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") < 4.5  # a grey that fails AA, so the check can fail


@pytest.mark.parametrize(("text", "background"), PAIRS, ids=[f"{t}-on-{b}" for t, b in PAIRS])
def test_each_text_colour_meets_wcag_aa_on_its_background(text, background):
    values = tokens()
    ratio = contrast(values[text], values[background])
    assert ratio >= 4.5, f"{text} {values[text]} on {background} {values[background]}: {ratio:.2f}"


def test_every_sentiment_has_text_background_and_strong_colours():
    values = tokens()
    for tone in ("success", "warning", "error", "info", "neutral"):
        assert {f"{tone}-text", f"{tone}-bg", f"{tone}-strong"} <= values.keys()
