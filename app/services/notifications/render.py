"""A delivery as the reader sees it: subject, plain text, HTML, chat markdown, JSON.

User text (titles, partner names, file names) is escaped for HTML and markdown: a partner
called ``A&B <Trading>`` reads as written and never as markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from app.services.notifications.digest import Delivery
from app.services.notifications.kinds import OVERDUE, Kind, app_link
from app.services.notifications.occasions import Item
from app.services.notifications.texts import Texts

ORDER = (Kind.DECISIONS, Kind.APPROVALS, Kind.DOCUMENTS, Kind.MILESTONES, Kind.KPIS)
RED = "#b3261e"


def _groups(items: tuple[Item, ...]) -> Iterator[tuple[Kind, list[Item]]]:
    for kind in ORDER:
        found = [i for i in items if i.kind is kind]
        if found:
            yield kind, found


def _parts(d: Delivery, t: Texts) -> list[tuple[str, tuple[Item, ...]]]:
    """(heading of the part, its items): the reader's own, then each team member's."""
    parts: list[tuple[str, tuple[Item, ...]]] = []
    if d.own:
        parts.append(("", d.own))
    for member, items in d.others:
        parts.append((t("member", name=member.name_in(t.lang), what=t.items(len(items))), items))
    return parts


def _all(d: Delivery) -> tuple[Item, ...]:
    return d.own + tuple(i for _m, items in d.others for i in items)


def subject(d: Delivery) -> str:
    t = Texts(d.language)
    what = t.items(d.count)
    if d.team:
        return t("subject_team", team=d.team, what=what)
    overdue = sum(1 for i in _all(d) if i.step == OVERDUE)
    if overdue:
        return t("subject_overdue", what=what, overdue=overdue)
    return t("subject", what=what)


def _opening(d: Delivery, t: Texts) -> list[str]:
    date = t.words.date(d.today)
    if d.reader is None:
        return [t("intro_team", date=date, team=d.team)]
    return [t("greeting", name=d.reader.name_in(t.lang)), t("intro", date=date)]


def _head(item: Item, t: Texts) -> str:
    return t.head(item)


def _link(item: Item) -> str:
    """The link that opens the item's agreement; none for a seller under no agreement."""
    return app_link(item.reference) if item.reference else ""


def plain(d: Delivery, attached_days: int | None = None) -> str:
    t = Texts(d.language)
    lines = [*_opening(d, t), ""]
    team_shown = False
    for heading, items in _parts(d, t):
        if heading:
            if not team_shown and d.reader is not None:
                lines += [f"== {t('team_part', team=_team_name(d))} ==", ""]
                team_shown = True
            lines += [f"-- {heading} --", ""]
        for kind, found in _groups(items):
            lines += [t.heading(kind), "-" * _width(t.heading(kind))]
            for item in found:
                lines += [f"* {_head(item, t)}", f"  {t.line(item)}"]
                if link := _link(item):
                    lines.append(f"  {link}")
            lines.append("")
    if attached_days is not None:
        lines += [t("attached", days=attached_days), ""]
    lines.append(t("footer"))
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _team_name(d: Delivery) -> str:
    teams = {m.team for m, _items in d.others}
    return ", ".join(sorted(teams)) or (d.reader.team if d.reader else "")


def html_body(d: Delivery, attached_days: int | None = None) -> str:
    t = Texts(d.language)
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if t.lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{e(subject(d))}</title></head>",
        "<body style=\"font-family: -apple-system, 'Segoe UI', 'Microsoft YaHei', "
        "'PingFang SC', 'Noto Sans CJK SC', sans-serif; color: #1f1f1f; max-width: 720px; "
        'margin: 0 auto; padding: 16px; font-size: 14px; line-height: 1.5">',
    ]
    out += [f"<p>{e(p)}</p>" for p in _opening(d, t)]
    team_shown = False
    for heading, items in _parts(d, t):
        if heading:
            if not team_shown and d.reader is not None:
                out.append(
                    f'<h2 style="font-size: 17px; margin-top: 28px; border-top: 1px solid '
                    f'#ccc; padding-top: 12px">{e(t("team_part", team=_team_name(d)))}</h2>'
                )
                team_shown = True
            out.append(f'<h3 style="font-size: 15px; margin-bottom: 4px">{e(heading)}</h3>')
        for kind, found in _groups(items):
            out.append(
                f'<h4 style="font-size: 14px; color: #444; margin: 16px 0 6px">'
                f"{e(t.heading(kind))}</h4>"
            )
            out.append('<ul style="padding-left: 18px; margin: 0">')
            for item in found:
                urgent = item.step in (OVERDUE, "red")
                colour = f' style="color: {RED}"' if urgent else ""
                if link := _link(item):
                    head = (
                        f'<a href="{e(link)}" style="font-weight: 600">{e(item.reference)}</a>'
                        f" · {e(item.title)} · {e(t.partner(item))}"
                    )
                else:
                    head = f'<span style="font-weight: 600">{e(t.head(item))}</span>'
                out.append(
                    f'<li style="margin-bottom: 8px">{head}<br>'
                    f"<span{colour}>{e(t.line(item))}</span></li>"
                )
            out.append("</ul>")
    if attached_days is not None:
        out.append(f"<p>{e(t('attached', days=attached_days))}</p>")
    out.append(f'<p style="color: #666; font-size: 12px; margin-top: 24px">{e(t("footer"))}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md(text: str) -> str:
    """User text inside chat markdown: its markup characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown(d: Delivery) -> str:
    """The digest as the chat robots' markdown (WeCom and DingTalk read the same subset)."""
    t = Texts(d.language)
    lines = [f"### {md(subject(d))}", *(md(p) for p in _opening(d, t)), ""]
    for heading, items in _parts(d, t):
        if heading:
            lines += [f"**{md(heading)}**", ""]
        for kind, found in _groups(items):
            lines.append(f"**{md(t.heading(kind))}**")
            for item in found:
                if link := _link(item):
                    head = (
                        f"[{md(item.reference)}]({link}) {md(item.title)} · {md(t.partner(item))}"
                    )
                else:
                    head = md(t.head(item))
                lines.append(f"- {head}: {md(t.line(item))}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def records(d: Delivery) -> list[dict[str, object]]:
    """The items as plain data (the generic JSON webhook)."""
    t = Texts(d.language)
    owners = [(d.reader.login if d.reader else "", i) for i in d.own]
    owners += [(m.login, i) for m, items in d.others for i in items]
    return [
        {
            "kind": i.kind.value, "step": i.step, "occasion": i.occasion,
            "reference": i.reference, "title": i.title, "partner": i.partner,
            "partner_local": i.partner_local, "owner": login,
            "date": i.on.isoformat() if i.on else None, "days_left": i.days_left,
            "subject": i.subject, "text": t.line(i), "link": _link(i),
            "seller": i.get("seller") or None,
        }
        for login, i in owners
    ]  # fmt: skip
