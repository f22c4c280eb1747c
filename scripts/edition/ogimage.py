"""The link-preview card (og:image): a 1200×630 PNG drawn at build time from data/citation.yml.

Social sites and chat clients show it when the edition is shared. It is drawn from the brief's
title, its author and the words "A web edition", with Source Serif Pro (SIL Open Font License 1.1,
Adobe), which the pinned PyPI package font-source-serif-pro ships: no font service, no system font,
no network. Pillow (pinned exactly) draws it with its basic layout engine (not libraqm, which a
machine may or may not have), and writes no timestamp into the PNG: two builds write the same bytes.
Text too long for the card (data/citation.yml allows a 200-character title) is cut with "…".
"""

from __future__ import annotations

import io
from typing import Any

from edition.errors import EditionError

URI = "assets/images/og-card.png"  # where the site serves it (under site_url)
WIDTH, HEIGHT = 1200, 630  # the size Open Graph consumers (Facebook, LinkedIn, X) display large
MARGIN = 80
BACKGROUND = (48, 63, 159)  # Material's indigo 700: the site's primary colour, darker for contrast
INK = (255, 255, 255)
MUTED = (197, 202, 233)  # indigo 100
TITLE_SIZES = (76, 68, 60, 54, 48)  # the title's font size, largest that fits in TITLE_LINES
TITLE_LINES = 4
LEADING = 1.18  # line height / font size
TAGLINE = "A web edition"


class CardError(EditionError):
    """The card cannot be drawn: Pillow or the font package is missing."""


def _fonts() -> tuple[str, str]:
    """Paths of the bundled Source Serif Pro Semibold and Regular (TrueType)."""
    try:
        import font_source_serif_pro as serif
    except ImportError as exc:
        raise CardError("og:image: the font package font-source-serif-pro is not installed "
                        "(pip install -r requirements.txt)") from exc
    files = serif.font_files_ttf
    return files["SourceSerifProSemibold"], files["SourceSerifPro"]


def _wrap(text: str, font: Any, width: int) -> list[str]:
    """`text` broken at spaces into lines no wider than `width` (a word wider alone stays whole)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(trial) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def _ellipsize(lines: list[str], font: Any, width: int, count: int) -> list[str]:
    """The first `count` of `lines`, the last one cut (at a word, else a character) to end in "…"
    within `width` if any text was left out or it is too wide."""
    if len(lines) <= count and all(font.getlength(line) <= width for line in lines):
        return lines
    kept = lines[:count]
    last = kept[-1] + " " + " ".join(lines[count:]) if len(lines) > count else kept[-1]
    while last and font.getlength(last.rstrip(" ,;:–—") + "…") > width:
        last = last.rsplit(" ", 1)[0] if " " in last.strip() else last[:-1]
    return kept[:-1] + [last.rstrip(" ,;:–—") + "…"]


def _title_lines(title: str, font_path: str, image_font: Any, height: int) -> tuple[Any, list[str]]:
    """The largest title font at which `title` fits the card's width and `height`, with its lines (a
    title with a colon starts its subtitle on a new line); at the smallest size, a title that still
    does not fit (data/citation.yml allows 200 characters) is cut with "…" rather than stop the build."""
    head, colon, tail = title.partition(": ")
    parts = [head + ":", tail] if colon and tail else [title]
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = image_font.truetype(font_path, size, layout_engine=image_font.Layout.BASIC)
        lines = [line for part in parts for line in _wrap(part, font, width)]
        room = min(TITLE_LINES, height // int(size * LEADING))
        if len(lines) <= room and all(font.getlength(line) <= width for line in lines):
            return font, lines
    return font, _ellipsize(lines, font, width, room)


def render_card(title: str, author: str, footer: str, tagline: str = TAGLINE) -> bytes:
    """The card as PNG bytes: tagline, title, author, and a footer line (genre, publisher, date)."""
    try:
        from PIL import Image, ImageDraw, ImageFont
    except ImportError as exc:
        raise CardError("og:image: Pillow is not installed (pip install -r requirements.txt)") from exc
    bold_path, regular_path = _fonts()
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)

    def font(path: str, size: int) -> Any:
        return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)

    small, author_font = font(regular_path, 32), font(regular_path, 44)
    draw.text((MARGIN, MARGIN - 10), tagline.upper(), font=font(bold_path, 30), fill=MUTED)
    draw.line([(MARGIN, MARGIN + 38), (MARGIN + 120, MARGIN + 38)], fill=MUTED, width=4)
    footer_lines = _ellipsize(_wrap(footer, small, WIDTH - 2 * MARGIN), small, WIDTH - 2 * MARGIN, 2)
    footer_top = HEIGHT - MARGIN + 10 - len(footer_lines) * 42
    top = MARGIN + 80
    # the title takes what the author's line (24 px gap, 44 px type) and a 30 px gap leave
    title_font, lines = _title_lines(title, bold_path, ImageFont, footer_top - top - 24 - 56 - 30)
    y = top
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill=INK)
        y += int(title_font.size * LEADING)
    author_line = _ellipsize([author], author_font, WIDTH - 2 * MARGIN, 1)[0]
    draw.text((MARGIN, y + 24), author_line, font=author_font, fill=INK)
    for i, line in enumerate(footer_lines):
        draw.text((MARGIN, footer_top + i * 42), line, font=small, fill=MUTED)
    # A palette of 16 colours keeps the antialiased edges and the card small (~20 kB, not ~60).
    out = io.BytesIO()
    image.quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True)
    return out.getvalue()


def card_for(citation: dict[str, Any]) -> bytes:
    """The card of the brief described by data/citation.yml (as edition.citation.load returns it)."""
    work = citation["work"]
    authors = " and ".join(f"{a['given']} {a['family']}" for a in work["authors"])
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    when = f"{months[work['month'] - 1]} {work['year']}" if work.get("month") else str(work["year"])
    footer = f"{work['genre']} · {work['publisher']} · {when}"
    return render_card(work["title"], authors, footer)


def alt_text(citation: dict[str, Any]) -> str:
    """What the card shows, in words (og:image:alt)."""
    work = citation["work"]
    authors = " and ".join(f"{a['given']} {a['family']}" for a in work["authors"])
    return f"{TAGLINE}: {work['title']}, by {authors}"
