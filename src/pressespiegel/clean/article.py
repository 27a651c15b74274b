"""From a RawDocument to an Article: extraction, boilerplate removal and metadata, in one pure step.

1. HTML goes through trafilatura (main text, title, site name) and htmldate (publication date);
   plain text goes straight to boilerplate removal.
2. Boilerplate removal (:mod:`pressespiegel.clean.boilerplate`) yields paragraphs, title, credits.
3. Metadata is settled field by field, strongest evidence first: what the source declared, then
   the URL, then the page itself; a date the page does not state is estimated from the text
   (:mod:`pressespiegel.clean.dating`, unreliable) or left empty.
4. The id is a hash of the normalized body, so the same text from two crawls is one article.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import urlsplit

from pressespiegel.clean import patterns as P
from pressespiegel.clean.boilerplate import Cleaned, clean_text
from pressespiegel.clean.bylines import Byline, merge, read_credit
from pressespiegel.clean.credits import agencies_in_credit
from pressespiegel.clean.dating import comment_times, estimate_date
from pressespiegel.clean.language import detect_language
from pressespiegel.clean.normalize import word_count
from pressespiegel.clean.published import date_from_lines, parse_date
from pressespiegel.clean.sources_data import OUTLET_CODES, OUTLET_DOMAINS, OUTLET_SIGNATURES
from pressespiegel.clean.titles import title_from_lead
from pressespiegel.errors import SourceError
from pressespiegel.records import Article, PublicationDate, RawDocument

#: Fewer words than this after cleaning means there is no article, only a page shell.
MIN_ARTICLE_WORDS = 15  # the shortest real news items (briefs) run 25+ words
#: Where trafilatura (favouring recall) keeps fewer words than this, it may have picked the wrong
#: block: a second extraction with its default settings is asked (16 of the 165 fundus pages,
#: so the second pass costs ~10 % more extraction time overall).
SECOND_OPINION_MAX_WORDS = 300
#: The second extraction wins when it keeps this many times the words: on the one fundus page
#: where the two disagree this much (Politico, 0.14 vs 0.87 recall) the longer is the article.
SECOND_OPINION_RATIO = 1.5


def make_article(raw: RawDocument) -> Article:
    """Clean one raw document into an Article; raise SourceError when no article text is found."""
    html_date: PublicationDate | None = None
    sitename: str | None = None
    declared = Byline()
    url = raw.url
    if raw.html is not None:  # 1.
        text, title, sitename, html_date, canonical, author = _extract_html(raw)
        declared = read_credit(author) if author else declared
        url = url or canonical
        cleaned = clean_text(text, title=raw.title or title, extracted=True)
    elif raw.text is not None:
        cleaned = clean_text(raw.text, title=raw.title)  # 2.
    else:
        raise SourceError(raw.source, "neither text nor html given")

    body = "\n\n".join(p.text for p in cleaned.paragraphs)
    if word_count(body) < MIN_ARTICLE_WORDS:
        raise SourceError(raw.source, "no article text found (empty after removing boilerplate)")

    credited = merge([declared, cleaned.byline])  # 3.
    agencies = merge([Byline(agencies=_agencies(cleaned.credits)), credited]).agencies
    language, score = detect_language(body)
    return Article(
        id=raw.id or article_id(body),  # 4.
        source=raw.source,
        url=url,
        outlet=_outlet(raw, url, cleaned, sitename, agencies),
        agencies=agencies,
        authors=credited.authors,
        title=cleaned.title or title_from_lead(cleaned.paragraphs),
        paragraphs=cleaned.paragraphs,
        published=_published(raw, html_date, cleaned),
        language=language,
        language_score=round(score, 4),
        teaser=raw.teaser or (cleaned.paywall and cleaned.words_after_paywall < P.TEASER_TAIL_WORDS),
        boilerplate=cleaned.removed,
    )


_ID_NORMALIZE = re.compile(r"[\W_]+")


def article_id(body: str) -> str:
    """Stable id: the first 16 hex digits of SHA-1 over the lower-cased body, punctuation dropped."""
    normalized = _ID_NORMALIZE.sub(" ", body.lower()).strip()
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def _extract_html(
    raw: RawDocument,
) -> tuple[str, str | None, str | None, PublicationDate | None, str | None, str | None]:
    """Text, title, site name, date, canonical URL and declared author of an HTML page."""
    import trafilatura
    from htmldate import find_date

    assert raw.html is not None

    def extract(favor_recall: bool) -> Any:
        return trafilatura.bare_extraction(
            raw.html,
            url=raw.url,
            include_comments=False,  # comments are kept by default
            favor_recall=favor_recall,  # otherwise lead/teaser paragraphs can be dropped
            include_tables=False,
            with_metadata=True,
            # trafilatura asks htmldate for the date; markup only, so a hit is trustworthy
            date_extraction_params={"extensive_search": False, "original_date": True},
        )

    doc = extract(True)
    if doc is None or isinstance(doc, dict) or not doc.text:
        raise SourceError(raw.source, "no article text found in the HTML")
    text = str(doc.text)
    words = word_count(text)
    if words < SECOND_OPINION_MAX_WORDS:  # unsure: ask trafilatura's default settings too
        second = extract(False)
        if (
            second is not None
            and not isinstance(second, dict)
            and second.text
            and word_count(str(second.text)) >= SECOND_OPINION_RATIO * words
        ):
            text = str(second.text)
    published: PublicationDate | None = None
    if doc.date:
        published = PublicationDate(value=doc.date, method="htmldate:markup", reliable=True)
    else:
        try:  # no date in the markup: htmldate's text heuristics, marked unreliable
            guess = find_date(raw.html, url=raw.url, original_date=True, extensive_search=True)
        except (ValueError, TypeError):  # htmldate rejects some malformed trees
            guess = None
        if guess:
            published = PublicationDate(value=guess, method="htmldate:heuristic", reliable=False)
    return text, doc.title or None, doc.sitename or None, published, doc.url or None, doc.author or None


def _agencies(credits: tuple[str, ...]) -> tuple[str, ...]:
    """Canonical agency names from credit strings, in order of first mention, without repeats."""
    names: list[str] = []
    for credit in credits:
        for name in agencies_in_credit(credit) or ():
            if name not in names:
                names.append(name)
    return tuple(names)


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to, by domain table (subdomains match their parent)."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    while host:
        if host in OUTLET_DOMAINS:
            return OUTLET_DOMAINS[host]
        _, _, host = host.partition(".")
        if "." not in host:
            break
    return None


def _outlet(
    raw: RawDocument, url: str | None, cleaned: Cleaned, sitename: str | None, agencies: tuple[str, ...]
) -> str | None:
    if raw.outlet:
        return raw.outlet
    from_url = outlet_from_url(url)
    if from_url:
        return from_url
    for hint in cleaned.outlet_hints:
        if hint in OUTLET_CODES:
            return OUTLET_CODES[hint]
        if len(hint) > 3:
            return hint
    page = "\n".join(r.text for r in cleaned.removed[:20])
    for pattern, name in OUTLET_SIGNATURES:
        if re.search(pattern, page, re.MULTILINE):
            return name
    if sitename:
        return sitename
    if url:
        return (urlsplit(url).hostname or "").removeprefix("www.") or None
    # an agency dateline with no other outlet: the text is the wire copy itself
    if agencies and cleaned.dateline:
        return agencies[0]
    return None


def _published(
    raw: RawDocument, html_date: PublicationDate | None, cleaned: Cleaned
) -> PublicationDate | None:
    declared = parse_date(raw.published) if raw.published else None
    if declared:
        return PublicationDate(value=declared, method="source", reliable=True)
    if html_date is not None:
        return html_date
    stated = date_from_lines(cleaned.date_lines)
    if stated is not None:
        return stated
    # nothing declared: what the text itself supports (never "now": an undated text stays undated)
    body = "\n\n".join(p.text for p in cleaned.paragraphs)
    comments = comment_times(r.text for r in cleaned.removed if r.reason == "comment")
    return estimate_date(body, comments=comments)
