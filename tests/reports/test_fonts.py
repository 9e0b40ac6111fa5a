"""Font discovery, the CID fallback, and text that never turns into markup."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.domain.enums import PartnerRole
from app.reports import PartnerReport, fonts
from app.reports.fonts import (
    CID_FALLBACK,
    FONT_DIR,
    find_cjk_font,
    font_set,
    visual,
)
from app.reports.wrap import break_long_words
from app.services.agreements import AgreementView
from app.services.partners import PartnerInput, PartnerView, create_partner
from app.services.reporting import partner_report
from tests.reports.conftest import REPORT_TODAY, read_pdf

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A machine without any Chinese TrueType font."""
    fonts._registered.cache_clear()
    monkeypatch.setattr(fonts, "find_cjk_font", lambda *_args, **_kwargs: None)
    yield
    fonts._registered.cache_clear()


@pytest.mark.skipif(not WQY.exists(), reason="fonts-wqy-microhei is not installed")
def test_finds_the_collection_in_the_linux_font_folder() -> None:
    font = find_cjk_font([WQY.parent])
    assert font is not None
    assert ord("合") in font.face.charToGlyph


def test_nothing_found_in_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "NotoSansCJK-Regular.ttc").write_bytes(b"not a font")
    assert find_cjk_font([tmp_path]) is None


def test_markup_escapes_and_switches_fonts() -> None:
    fs = font_set("en")
    markup = fs.markup("A&B <Trading> 爱彼")
    assert markup.startswith("A&amp;B &lt;Trading&gt; ")
    assert f'<font face="{fs.cjk}">爱彼</font>' in markup
    assert font_set("zh").markup("<b>") == "&lt;b&gt;"


def test_right_to_left_runs_are_drawn_in_visual_order() -> None:
    assert visual("Shalom שלום!") == "Shalom םולש!"
    assert visual("plain ASCII") == "plain ASCII"
    assert visual("שלום 2027 עולם") == "םלוע 2027 םולש"  # numbers stay left to right


@pytest.mark.skipif(not WQY.exists(), reason="fonts-wqy-microhei is not installed")
@pytest.mark.usefixtures("agreement")
def test_chinese_is_embedded(session: Session, partner: PartnerView) -> None:
    pdf = read_pdf(
        PartnerReport().render(
            partner_report(session, "", "zh", REPORT_TODAY, partner_id=partner.id)
        )
    )
    embedded = {name for name, emb in pdf.fonts().items() if emb}
    assert any("WenQuanYi" in name for name in embedded)
    assert "爱彼贸易有限公司" in pdf.text


@pytest.mark.usefixtures("no_cjk_font")
def test_without_a_cjk_font_falls_back_to_stsong_with_a_warning(
    session: Session,
    partner: PartnerView,
    agreement: AgreementView,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.reports.fonts"):
        fs = font_set("zh")
    assert fs.cjk == CID_FALLBACK and not fs.cjk_embedded
    assert "no embeddable Chinese TrueType font" in caplog.text
    data = partner_report(session, "", "zh", REPORT_TODAY, partner_id=partner.id)
    pdf = read_pdf(PartnerReport().render(data))
    assert any(CID_FALLBACK in name for name in pdf.fonts())
    assert agreement.reference in pdf.text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_font_is_embedded(session: Session, partner: PartnerView, lang: str) -> None:
    data = partner_report(session, "", lang, REPORT_TODAY, partner_id=partner.id)
    used = read_pdf(PartnerReport().render(data)).fonts()
    assert used and all(used.values()), used


BUNDLED_FACES = ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold", "WenQuanYi")


def test_the_fonts_are_the_bundled_files_with_their_licences() -> None:
    from reportlab.pdfbase import pdfmetrics

    for lang in ("en", "zh"):
        fs = font_set(lang)
        for name in {fs.body, fs.bold, fs.cjk}:
            face = pdfmetrics.getFont(name).face
            assert Path(face.filename).parent == FONT_DIR, name
    shipped = {p.name for p in FONT_DIR.iterdir()}
    assert {"DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", "wqy-microhei.ttc",
            "LICENSE-DejaVu.txt", "LICENSE-WenQuanYi-MicroHei.txt"} <= shipped  # fmt: skip
    assert "Bitstream Vera" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text()
    assert "Apache License" in (FONT_DIR / "LICENSE-WenQuanYi-MicroHei.txt").read_text()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_report_embeds_the_bundled_fonts_and_no_other(
    session: Session, hostile_partner: PartnerView, lang: str
) -> None:
    pdf = read_pdf(
        PartnerReport().render(
            partner_report(session, "", lang, REPORT_TODAY, partner_id=hostile_partner.id)
        )
    )
    found = pdf.fonts()
    assert found and all(found.values()), found  # every font embedded
    for name in found:
        assert any(face in name for face in BUNDLED_FACES), name
    assert any("WenQuanYi" in name for name in found)


def test_a_glyph_no_font_has_is_visible_and_extractable(
    session: Session, hostile_partner: PartnerView
) -> None:
    pdf = read_pdf(
        PartnerReport().render(
            partner_report(session, "", "en", REPORT_TODAY, partner_id=hostile_partner.id)
        )
    )
    assert "Ext-B [U+20000] name" in pdf.text  # U+20000: in no bundled font
    assert "😀" in pdf.text  # DejaVu has it: drawn as itself


def test_urls_break_at_seams_and_chinese_lists_use_the_enumeration_comma(
    session: Session, hostile_partner: PartnerView
) -> None:
    en = read_pdf(
        PartnerReport().render(
            partner_report(session, "", "en", REPORT_TODAY, partner_id=hostile_partner.id)
        )
    )
    assert LONG_URL in en.flat
    pieces = [
        line.strip() for line in en.text.splitlines() if line.strip() and line.strip() in LONG_URL
    ]
    assert len(pieces) >= 2  # wrapped...
    for piece in pieces[:-1]:
        assert piece[-1] in "/.-_@?&=#", piece  # ...each line ending at a seam
    zh = read_pdf(
        PartnerReport().render(
            partner_report(session, "", "zh", REPORT_TODAY, partner_id=hostile_partner.id)
        )
    )
    assert "品牌方、物流服务商" in zh.flat


def test_break_long_words_cuts_only_at_seams() -> None:
    text = "see https://partner.example/contracts/2026/brand_authorisation?id=42 now"
    broken = break_long_words(text, len, 20)
    assert broken.replace("\n", "") == text
    for line in broken.split("\n")[:-1]:
        assert line[-1] in "/.-_@?&=#"
    assert break_long_words("short words only", len, 20) == "short words only"


LONG_URL = (
    "https://www.partner-with-a-very-long-domain-name.example/contracts/2026/brand_authorisation"
)


@pytest.fixture
def hostile_partner(session: Session) -> PartnerView:
    return create_partner(
        session,
        PartnerInput(
            legal_name="Ext-B 𠀀 name 😀",
            local_name="爱彼贸易有限公司",
            country="FR",
            roles=frozenset({PartnerRole.BRAND_OWNER, PartnerRole.LOGISTICS_PROVIDER}),
            website=LONG_URL,
        ),
        actor="tester",
    )
