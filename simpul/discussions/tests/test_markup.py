"""Posts' Markdown is safe: scripts, raw HTML, `javascript:` links and images from elsewhere
never reach a reader's browser; ordinary formatting, links and mentions do."""

from simpul.discussions import markup


def test_a_script_typed_in_a_post_is_shown_as_text():
    html = markup.render("Lihat <script>alert('x')</script> ini")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_a_javascript_link_is_never_a_link():
    for text in (
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](vbscript:msgbox(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
    ):
        html = markup.render(text)
        assert "href" not in html, text


def test_raw_html_in_a_post_stays_text():
    html = markup.render('<a href="javascript:x" onclick="y">tautan</a><img src=x onerror=z>')
    assert "<a " not in html and "<img" not in html
    assert "&lt;a href" in html


def test_an_image_from_elsewhere_is_not_loaded():
    html = markup.render("![grafik](https://pelacak.example.com/piksel.png)")
    assert "<img" not in html
    assert "pelacak.example.com" not in html


def test_formatting_and_ordinary_links_are_kept_and_open_safely():
    html = markup.render("**Penting**: lihat [jadwal](https://jogjakota.go.id/jadwal)\n\n- satu")
    assert "<strong>Penting</strong>" in html
    assert '<a href="https://jogjakota.go.id/jadwal" rel="nofollow noopener noreferrer">' in html
    assert "<li>satu</li>" in html


def test_headings_in_a_post_start_below_the_page_headings():
    assert markup.render("# Judul").startswith("<h3>Judul</h3>")


def test_mentions_are_found_once_each_and_marked():
    text = "@[Yanto Coordinator] dan @[yanto  coordinator], juga @[Pemerintah Kabupaten Sleman]"
    assert markup.mentions_in(text) == ["Yanto Coordinator", "Pemerintah Kabupaten Sleman"]
    assert '<span class="mention">@Pemerintah Kabupaten Sleman</span>' in markup.render(text)
