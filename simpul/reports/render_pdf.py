"""The PDF of a report: the snapshot rendered through an HTML template and print CSS with
WeasyPrint (A4, cover page, contents with page numbers, running header, "Halaman X dari Y").

WeasyPrint is given no base URL and a fetcher that accepts only `data:` URLs: the report is
built from the snapshot, the embedded SVG charts and the local stylesheet alone, so nothing a
user typed (a title, a finding) can make the worker read a file or fetch a web address.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

STYLESHEET = Path(__file__).resolve().parent / "templates" / "reports" / "pdf" / "print.css"


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int


def render_html(snapshot: dict, *, generated_on: datetime | None = None) -> str:
    from .presentation import report_context

    context = report_context(snapshot, charts=True)
    context["generated_on"] = generated_on or timezone.now()
    return render_to_string("reports/pdf/report.html", context)


def pdf_from_html(html_text: str, *, stylesheets: tuple[Path, ...] = ()) -> RenderedPdf:
    """Any HTML to PDF with the report's print style (A4, fonts, page numbers) and then the
    given stylesheets, under the same data:-only fetcher (used by the berita acara too)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    html = HTML(string=html_text, url_fetcher=fetcher)
    document = html.render(
        stylesheets=[
            CSS(filename=str(sheet), url_fetcher=fetcher) for sheet in (STYLESHEET, *stylesheets)
        ]
    )
    return RenderedPdf(content=document.write_pdf(), pages=len(document.pages))


def render_pdf(snapshot: dict, *, generated_on: datetime | None = None) -> RenderedPdf:
    return pdf_from_html(render_html(snapshot, generated_on=generated_on))
