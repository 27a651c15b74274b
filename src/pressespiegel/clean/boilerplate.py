"""Boilerplate removal for plain-text scrapes and for text extracted from HTML.

The rules live in :mod:`pressespiegel.clean.patterns`; this module applies them in order:

1. Normalize characters, split into lines, drop empty ones (remembering blank-line gaps).
2. Cut the tail: related-article teasers ("Empfohlen") and reader comments (name + timestamp).
3. Remove single chrome lines: navigation, paywall offers, UI strings, bare links, update and
   correction notes, metadata lines, editor sign-offs.
4. Find the headline; remove header labels above it and every repetition of it.
5. Remove photo captions (they end in a credit) and the alt text sitting right above a caption.
6. Remove pull quotes: short lines repeated inside a longer paragraph, and their attribution.
7. Strip sign-offs and agency credits glued to paragraph ends ("…ist"./dg/DP/nas", "… (AFP)").
8. Type what is left: lead, paragraph, sub-heading or list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pressespiegel.clean import patterns as P
from pressespiegel.clean.bylines import Byline, byline_line, merge, read_credit
from pressespiegel.clean.credits import agencies_in_credit
from pressespiegel.clean.normalize import normalize_chars, squeeze, strip_invisible, word_count
from pressespiegel.records import Paragraph, ParagraphKind, Removed

_ALNUM = re.compile(r"[\W_]+")  # letters of every script count: a key of "" would match any line
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w/\-. ]{1,60}?)\s*(?:,\s*[\w. ]{1,20})?\s*"
    r"\((?P<credit>[A-Za-z][\w\-/ ,]{1,30})\)\s*[-–—]\s+"
)


@dataclass(slots=True)
class _Line:
    text: str
    blank_before: bool
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class Cleaned:
    """What boilerplate removal found: the article's paragraphs and everything around them."""

    title: str | None
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removed, ...]
    #: Credit strings as written: dateline "(dpa-AFX)", closing "(AFP)", sign-off "(afp, rtr)".
    credits: tuple[str, ...] = ()
    #: Outlet names or codes the page itself shows ("Deutsche Tageszeitung - ...", "--DTZ").
    outlet_hints: tuple[str, ...] = ()
    #: People and agencies the bylines name ("Von A und B", "By A", a name line under the headline).
    byline: Byline = Byline()  # noqa: RUF009 (a frozen, immutable default)
    #: The dateline removed from the lead ("KIEW/WLADIWOSTOK (dpa-AFX) - "), if there was one.
    dateline: str | None = None
    #: Removed metadata lines that may carry the publication date.
    date_lines: tuple[str, ...] = ()
    paywall: bool = False
    #: Words of article text after the last paywall offer: few means the page stops at the paywall.
    words_after_paywall: int = 0


def _key(text: str) -> str:
    """Letters and digits only, lower-cased: equal keys mean 'the same line, differently punctuated'."""
    return _ALNUM.sub("", text.lower())


def _words(text: str) -> int:
    return word_count(text)


def _is_prose(text: str) -> bool:
    """A line that reads like a sentence of body text rather than a label."""
    return bool(P.SENTENCE_END.search(text)) and _words(text) > P.SUBHEADING_MAX_WORDS


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = True
    for raw in strip_invisible(normalize_chars(text)).split("\n"):
        line = squeeze(raw)
        if not line:
            blank = True
            continue
        lines.append(_Line(line, blank))
        blank = False
    return lines


def _live(lines: list[_Line]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.reason is None]


def _cut_tail(lines: list[_Line], *, extracted: bool = False) -> None:
    """2. Related-article blocks and comment sections run to the end of the page.

    In text an HTML extractor already cut out of its page (``extracted``), a "Read more" with
    article prose after it is an inline teaser link, not the start of the page's tail.
    """
    n = len(lines)
    for i, line in enumerate(lines):
        if i == 0 or line.reason is not None:
            continue
        if P.TAIL_HEADERS.match(line.text):
            prose_after = extracted and any(
                _words(later.text) >= P.TAIL_PROSE_MIN_WORDS and P.SENTENCE_END.search(later.text)
                for later in lines[i + 1 :]
            )
            if i >= n // 2 and not prose_after:
                reason = "comment" if P.COMMENT_HEADERS.match(line.text) else "related"
                for later in lines[i:]:
                    later.reason = later.reason or reason
                return
            line.reason = "related"  # a teaser heading inside the article: drop it and the next line
            if i + 1 < n and not _is_prose(lines[i + 1].text):
                lines[i + 1].reason = "related"
            continue
        nxt = lines[i + 1].text if i + 1 < n else ""
        if (
            _words(line.text) <= P.COMMENT_NAME_MAX_WORDS
            and not P.SENTENCE_END.search(line.text)
            and P.COMMENT_TIMESTAMP.match(nxt)
        ):
            for later in lines[i:]:
                later.reason = later.reason or "comment"
            return


def _find_credits(lines: list[_Line], bylines: list[Byline], credits: list[str]) -> None:
    """2b. Bylines and agency credit lines: removed from the text, what they credit kept.

    A line opened by a byline word ("Von …", "By …") counts near the top or the end of the text;
    a line of nothing but person names only above the first line of prose or below the last one
    (elsewhere it is more often a caption or an attribution); a credit line ("(SID)", "dpa/gem",
    "© dpa-infocom …", "(Reporting by …; Editing by …)") anywhere.
    """
    live = _live(lines)
    prose = [i for i in live if _is_prose(lines[i].text)]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (len(lines), -1)
    top = set(live[: P.HEADLINE_SEARCH_LINES])
    for pos, i in enumerate(live):
        line = lines[i]
        text = line.text
        reuters = P.REUTERS_CREDIT.match(text)
        if reuters:
            line.reason = "credit"
            credits.append("Reuters")
            bylines.append(read_credit(reuters["names"]))
            continue
        m = P.CREDIT_LINE.match(text)
        if m:
            credit = next(g for g in m.groups() if g)
            if agencies_in_credit(credit):
                line.reason = "credit"
                credits.append(credit)
                continue
        near_edge = i in top or pos >= len(live) - P.BYLINE_END_LINES
        if not near_edge:
            continue
        found = byline_line(text)
        if found is None:
            continue
        if P.BYLINE.match(text) or i < first_prose or i > last_prose:
            line.reason = "byline"
            bylines.append(found)


def _apply_line_rules(lines: list[_Line]) -> None:
    """3. Single lines of chrome, wherever they sit."""
    for line in lines:
        if line.reason is not None:
            continue
        for reason, pattern in P.LINE_RULES:
            if pattern.search(line.text):
                line.reason = reason
                break


def _is_headline_like(text: str) -> bool:
    words = _words(text)
    return 3 <= words <= P.HEADLINE_MAX_WORDS and not re.search(r"[.!?]$", text)


def _find_title(lines: list[_Line], given: str | None, hints: list[str]) -> str | None:
    """4. The headline: given by metadata, or found among the top lines of a plain-text scrape."""
    live = _live(lines)
    title = given.strip() if given else None
    title_index: int | None = None
    if title is None:
        top: list[int] = []
        for i in live[: P.HEADLINE_SEARCH_LINES]:
            if _is_prose(lines[i].text) and not _is_caption(lines[i].text):
                break
            top.append(i)
        keys = [_key(lines[i].text) for i in live]
        for i in top:  # a page title "Outlet - Headline" whose headline repeats below
            m = P.OUTLET_TITLE_PREFIX.match(lines[i].text)
            if m and _key(m["title"]) in keys:
                hints.append(m["outlet"])
                title = m["title"]
                lines[i].reason = "repeated-headline"
                break
        if title is None:  # a headline printed twice
            for i in top:
                key = _key(lines[i].text)
                if _is_headline_like(lines[i].text) and keys.count(key) > 1:
                    # of the copies, the one with most words keeps its separators ("Krieg / USA")
                    title_index = max(
                        (j for j in live if _key(lines[j].text) == key), key=lambda j: _words(lines[j].text)
                    )
                    title = lines[title_index].text
                    break
        if title is None:
            candidates = [i for i in top if _is_headline_like(lines[i].text)]
            if candidates:
                title_index = max(candidates, key=lambda i: _words(lines[i].text))
                title = lines[title_index].text
        if title is None:
            return None
    title_key = _key(title)
    first_title_line: int | None = None
    for i in live:
        line = lines[i]
        if line.reason is None and (_key(line.text) == title_key or line.text == title):
            line.reason = "repeated-headline"
            if first_title_line is None:
                first_title_line = i
    limit = first_title_line if first_title_line is not None else title_index
    if limit is not None:
        for i in live:
            if i >= limit:
                break
            if lines[i].reason is None and _words(lines[i].text) <= P.HEADER_LABEL_MAX_WORDS:
                lines[i].reason = "header"
    return title


def _is_caption(text: str) -> bool:
    """A line ending in a photo credit ("… Bild: Name/AP Photo/picture alliance")."""
    if _words(text) > P.CAPTION_MAX_WORDS:
        return False
    tail = text[-160:]
    m = P.CAPTION_CREDIT.search(tail)
    if m is None:
        return bool(P.PHOTO_AGENCIES.search(tail[-60:]) and re.search(r"\w/\w", tail[-60:]))
    credit = m.group().split(":", 1)[-1].strip()
    # "(Quelle: RKI)." closing a sentence is a citation in prose, not a photo credit
    return not (
        re.search(r"[.!?]\s", credit) or (credit.endswith((".", ")", "!", "?")) and "/" not in credit)
    )


def _remove_captions(lines: list[_Line]) -> None:
    """5. Captions end in a photo credit; an alt text or image title sits right above them."""
    for i, line in enumerate(lines):
        if line.reason is not None:
            continue
        if not _is_caption(line.text):
            continue
        line.reason = "caption"
        if i > 0 and not line.blank_before:
            above = lines[i - 1]
            if above.reason is None and (
                line.text.startswith(above.text)
                or (_words(above.text) <= P.ALT_TEXT_MAX_WORDS and not re.search(r"[.!?]$", above.text))
            ):
                above.reason = "caption"


def _remove_pull_quotes(lines: list[_Line]) -> None:
    """6. A short line whose words recur inside a longer paragraph is a pull quote."""
    live = _live(lines)
    keys = {i: _key(lines[i].text) for i in live}
    for pos, i in enumerate(live):
        words = _words(lines[i].text)
        if not 5 <= words <= 30 or P.LIST_ITEM.match(lines[i].text):  # summary bullets repeat on purpose
            continue
        key = keys[i]
        if any(j != i and len(keys[j]) > len(key) and key in keys[j] for j in live):
            lines[i].reason = "pull-quote"
            if pos + 1 < len(live):
                nxt = lines[live[pos + 1]]
                if _words(nxt.text) <= 8 and not P.SENTENCE_END.search(nxt.text):
                    nxt.reason = "pull-quote"


def _strip_suffixes(lines: list[_Line], removed: list[Removed], credits: list[str]) -> None:
    """7. Sign-offs and agency credits glued to the end of a paragraph."""
    live = _live(lines)
    for i in live:
        line = lines[i]
        m = P.SIGNOFF_SUFFIX.search(line.text)
        if m:
            removed.append(Removed(text=m.group().strip(), reason="signoff"))
            line.text = line.text[: m.start()].rstrip()
    if live:
        last = lines[live[-1]]
        m = P.CREDIT_SUFFIX.search(last.text)
        if m and agencies_in_credit(m["credit"]):
            credits.append(m["credit"])
            removed.append(Removed(text=m.group().strip(), reason="credit"))
            last.text = last.text[: m.start()].rstrip()


def _kind(text: str, seen_lead: bool) -> ParagraphKind:
    if P.LIST_ITEM.match(text):
        return "list"
    words = _words(text)
    if (not P.SENTENCE_END.search(text) and words <= P.SUBHEADING_MAX_WORDS) or (
        text.endswith(":") and words <= 6
    ):
        return "heading"
    return "p" if seen_lead else "lead"


def clean_text(text: str, *, title: str | None = None, extracted: bool = False) -> Cleaned:
    """Split a scraped page into headline, article paragraphs and removed boilerplate (steps 1–8).

    ``extracted``: the text is what an HTML extractor kept of a page. Its structure already
    separated asides from the article, so the rules that guess structure from plain text alone
    (pull quotes, step 6, removed 396 words of real article text on the fundus pages and 17 of
    chrome) are not applied.
    """
    lines = _split_lines(text)  # 1.
    _cut_tail(lines, extracted=extracted)  # 2.
    bylines: list[Byline] = []
    credits: list[str] = []
    _find_credits(lines, bylines, credits)  # 2b.
    _apply_line_rules(lines)  # 3.
    hints: list[str] = []
    found_title = _find_title(lines, title, hints)  # 4.
    _remove_captions(lines)  # 5.
    if not extracted:
        _remove_pull_quotes(lines)  # 6.
    removed: list[Removed] = []
    _strip_suffixes(lines, removed, credits)  # 7.

    paragraphs: list[Paragraph] = []
    seen_lead = False
    dateline: str | None = None
    for line in lines:  # 8.
        if line.reason is not None:
            continue
        kind = _kind(line.text, seen_lead)
        text_ = line.text
        if kind == "lead":
            seen_lead = True
            m = _DATELINE.match(line.text)
            if m and agencies_in_credit(m["credit"]) and _words(line.text[m.end() :]) >= 3:
                credits.insert(0, m["credit"])
                dateline = m.group()
                removed.append(Removed(text=dateline.strip(), reason="dateline"))
                text_ = line.text[m.end() :]
        if kind == "list":
            text_ = P.LIST_ITEM.sub("", text_)
        paragraphs.append(Paragraph(text=text_, kind=kind))
    for line in lines:
        if line.reason is None:
            continue
        if line.reason == "signoff":
            m = re.search(r"\(([^()]+)\)\s*$", line.text)
            if m and agencies_in_credit(m[1]):
                credits.append(m[1])
            code = re.search(r"--\s*([A-Z]{2,6})\s*\)$", line.text)
            if code:
                hints.append(code[1])
        removed.append(Removed(text=line.text, reason=line.reason))
    while paragraphs and paragraphs[-1].kind == "heading":  # a trailing label has no article text
        dangling = paragraphs.pop()
        removed.append(Removed(text=dangling.text, reason="dangling-heading"))
    return Cleaned(
        title=found_title,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        credits=tuple(credits),
        outlet_hints=tuple(hints),
        byline=merge(bylines),
        dateline=dateline,
        date_lines=tuple(line.text for line in lines if line.reason in {"metadata", "correction"}),
        paywall=any(line.reason == "paywall" for line in lines),
        words_after_paywall=_words_after_paywall(lines),
    )


def _words_after_paywall(lines: list[_Line]) -> int:
    last = max((i for i, line in enumerate(lines) if line.reason == "paywall"), default=None)
    if last is None:
        return 0
    return sum(_words(line.text) for line in lines[last + 1 :] if line.reason is None)
