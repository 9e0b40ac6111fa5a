"""Font discovery, the CID fallback, and text that never turns into markup."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.reports import PartnerReport, fonts
from app.reports.fonts import CID_FALLBACK, find_cjk_font, find_latin_fonts, font_set, visual
from app.services.agreements import AgreementView
from app.services.partners import PartnerView
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
    font = find_cjk_font([WQY.parent], use_fontconfig=False)
    assert font is not None
    assert ord("合") in font.face.charToGlyph


def test_nothing_found_in_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "NotoSansCJK-Regular.ttc").write_bytes(b"not a font")
    assert find_cjk_font([tmp_path], use_fontconfig=False) is None


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


@pytest.mark.skipif(
    find_latin_fonts() is None or find_cjk_font() is None,
    reason="needs a Western and a Chinese TrueType font on this machine",
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_font_is_embedded(session: Session, partner: PartnerView, lang: str) -> None:
    data = partner_report(session, "", lang, REPORT_TODAY, partner_id=partner.id)
    used = read_pdf(PartnerReport().render(data)).fonts()
    assert used and all(used.values()), used
