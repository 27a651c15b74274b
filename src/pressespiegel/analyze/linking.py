"""Canonical entities: the NER's mentions clustered within an article and named across articles.

The NER (:mod:`pressespiegel.analyze.entities`) finds mentions; this module says which of them are
the same person, organisation or place, what that entity is called and which stable id it has, so
that "Putin", "Putins", "Wladimir Putin" and "Kremlchef Putin" are one entity, on one page, in
every article. Steps per article (:func:`link_entities`):

1. Span repair from the knowledge base: a known name the model cut or missed is made whole
   ("Kim Jong" + "Un" → "Kim Jong Un"; "Flixbus", "Tass" added). Standalone role nouns the
   knowledge base ties to one holder at the publication date become mentions too ("Der Kremlchef
   sagte" → Wladimir Putin in 2023, Dmitri Medwedew in 2010).
2. Each mention's name form: a role or title in front is set aside ("Kremlchef Putin" → "Putin",
   role "Kremlchef"; also a role word just before the mention), the genitive -s is dropped when the
   bare form is known (from the article, the knowledge base or the gazetteer: "Putins",
   "Nordkoreas"), and compounds with a generic head name their first part ("Putin-Regierung").
3. Clustering: the same name form is one entity; a surname alone joins the one longer name in the
   article that ends with it ("Küng" after "Hans Küng"), and stays on its own when two do (two
   different "Müller"); an acronym joins the name whose initials it spells ("USGS"); short forms
   the knowledge base allows only in context join their full name ("Kim" with "Kim Jong Un").
4. Linking: a cluster whose name forms match exactly one knowledge-base entry of a compatible type
   (after the date of the roles, when several share a name) takes that entry's id, canonical name
   and type; the others are named by their longest form.

Ids are stable across articles and runs: the knowledge base's own (``wd:Q64`` where HIPE gives a
Wikidata id, ``iso:RU`` for countries, ``kb:wladimir-putin`` for the hand-written entries), else
``TYPE:name key`` (``PER:hans küng``) so that the store can aggregate by it. A surname that two
people in the same article share gets an id local to that article (``PER:müller@3f2a…``): it is
not merged with anybody.

The knowledge base lives in ``kb/`` (see its README for sources and licences).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pressespiegel.analyze.entities import ROLE_ENDINGS, Entity
from pressespiegel.analyze.lexicon import entities_de as lex

__all__ = [
    "EntityProfile",
    "KBEntry",
    "KnowledgeBase",
    "LinkedMention",
    "knowledge_base",
    "link_entities",
    "name_key",
    "profile",
    "speaker_entity",
    "unlinked",
]

KB_PACKAGE = "pressespiegel.analyze"
KB_FILES = (("kb", "news_de.jsonl"), ("kb", "places_de.jsonl"))
# Longest knowledge-base alias, in words, looked for in the text (step 1).
MAX_ALIAS_WORDS = 8
# Words next to a known name inside one mention are dropped as common nouns, not kept as part of a
# name (step 1), when German uses them far more than English: names travel across languages,
# German nouns do not. A word on its own needs Zipf >= COMMON_NOUN_ZIPF in German and WORD_MARGIN
# more than in English ("Hauptstadt" 4.6 vs 0, "Munition" 4.1 vs 0), which German first names miss
# ("Georg" 4.7 vs 3.1, "Hans" 5.0 vs 3.8); a compound of MIN_COMPOUND letters or more counts when it
# ends in a word of MIN_COMPOUND_HEAD letters with Zipf >= MIN_GERMAN_ZIPF and COMMON_NOUN_MARGIN
# more than in English ("Fernost|metropole" 3.7 vs 2.3, "Artillerie|geschosse" 3.4 vs 0).
COMMON_NOUN_ZIPF = 4.0
WORD_MARGIN = 2.5
MIN_COMPOUND = 8
MIN_COMPOUND_HEAD = 4
MIN_GERMAN_ZIPF = 2.5
COMMON_NOUN_MARGIN = 1.0
# A name this frequent in English keeps its final s ("Wales", "Paris"): it is not a genitive.
ENGLISH_WORD_ZIPF = 3.0
# Characters of a text's hash in an article-local id (step 4): enough to tell articles apart.
LOCAL_ID_CHARS = 10

_WORD = re.compile(r"[^\W\d_][\w.'’]*(?:-[\w.'’]+)*")
_HYPHENS = re.compile(r"[\u2010-\u2015\-]+")
_DROPPED = re.compile(r"[.\"'’‘„“”«»‚‹›]")
_ROLE_WORDS = (*ROLE_ENDINGS, *lex.EXTRA_ROLE_ENDINGS)
# The role endings with their inflected forms ("-chefs", "-präsidenten"), for one str.endswith.
_ROLE_SUFFIXES = tuple(w + e for w in _ROLE_WORDS for e in ("", *lex.ROLE_INFLECTIONS))


def name_key(text: str) -> str:
    """The comparable form of a name: case, ß/ss, hyphens, quotes and dots ignored
    ("Kim Jong-un" and "Kim Jong Un" share "kim jong un")."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("ß", "ss")
    return " ".join(_DROPPED.sub("", _HYPHENS.sub(" ", folded)).split())


# -- the knowledge base ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class Role:
    """A role an entity held, from ``start`` (inclusive) to ``end`` (exclusive); ISO dates or None.

    ``standalone`` roles name their holder without the name ("der Kremlchef").
    """

    role: str
    start: str | None = None
    end: str | None = None
    standalone: bool = False

    def held_on(self, day: date | None) -> bool:
        """Whether the role was held on ``day`` (today's holders when the day is unknown)."""
        if day is None:
            return self.end is None
        iso = day.isoformat()
        return (self.start is None or self.start <= iso) and (self.end is None or iso < self.end)


@dataclass(frozen=True, kw_only=True, slots=True)
class KBEntry:
    """One entity of the knowledge base."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    #: Forms that name the entity only next to its full name in the same article ("Kim").
    short: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    #: Whether its aliases are looked for in the text where the NER found nothing (step 1).
    detect: bool = True
    wikidata: str | None = None


class KnowledgeBase:
    """Lookups over the knowledge-base entries: by name key, short form, role and first word."""

    def __init__(self, entries: Iterable[KBEntry]) -> None:
        self.entries: dict[str, KBEntry] = {}
        self._alias: dict[str, list[KBEntry]] = {}
        self._short: dict[str, list[KBEntry]] = {}
        self._roles: dict[str, list[tuple[KBEntry, Role]]] = {}
        #: first word as written → (alias, entry), longest alias first; for the text scan of step 1
        self.first_words: dict[str, list[tuple[str, KBEntry]]] = {}
        for entry in entries:
            self.entries[entry.id] = entry
            for alias in dict.fromkeys((entry.name, *entry.aliases)):
                _add(self._alias, name_key(alias), entry)
                words = [w.text for w in _words(alias)]
                if words and len(words) <= MAX_ALIAS_WORDS:
                    self.first_words.setdefault(words[0], []).append((alias, entry))
            for short in entry.short:
                _add(self._short, name_key(short), entry)
            for role in entry.roles:
                self._roles.setdefault(_role_key(role.role), []).append((entry, role))
        for candidates in self.first_words.values():
            candidates.sort(key=lambda item: -len(item[0]))
        #: role keys of the standalone roles, inflected forms included ("kremlchefs")
        self.standalone_forms = frozenset(
            key + ending
            for key, held in self._roles.items()
            if any(r.standalone for _, r in held)
            for ending in ("", *lex.ROLE_INFLECTIONS)
        )

    def lookup(self, key: str) -> list[KBEntry]:
        """Entries one of whose names or aliases has this key."""
        return self._alias.get(key, [])

    def short(self, key: str) -> list[KBEntry]:
        """Entries that allow this short form in context."""
        return self._short.get(key, [])

    def role_holders(self, role: str, day: date | None, *, standalone: bool = False) -> list[KBEntry]:
        """Entries that held ``role`` on ``day`` (inflected and hyphenated forms accepted:
        "Kremlchefs", "Kreml-Chef"); with ``standalone``, only roles that name their holder alone."""
        held = [
            e for e, r in self.all_role_holders(role) if r.held_on(day) and (r.standalone or not standalone)
        ]
        return list(dict.fromkeys(held))

    def all_role_holders(self, role: str) -> list[tuple[KBEntry, Role]]:
        """Every entry that ever held ``role``, with the role's terms."""
        key = _role_key(role)
        for ending in ("", *lex.ROLE_INFLECTIONS):
            if key.endswith(ending) and key[: len(key) - len(ending)] in self._roles:
                return self._roles[key[: len(key) - len(ending)]]
        return []

    def has(self, key: str) -> bool:
        return key in self._alias or key in self._short


@functools.lru_cache(maxsize=2**16)
def _role_key(role: str) -> str:
    return name_key(role).replace(" ", "")


def _add(index: dict[str, list[KBEntry]], key: str, entry: KBEntry) -> None:
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def _entry(data: Mapping[str, Any]) -> KBEntry:
    roles = tuple(
        Role(role=r["role"], start=r.get("from"), end=r.get("to"), standalone=bool(r.get("standalone")))
        for r in data.get("roles", [])
    )
    return KBEntry(
        id=data["id"],
        name=data["name"],
        type=data["type"],
        aliases=tuple(data.get("aliases", [])),
        short=tuple(data.get("short", [])),
        roles=roles,
        detect=bool(data.get("detect", True)),
        wikidata=data.get("wikidata"),
    )


@functools.cache
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base (``kb/*.jsonl``), loaded once; news agencies from the source
    list (``clean/sources_data.py``) are added as organisations."""
    from pressespiegel.clean.sources_data import AGENCY_ALIASES

    entries: list[KBEntry] = []
    for parts in KB_FILES:
        resource = importlib.resources.files(KB_PACKAGE).joinpath(*parts)
        for line in resource.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entries.append(_entry(json.loads(line)))
    known = {name_key(a) for e in entries for a in (e.name, *e.aliases)}
    for name in sorted(set(AGENCY_ALIASES.values())):
        if name_key(name) not in known:
            entries.append(
                KBEntry(id=f"kb:{name_key(name).replace(' ', '-')}", name=name, type="ORG", aliases=(name,))
            )
    return KnowledgeBase(entries)


@functools.cache
def _gazetteer_keys() -> frozenset[str]:
    """Name keys of the NER's gazetteer (countries, regions, cities): evidence for a bare form."""
    from pressespiegel.analyze.entities import _gazetteer

    return frozenset(name_key(name) for name in _gazetteer())


# -- output ------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkedMention:
    """A mention with the entity it belongs to: ``name`` is the canonical name, ``entity`` the
    stable id; ``label`` is the entity's type (the knowledge base's where it is linked)."""

    text: str
    label: str
    start: int
    end: int
    name: str
    entity: str

    def to_json(self) -> dict[str, Any]:
        """The analysis contract's entity mention: text, label, start, end, name, entity."""
        return {
            "text": self.text, "label": self.label, "start": self.start, "end": self.end,
            "name": self.name, "entity": self.entity,
        }  # fmt: skip


def unlinked(mention: Entity) -> LinkedMention:
    """A mention as its own entity (its text as name, ``TYPE:name key`` as id): what the analysis
    keeps when linking fails on a text."""
    return LinkedMention(
        text=mention.text, label=mention.label, start=mention.start, end=mention.end,
        name=mention.text, entity=f"{mention.label}:{name_key(mention.text)}",
    )  # fmt: skip


# -- step 1: span repair -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start: int
    end: int


def _words(text: str) -> list[_Word]:
    """Words with their offsets; a trailing full stop or apostrophe is not part of the word."""
    words = []
    for match in _WORD.finditer(text):
        word = match.group().rstrip(".'’")
        if word:
            words.append(_Word(word, match.start(), match.start() + len(word)))
    return words


def _alias_at(text: str, word: _Word, kb: KnowledgeBase) -> tuple[int, int, KBEntry] | None:
    """The longest alias written at ``word`` (a genitive -s allowed), as (start, end, entry)."""
    for alias, entry in kb.first_words.get(word.text, ()):
        if not text.startswith(alias, word.start):
            continue
        end = word.start + len(alias)
        for ending in ("s", "’s", "'s"):
            if text.startswith(ending, end) and not _continues(text, end + len(ending)):
                end += len(ending)
                break
        if not _continues(text, end):
            return word.start, end, entry
    return None


def _split(
    text: str, mention: Entity, start: int, end: int, entry: KBEntry, kb: KnowledgeBase
) -> list[Entity] | None:
    """A mention the model ran past a known name, cut back to it: the words around the name are
    other known names (kept as mentions: "Kim Putin") or German common nouns (dropped:
    "Putin Artilleriegeschosse", "Fernostmetropole Wladiwostok"). None when the mention is one
    name, or when a word around it could be part of the name ("Melania Trump", "Kremlchef Putin").
    """
    if (mention.start, mention.end) == (start, end):
        return None
    pieces = [Entity(text=text[start:end], label=entry.type, start=start, end=end)]
    for a, b in ((mention.start, start), (end, mention.end)):
        for word in _words(text[a:b]):
            if kb.has(name_key(word.text)):
                known = kb.lookup(name_key(word.text)) or kb.short(name_key(word.text))
                pieces.append(
                    Entity(text=word.text, label=known[0].type, start=a + word.start, end=a + word.end)
                )
            elif not _common_noun(word.text):
                return None
    return pieces


@functools.lru_cache(maxsize=2**16)
def _common_noun(word: str) -> bool:
    """A German common noun rather than a name: much more frequent in German than in English
    (names travel across languages, German nouns do not), or a compound ending in such a noun
    ("Fernostmetropole"); never a role ("Kremlchef")."""
    if _is_role(word) or not word[:1].isupper():
        return False
    lower = word.lower()
    if _german_word(lower, COMMON_NOUN_ZIPF, WORD_MARGIN):
        return True
    return len(lower) >= MIN_COMPOUND and any(
        _german_word(lower[i:], MIN_GERMAN_ZIPF, COMMON_NOUN_MARGIN)
        for i in range(2, len(lower) - MIN_COMPOUND_HEAD + 1)
    )


def _german_word(lower: str, min_zipf: float, margin: float) -> bool:
    from wordfreq import zipf_frequency

    german = zipf_frequency(lower, "de")
    return german >= min_zipf and german >= zipf_frequency(lower, "en") + margin


def _continues(text: str, end: int) -> bool:
    """Whether a word goes on at ``end`` (letters, digits or a hyphen: "US-Präsident")."""
    return end < len(text) and (text[end].isalnum() or text[end] == "-")


def _repair(text: str, mentions: list[Entity], kb: KnowledgeBase, day: date | None) -> list[Entity]:
    """Step 1: knowledge-base names made whole or added; standalone roles added.

    One pass over the words of the text; only words that start an alias or may be a standalone
    role are looked at further.
    """
    found: list[tuple[int, int, KBEntry]] = []
    roles: list[_Word] = []
    reached = 0
    for match in _WORD.finditer(text):
        start = match.start()
        surface = match.group().rstrip(".'’")
        if start < reached or not surface:
            continue
        if surface in kb.first_words:
            hit = _alias_at(text, _Word(surface, start, start + len(surface)), kb)
            if hit is not None:
                found.append(hit)
                reached = hit[1]
                continue
        if day is not None and _role_key(surface) in kb.standalone_forms:
            roles.append(_Word(surface, start, start + len(surface)))
    result = list(mentions)
    for start, end, entry in found:
        overlapping = [m for m in result if m.start < end and start < m.end]
        holder = next((m for m in overlapping if m.start <= start and end <= m.end), None)
        if holder is not None:  # the model's mention holds the alias ("Wladimir Putin" ⊇ "Putin")
            pieces = _split(text, holder, start, end, entry, kb)
            if pieces is not None:  # "Kim Putin" → "Kim" + "Putin"
                result = [m for m in result if m is not holder] + pieces
            continue
        if not overlapping and not entry.detect:
            continue
        result = [m for m in result if m not in overlapping]
        result.append(Entity(text=text[start:end], label=entry.type, start=start, end=end))
    if roles:
        result += _role_mentions(text, roles, result, kb, day)
    return sorted(result, key=lambda m: (m.start, m.end))


def _role_mentions(
    text: str, roles: list[_Word], mentions: list[Entity], kb: KnowledgeBase, day: date | None
) -> list[Entity]:
    """Standalone role words ("der Kremlchef") as mentions of the one entity that held the role on
    ``day``, unless the role is generic or stands before a name."""
    starts = {m.start for m in mentions}
    named = {e.id for m in mentions for e in kb.lookup(name_key(_strip_role(m.text)[0]))}
    added = []
    for word in roles:
        if not word.text[:1].isupper() or any(m.start < word.end and word.start < m.end for m in mentions):
            continue
        holders = kb.role_holders(word.text, day, standalone=True)
        if len(holders) != 1 or _role_is_generic(text, word, holders[0], named, kb):
            continue
        gap = len(text) - len(text[word.end :].lstrip(" \u00a0"))
        if gap - word.end == 1 and gap in starts:
            continue  # a role in front of a name ("Kremlchef Putin"): the name is the mention
        added.append(Entity(text=word.text, label=holders[0].type, start=word.start, end=word.end))
    return added


def _role_is_generic(text: str, word: _Word, holder: KBEntry, named: set[str], kb: KnowledgeBase) -> bool:
    """Whether a standalone role word names no one in particular: "eines Papstes", "ein künftiger
    US-Präsident", or an article about another holder of the role (a film about John Paul II
    published under Benedict XVI)."""
    before = re.search(r"(\w+)\W*$", text[max(0, word.start - 40) : word.start])
    if before and before.group(1).lower().startswith(lex.UNSPECIFIC_ROLE_WORDS):
        return True
    others = {e.id for e, _ in kb.all_role_holders(word.text)} - {holder.id}
    return bool(others & named) and holder.id not in named


# -- step 2: name forms ------------------------------------------------------------------------


@functools.lru_cache(maxsize=2**16)
def _is_role(word: str) -> bool:
    """A capitalised role or title word ("Kremlchef", "US-Präsident", "Dr.", "Putin-Kritiker")."""
    if not word[:1].isupper():
        return False
    if word.lower().endswith(_ROLE_SUFFIXES):
        return True
    return "-" in word and word.rsplit("-", 1)[1] in lex.COMPOUND_HEADS


@dataclass(kw_only=True)
class _Form:
    mention: Entity
    surface: str  # the name as written, role and genitive taken off
    key: str
    role: str | None


def _strip_role(text: str) -> tuple[str, str | None]:
    """The name without the role or title words in front ("Kremlchef Putin") or inside it
    ("Joseph Kardinal Ratzinger"), and the role."""
    words = text.split()
    role = None
    while len(words) > 1 and _is_role(words[0]):
        role = words[0] if role is None else f"{role} {words[0]}"
        words = words[1:]
    inner = [w for w in words[1:-1] if w in lex.NAME_TITLES]
    if inner:
        words = [w for w in words if w not in inner]
        role = role or inner[0]
    return " ".join(words), role


def _role_before(text: str, start: int) -> str | None:
    """A role word right before a mention ("Kremlchef Wladimir Putin", "Machthaber Kim")."""
    match = re.search(r"([^\W\d_][\w-]*)[ \u00a0]+$", text[max(0, start - 60) : start])
    return match.group(1) if match and _is_role(match.group(1)) else None


@functools.lru_cache(maxsize=2**16)
def _english_word(surface: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(surface.lower(), "en") >= ENGLISH_WORD_ZIPF


def _bare_forms(surface: str) -> list[str]:
    """The surface and its forms without a genitive ending, most likely first; for a name that
    starts with inflected adjectives, the nominative ones too ("Nordamerikanischen Platte" →
    "Nordamerikanische Platte", "Deutschen Bundestages" → "Deutscher Bundestag")."""
    forms = [surface]
    for ending in ("’s", "'s", "’", "'", "es", "s"):
        if surface.endswith(ending) and len(surface) - len(ending) >= 2 and not surface.endswith("ss"):
            forms.append(surface[: -len(ending)])
    words = surface.split()
    if len(words) > 1 and words[0][:1].isupper() and words[0].endswith(lex.ADJECTIVE_ENDINGS):
        for base in list(forms):
            head, *rest = base.split()
            stem = head[:-2] if head.endswith(("en", "er", "es", "em")) else head[:-1]
            forms += [" ".join([stem + e, *rest]) for e in ("e", "er", "es")]
    return forms


def _forms(text: str, mentions: list[Entity], kb: KnowledgeBase, day: date | None) -> list[_Form]:
    """Step 2 for every mention of one article."""
    stripped = [_strip_role(m.text) for m in mentions]
    doc_keys = {name_key(s) for s, _ in stripped}
    doc_last = {word for k in doc_keys if " " in k for word in k.split()[1:]}
    gazetteer = _gazetteer_keys()

    def known(key: str, own: str, label: str) -> bool:
        in_article = key != own and (key in doc_keys or key in doc_last)
        return kb.has(key) or in_article or (label == "LOC" and key in gazetteer)

    forms = []
    for mention, (surface, role) in zip(mentions, stripped, strict=True):
        own, label = name_key(surface), mention.label
        if "-" in surface and not known(own, own, label):
            head, _, tail = surface.partition("-")
            if tail in lex.COMPOUND_HEADS and known(name_key(head), own, label):
                surface = head  # "Putin-Regierung" mentions Putin
        if not known(own, own, label) and not _english_word(surface):
            surface = next((f for f in _bare_forms(surface) if known(name_key(f), own, label)), surface)
        role = role or _role_before(text, mention.start)
        holders = kb.role_holders(surface, day, standalone=True) if not kb.has(name_key(surface)) else []
        if len(holders) == 1:  # "der Kremlchef" (a role mention of step 1, or the model's)
            role, surface = surface, holders[0].name
        forms.append(_Form(mention=mention, surface=surface, key=name_key(surface), role=role))
    return forms


# -- steps 3 and 4: clusters and links ---------------------------------------------------------


@dataclass(kw_only=True)
class _Cluster:
    forms: list[_Form] = field(default_factory=list)
    entry: KBEntry | None = None
    local: bool = False

    @property
    def keys(self) -> set[str]:
        return {f.key for f in self.forms}

    @property
    def longest(self) -> _Form:
        return max(self.forms, key=lambda f: (len(f.key.split()), f.mention.label == "PER", -f.mention.start))

    def label(self) -> str:
        """The knowledge base's type, else the label most mentions have (the longest name's on a tie)."""
        if self.entry is not None:
            return self.entry.type
        votes = Counter(f.mention.label for f in self.forms)
        longest = self.longest.mention.label
        return max(votes, key=lambda label: (votes[label], label == longest))


def _kb_entry(forms: Sequence[_Form], kb: KnowledgeBase, day: date | None) -> KBEntry | None:
    """The one entry the cluster's name forms name (step 4), or None when none or several do."""
    candidates: dict[str, KBEntry] = {}
    for form in forms:
        for entry in kb.lookup(form.key):
            candidates[entry.id] = entry
    if len(candidates) > 1:  # several share a name: the type, then the roles decide
        labels = {f.mention.label for f in forms}
        typed = {i: e for i, e in candidates.items() if e.type in labels}
        candidates = typed or candidates
    if len(candidates) > 1:
        roles = {f.role for f in forms if f.role}
        holders = {e.id for r in roles for e in kb.role_holders(r, day)}
        candidates = {i: e for i, e in candidates.items() if i in holders} or candidates
    return next(iter(candidates.values())) if len(candidates) == 1 else None


def _clusters(forms: list[_Form], kb: KnowledgeBase, day: date | None) -> list[_Cluster]:
    by_key: dict[str, _Cluster] = {}
    for form in forms:
        by_key.setdefault(form.key, _Cluster()).forms.append(form)
    clusters = list(by_key.values())
    for cluster in clusters:
        cluster.entry = _kb_entry(cluster.forms, kb, day)
    merged = _merge_by_entry(clusters)
    for cluster in merged:
        if cluster.entry is None:
            _absorb(cluster, merged, kb, day)
    return _merge_by_entry([c for c in merged if c.forms])


def _merge_by_entry(clusters: list[_Cluster]) -> list[_Cluster]:
    by_id: dict[str, _Cluster] = {}
    result = []
    for cluster in clusters:
        if cluster.entry is None:
            result.append(cluster)
            continue
        if cluster.entry.id in by_id:
            by_id[cluster.entry.id].forms.extend(cluster.forms)
            continue
        by_id[cluster.entry.id] = cluster
        result.append(cluster)
    return result


def _absorb(cluster: _Cluster, clusters: list[_Cluster], kb: KnowledgeBase, day: date | None) -> None:
    """Step 3 for a cluster whose names are all one word: join the one longer name it is short
    for (its forms move there). Two candidates make it ambiguous (article-local)."""
    keys = cluster.keys
    if any(" " in key for key in keys):
        return
    others = [c for c in clusters if c is not cluster and c.forms]
    # a surname after the full name ("Küng" after "Hans Küng"), persons only
    longer = [
        c for c in others
        if any(" " in k and _short_for(keys, k, cluster) for k in c.keys) and c.label() == "PER"
    ]  # fmt: skip
    # a short form the knowledge base allows next to its full name ("Kim" with "Kim Jong Un")
    shorts = {e.id for k in keys for e in kb.short(k)}
    longer += [c for c in others if c.entry is not None and c.entry.id in shorts and c not in longer]
    # an acronym of a longer name in the article ("USGS" for "United States Geological Survey")
    longer += [c for c in others if c not in longer and any(_spells(f.surface, c) for f in cluster.forms)]
    targets = list({id(c): c for c in longer}.values())
    if len(targets) == 1:
        targets[0].forms.extend(cluster.forms)
        cluster.forms = []
        return
    if not targets and shorts:  # "Machthaber Kim" alone: the role held on the day decides
        roles = {f.role for f in cluster.forms if f.role}
        holders = {e.id: e for r in roles for e in kb.role_holders(r, day) if e.id in shorts}
        if len(holders) == 1:
            cluster.entry = next(iter(holders.values()))
            return
    cluster.local = len(targets) > 1


def _short_for(keys: set[str], longer: str, cluster: _Cluster) -> bool:
    """Whether a one-word name is short for a longer person's name: its surname (the last word),
    or, said of a person, another of its later words ("Pérez" for "Adolfo Pérez Esquivel").
    Acronyms are not ("ESPASA" next to "José Espasa Anguera")."""
    if any(f.surface.isupper() and len(f.surface) > 1 for f in cluster.forms):
        return False
    words = longer.split()
    if words[-1] in keys:
        return True
    return cluster.label() == "PER" and bool(keys & set(words[1:-1]))


def _spells(word: str, cluster: _Cluster) -> bool:
    if not (2 <= len(word) <= 6 and word.isupper() and word.isalpha()):
        return False
    for form in cluster.forms:
        words = [w for w in form.surface.split() if w not in lex.ACRONYM_SKIPPED]
        if len(words) == len(word) and "".join(w[0] for w in words).upper() == word:
            return True
    return False


def link_entities(
    text: str, mentions: Sequence[Entity], *, published: date | None = None
) -> list[LinkedMention]:
    """The article's mentions, repaired and linked: each with its entity's name and id (steps 1–4).

    ``published`` dates the roles ("Kremlchef" in 2010 is Medwedew); without it a role word alone
    names nobody, and a role before a name counts today's holders. The result is ordered by position.
    """
    kb = knowledge_base()
    repaired = _repair(text, list(mentions), kb, published)
    if not repaired:
        return []
    forms = _forms(text, repaired, kb, published)
    clusters = [c for c in _clusters(forms, kb, published) if c.forms]
    local_suffix = hashlib.sha256(text.encode("utf-8")).hexdigest()[:LOCAL_ID_CHARS]
    linked = []
    for cluster in clusters:
        label = cluster.label()
        if cluster.entry is not None:
            name, entity = cluster.entry.name, cluster.entry.id
        else:
            name = cluster.longest.surface
            entity = f"{label}:{name_key(name)}" + (f"@{local_suffix}" if cluster.local else "")
        for form in cluster.forms:
            m = form.mention
            linked.append(
                LinkedMention(text=m.text, label=label, start=m.start, end=m.end, name=name, entity=entity)
            )
    return sorted(linked, key=lambda m: (m.start, m.end))


# -- across articles -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class EntityProfile:
    """One entity as the articles and the knowledge base describe it: for its page and the API."""

    id: str
    name: str
    type: str
    #: how the articles write it, most frequent first ("Putin", "Wladimir Putin", "Putins", ...)
    aliases: tuple[str, ...]
    #: the roles the knowledge base knows and the quotes give it ("Kremlchef", "Präsident")
    roles: tuple[str, ...]
    mentions: int
    wikidata: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
            "roles": list(self.roles), "mentions": self.mentions, "wikidata": self.wikidata,
        }  # fmt: skip


def profile(entity: str, analyses: Iterable[Mapping[str, Any]]) -> EntityProfile | None:
    """The profile of ``entity`` from the analyses (contract dicts) of the articles mentioning it;
    None when none of them does. Names and types are counted over the mentions; an entity of the
    knowledge base keeps its own name and type."""
    aliases: Counter[str] = Counter()
    names: Counter[str] = Counter()
    types: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for analysis in analyses:
        for mention in analysis.get("entities") or []:
            if mention.get("entity") == entity:
                aliases[str(mention.get("text"))] += 1
                names[str(mention.get("name") or mention.get("text"))] += 1
                types[str(mention.get("label"))] += 1
        for quote in analysis.get("quotes") or []:
            if quote.get("speaker_entity") == entity and quote.get("speaker_role"):
                roles[str(quote["speaker_role"])] += 1
    if not aliases:
        return None
    entry = knowledge_base().entries.get(entity)
    known = [r.role for r in entry.roles] if entry else []
    return EntityProfile(
        id=entity,
        name=entry.name if entry else names.most_common(1)[0][0],
        type=entry.type if entry else types.most_common(1)[0][0],
        aliases=tuple(a for a, _ in aliases.most_common()),
        roles=tuple(dict.fromkeys([*known, *(r for r, _ in roles.most_common())])),
        mentions=sum(aliases.values()),
        wikidata=entry.wikidata if entry else None,
    )


# -- speakers ----------------------------------------------------------------------------------


def speaker_entity(
    spans: Sequence[tuple[int, int]], name: str | None, role: str | None, mentions: Sequence[LinkedMention],
    published: date | None = None,
) -> str | None:  # fmt: skip
    """The entity id of a quote's speaker: the person or organisation mention inside the speaker
    phrase, else the article's entity the resolved name names ("Peskow", a pronoun resolved to
    him), else the knowledge base's holder of the speaker's role ("Kremlsprecher")."""
    speaking = [m for m in mentions if m.label in ("PER", "ORG")]
    inside = [m for m in speaking if any(s <= m.start and m.end <= e for s, e in spans)]
    if name and inside:
        key = name_key(name)
        named = [m for m in inside if key.endswith(name_key(m.text))]
        inside = named or inside
    if inside:  # the head of the phrase: a person before an organisation, the last one
        return max(inside, key=lambda m: (m.label == "PER", m.start)).entity
    if name:
        key = name_key(_strip_role(name)[0])
        for bare in [key, *(name_key(f) for f in _bare_forms(_strip_role(name)[0])[1:])]:
            ids = {m.entity for m in speaking if name_key(m.name) == bare or name_key(m.text) == bare}
            ids |= {
                m.entity for m in speaking if " " in name_key(m.name) and name_key(m.name).split()[-1] == bare
            }
            if len(ids) == 1:
                return ids.pop()
        entries = knowledge_base().lookup(key)
        if len(entries) == 1 and entries[0].type in ("PER", "ORG"):
            return entries[0].id
    if role:
        holders = knowledge_base().role_holders(role.split()[-1], published, standalone=True)
        if len(holders) == 1:
            return holders[0].id
    return None
