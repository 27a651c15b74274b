"""The topic query language: search words plus fields and boolean operators, matched per article.

A query is what the search box takes — words, each matching a title or body word it begins
(``Waffen`` finds "Waffenlieferung") or, in German articles, the word's lemma (``sagte`` finds
"sagen") — plus:

* ``"Wladimir Putin"``: a phrase, the words in this order (German quotes „…“ work too);
* ``entity:"Wladimir Putin"``: a named entity the analysis found, by its text or canonical name
  (the value's words must appear in that order in the name: ``entity:Putin`` finds "Wladimir
  Putin"); ``speaker:Peskow``: a quotation's speaker, likewise; ``outlet:Tagesschau`` or
  ``outlet:tagesschau.de``: the outlet's name or the article's host; ``lang:de``: the language;
* ``AND`` (also implied between terms), ``OR``, ``NOT`` or a leading ``-``, and parentheses; the
  German ``UND``, ``ODER``, ``NICHT`` work as well. Operators must be written in capitals, so
  "und" and "oder" in a query are words. ``NOT`` binds tightest, then ``AND``, then ``OR``.

:func:`parse` turns the text into a tree (raising :class:`QueryError` with the position of the
problem); :meth:`Node.matches` tests it against an :class:`ArticleView`, the words, lemmas,
entities and speakers of one article computed once, whatever the number of topics.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from pressespiegel.errors import PressespiegelError
from pressespiegel.records import Article
from pressespiegel.store.search import fold, lemma

Field = Literal["entity", "speaker", "outlet", "lang"]
FIELDS: tuple[Field, ...] = ("entity", "speaker", "outlet", "lang")
OPERATORS = {"AND": "AND", "UND": "AND", "OR": "OR", "ODER": "OR", "NOT": "NOT", "NICHT": "NOT"}
#: Longest query accepted, in characters (a topic is a few terms, not a pasted article).
MAX_QUERY_CHARS = 1000
_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<open>\() | (?P<close>\)) |
      (?P<field>[A-Za-z]+):(?:["„“”](?P<fquoted>[^"„“”]*)["„“”]|(?P<fword>[^\s()"„“”]*)) |
      ["„“”](?P<phrase>[^"„“”]*)["„“”] |
      (?P<neg>-)(?=[^\s)]) |
      (?P<word>[^\s()"„“”]+)
    )""",
    re.VERBOSE,
)


class QueryError(PressespiegelError):
    """A topic query that cannot be read; the message says where and why."""


def words_of(text: str) -> tuple[str, ...]:
    """The folded words of ``text`` (lower case, no diacritics), as the matcher compares them."""
    return tuple(fold(w) for w in _WORD.findall(text))


def _contains_run(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


@dataclass(frozen=True, slots=True)
class ArticleView:
    """What queries look at in one article, folded once: words, lemmas, names, outlet, language."""

    words: tuple[str, ...]
    sorted_words: tuple[str, ...]
    lemmas: frozenset[str]
    entities: tuple[tuple[str, ...], ...]
    speakers: tuple[tuple[str, ...], ...]
    outlet: tuple[str, ...]
    host: str
    language: str

    @classmethod
    def of(cls, article: Article) -> ArticleView:
        analysis = article.analysis or {}
        raw = _WORD.findall(f"{article.title or ''} {article.text}")
        words = tuple(fold(w) for w in raw)
        german = (article.language or "de") == "de"
        names: set[tuple[str, ...]] = set()
        for entity in analysis.get("entities") or []:
            for key in ("text", "name", "entity"):  # surface form; canonical name and id (issue 14)
                value = entity.get(key)
                if isinstance(value, str) and value.strip():
                    names.add(words_of(value))
        speakers: set[tuple[str, ...]] = set()
        for quote in analysis.get("quotes") or []:
            for key in ("speaker_name", "speaker_entity"):
                value = quote.get(key)
                if isinstance(value, str) and value.strip():
                    speakers.add(words_of(value))
        host = (urlsplit(article.url).hostname or "") if article.url else ""
        return cls(
            words=words,
            sorted_words=tuple(sorted(set(words))),
            lemmas=frozenset(lemma(w) for w in set(raw)) if german else frozenset(),
            entities=tuple(sorted(names)),
            speakers=tuple(sorted(speakers)),
            outlet=words_of(article.outlet or ""),
            host=host.lower().removeprefix("www."),
            language=(article.language or "").lower(),
        )

    def has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self.sorted_words, prefix)
        return i < len(self.sorted_words) and self.sorted_words[i].startswith(prefix)


class Node:
    """A query tree node."""

    def matches(self, view: ArticleView) -> bool:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Word(Node):
    """A search word: prefix of a word in title or body, or the same lemma (German)."""

    folded: str
    lemma: str

    def matches(self, view: ArticleView) -> bool:
        return view.has_prefix(self.folded) or self.lemma in view.lemmas


@dataclass(frozen=True, slots=True)
class Phrase(Node):
    """Words in this order, each whole."""

    words: tuple[str, ...]

    def matches(self, view: ArticleView) -> bool:
        if not self.words:
            return False
        if len(self.words) == 1:
            i = bisect.bisect_left(view.sorted_words, self.words[0])
            return i < len(view.sorted_words) and view.sorted_words[i] == self.words[0]
        return _contains_run(view.words, self.words)


@dataclass(frozen=True, slots=True)
class FieldTerm(Node):
    """``field:value`` (see the module docstring)."""

    field: Field
    value: tuple[str, ...]
    raw: str

    def matches(self, view: ArticleView) -> bool:
        if self.field == "lang":
            return view.language == self.raw.lower()
        if self.field == "outlet":
            host = self.raw.lower().removeprefix("www.")
            if "." in host and (view.host == host or view.host.endswith("." + host)):
                return True
            return bool(self.value) and _contains_run(view.outlet, self.value)
        names = view.entities if self.field == "entity" else view.speakers
        return bool(self.value) and any(_contains_run(name, self.value) for name in names)


@dataclass(frozen=True, slots=True)
class Not(Node):
    child: Node

    def matches(self, view: ArticleView) -> bool:
        return not self.child.matches(view)


@dataclass(frozen=True, slots=True)
class All(Node):
    children: tuple[Node, ...]

    def matches(self, view: ArticleView) -> bool:
        return all(c.matches(view) for c in self.children)


@dataclass(frozen=True, slots=True)
class Any_(Node):
    children: tuple[Node, ...]

    def matches(self, view: ArticleView) -> bool:
        return any(c.matches(view) for c in self.children)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: Literal["open", "close", "op", "neg", "term"]
    text: str
    at: int
    node: Node | None = None


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        if not text[position:].strip():
            break
        m = _TOKEN.match(text, position)
        if m is None or m.end() == position:
            quote = text[position:].lstrip()[:1]
            where = len(text) - len(text[position:].lstrip()) + 1
            if quote in '"„“”':
                raise QueryError(f"unclosed quotation mark at character {where}")
            raise QueryError(f"cannot read the query at character {where}")
        at = m.start() + len(m.group()) - len(m.group().lstrip()) + 1
        position = m.end()
        if m["open"]:
            tokens.append(_Token("open", "(", at))
        elif m["close"]:
            tokens.append(_Token("close", ")", at))
        elif m["neg"]:
            tokens.append(_Token("neg", "-", at))
        elif m["field"] is not None:
            name = m["field"].lower()
            value = m["fquoted"] if m["fquoted"] is not None else m["fword"]
            if name not in FIELDS:
                raise QueryError(
                    f"unknown field {m['field']}: at character {at} (fields: "
                    + ", ".join(f"{f}:" for f in FIELDS)
                    + ")"
                )
            if not value.strip():
                raise QueryError(f"{name}: needs a value at character {at}")
            term = FieldTerm(name, words_of(value), value.strip())
            tokens.append(_Token("term", value, at, term))
        elif m["phrase"] is not None:
            words = words_of(m["phrase"])
            if not words:
                raise QueryError(f"empty phrase at character {at}")
            tokens.append(_Token("term", m["phrase"], at, Phrase(words)))
        else:
            word = m["word"]
            if word in OPERATORS:
                tokens.append(_Token("op", OPERATORS[word], at))
                continue
            parts = _WORD.findall(word)
            if not parts:
                continue  # punctuation only: ignored, as the search box does
            nodes = [Word(fold(p), lemma(p)) for p in parts]
            tokens.append(_Token("term", word, at, nodes[0] if len(nodes) == 1 else Phrase(words_of(word))))
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while (t := self.peek()) is not None and t.kind == "op" and t.text == "OR":
            self.take()
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Any_(tuple(children))

    def parse_and(self) -> Node:
        children = [self.parse_not()]
        while (t := self.peek()) is not None and t.kind != "close" and (t.kind, t.text) != ("op", "OR"):
            if t.kind == "op" and t.text == "AND":
                self.take()
            children.append(self.parse_not())
        return children[0] if len(children) == 1 else All(tuple(children))

    def parse_not(self) -> Node:
        t = self.peek()
        if t is not None and (t.kind == "neg" or (t.kind == "op" and t.text == "NOT")):
            self.take()
            return Not(self.parse_not())
        return self.parse_atom()

    def parse_atom(self) -> Node:
        t = self.peek()
        if t is None:
            raise QueryError("the query ends where a term is expected")
        self.take()
        if t.kind == "open":
            node = self.parse_or()
            closing = self.peek()
            if closing is None or closing.kind != "close":
                raise QueryError(f"parenthesis opened at character {t.at} is not closed")
            self.take()
            return node
        if t.kind == "term" and t.node is not None:
            return t.node
        raise QueryError(f"unexpected {t.text!r} at character {t.at}")


def parse(text: str) -> Node:
    """The query tree of ``text``; raise :class:`QueryError` naming the problem and its position."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    tokens = _tokens(text)
    if not any(t.kind == "term" for t in tokens):
        raise QueryError("the query has no search term")
    parser = _Parser(tokens)
    node = parser.parse_or()
    if parser.peek() is not None:
        t = parser.take()
        raise QueryError(f"unexpected {t.text!r} at character {t.at}")
    if _only_negative(node):
        raise QueryError("a query must say what to find, not only what to leave out")
    return node


def _only_negative(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, All):
        return all(_only_negative(c) for c in node.children)
    if isinstance(node, Any_):
        return any(_only_negative(c) for c in node.children)
    return False


def matching(node: Node, articles: Iterable[Article]) -> list[str]:
    """Ids of the articles ``node`` matches."""
    return [a.id for a in articles if node.matches(ArticleView.of(a))]


__all__ = ["FIELDS", "ArticleView", "Node", "QueryError", "matching", "parse", "words_of"]
