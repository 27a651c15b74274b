"""Step 7b: a speaker phrase read as a mention: who is named, in which role, of which kind.

"die Sprecherin des Nationalen Sicherheitsrats der USA, Adrienne Watson" is the person Adrienne
Watson in the role "Sprecherin des Nationalen Sicherheitsrats der USA"; "Angaben des
Verteidigungsministeriums in Berlin" names the organisation "Verteidigungsministerium in Berlin";
"nach US-Angaben" the USA; "nach eigenen Angaben" the subject of its clause; "Medienberichten"
nobody in particular. The name is what a reader (and an entity linker) should see: nominative, no
article, particles kept ("Ursula von der Leyen", "Rainer de Meijer"), a party in parentheses moved
to ``party`` ("Gerhard Karner (ÖVP)"), the generic noun before a medium's name dropped
("Nachrichtenagentur Tass" -> Tass).

Persons are told from role nouns by the lexicon and, where the analysis passes them, by the names
the entity model found in the article (:class:`Names`): in "Teamkollege Nico Elvedi" only the
last two words are a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pressespiegel.analyze.lexicon import names_de
from pressespiegel.analyze.lexicon import quotes_de as lex
from pressespiegel.analyze.lexicon import speakers_de as slex
from pressespiegel.analyze.quotes.words import ADJ, PLACE_ADJ, is_cap, is_role, is_role_form, is_source_noun

Kind = Literal["per", "org", "src", "self", "back", "?"]


@dataclass(frozen=True, slots=True)
class Mention:
    """What a speaker phrase says about its speaker.

    ``kind``: ``per`` a person, ``org`` an organisation or a group, ``src`` a source that names
    nobody ("Medienberichten", "dem Vernehmen"), ``self`` the clause's own subject ("nach eigenen
    Angaben"), ``back`` a source named before ("dem Bericht zufolge", "ihren Angaben nach"; the
    gender is that of a possessive), ``?`` a role without a name ("der Sprecher"), to be resolved
    by coreference.
    ``gender``: natural gender of a person, grammatical gender of an organisation's head noun
    ("die Regierung" f, "das Ministerium" n), ``?`` when unknown.
    """

    name: str | None
    role: str | None
    gender: str
    kind: Kind
    plural: bool = False
    party: str | None = None


_AFTER_OPENING_MARK = re.compile(r"([„»‚]) ")
_BEFORE_CLOSING_MARK = re.compile(r" ([“«‘])")
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9/&.-]{1,9}$")


def joined(words: list[str]) -> str | None:
    """Words of a name or role as written: no space inside German quotation marks ("Zeitung „Bild“")."""
    text = _BEFORE_CLOSING_MARK.sub(r"\1", _AFTER_OPENING_MARK.sub(r"\1", " ".join(words)))
    return text or None


def is_person_name(name: str) -> bool:
    """Capitalised words (and name particles) that are not an institution: "Heike van Laak"."""
    words = name.split()
    if not words or len(words) > 4:
        return False
    low = name.lower()
    return not low.endswith(lex.INSTITUTION_SUFFIXES) and all(
        is_cap(w) or w in lex.SURNAME_PARTICLES for w in words
    )


@lru_cache(maxsize=8192)
def first_name_gender(word: str) -> str:
    """``m``/``f`` for a first name in the lexicon, else ``?``."""
    first = word.split("-")[0]
    if first in names_de.FEMALE_FIRST_NAMES:
        return "f"
    if first in names_de.MALE_FIRST_NAMES:
        return "m"
    return "?"


@lru_cache(maxsize=8192)
def role_gender(word: str) -> str:
    """Gender of a role or descriptor noun: "Sprecherin" f, "Sprecher" m, "Jährige" ?."""
    low = word.lower()
    if low.endswith(slex.FEMININE_ROLE_ENDINGS) and not low.endswith(slex.NOT_FEMININE_ENDINGS):
        return "f"
    if low.endswith(slex.EPICENE_ROLE_ENDINGS):
        return "?"
    return "m" if is_role_form(word) else "?"


@lru_cache(maxsize=8192)
def org_gender(head: str) -> str:
    """Grammatical gender of an organisation's head noun ("Ministerium" n, "Regierung" f)."""
    low = head.lower()
    for endings, gender in ((slex.NEUTER_ORG_ENDINGS, "n"), (slex.FEMININE_ORG_ENDINGS, "f")):
        if low.endswith(endings):
            return gender
    return "m" if low.endswith(slex.MASCULINE_ORG_ENDINGS) else "?"


def _is_org_head(word: str) -> bool:
    low = word.lower()
    return (
        low.endswith(lex.INSTITUTION_SUFFIXES)
        or low.endswith(slex.FEMININE_ORG_ENDINGS + slex.NEUTER_ORG_ENDINGS + slex.MASCULINE_ORG_ENDINGS)
        or word in slex.GROUP_NOUNS
        or bool(_ACRONYM.match(word))
    )


def _strip_parentheses(words: list[str]) -> tuple[list[str], list[str]]:
    """Words outside parentheses, and what stood inside ("Gerhard Karner (ÖVP)" -> ÖVP)."""
    out: list[str] = []
    inside: list[str] = []
    depth = 0
    for w in words:
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside.append(w)
        else:
            out.append(w)
    return out, inside


def _genitive_org_stem(word: str) -> str | None:
    """The nominative of an institution head in the genitive ("Außenministeriums" ->
    Außenministerium, "Bundesamtes" -> Bundesamt), or None."""
    if not word.endswith("s") or len(word) <= 3:
        return None
    stems = [word[:-2], word[:-1]] if word.endswith("es") else [word[:-1]]
    return next((s for s in stems if _is_org_head(s)), None)


def _nominative(words: list[str]) -> list[str]:
    """An organisation's phrase in the genitive or dative, turned nominative without its article:
    "des russischen Außenministeriums" -> "russisches Außenministerium", "der Polizei" -> "Polizei",
    "des Weißen Hauses in Washington" -> "Weißes Haus in Washington"."""
    if not words:
        return words
    article = words[0].lower()
    if article not in lex.DETERMINERS:
        return words
    rest = words[1:]
    first_cap = next((k for k, w in enumerate(rest) if is_cap(w)), None)
    if first_cap is None:
        return rest
    head_i = first_cap
    while head_i + 1 < len(rest) and is_cap(rest[head_i + 1]) and rest[head_i].endswith("en"):
        head_i += 1  # capitalised adjectives in a name: "Weißen Hauses", "Nationalen Sicherheitsrats"
    head = rest[head_i]
    if article in ("des", "eines"):
        head = _genitive_org_stem(head) or head
    gender = org_gender(head)
    ending = {"n": "es", "m": "er", "f": "e"}.get(gender, "e")
    adjectives = []
    for k, w in enumerate(rest[:head_i]):
        lower_adj = bool(ADJ.match(w)) and not w.endswith("s")
        cap_adj = is_cap(w) and w.endswith("en") and k >= first_cap
        if (lower_adj or cap_adj) and article in ("des", "der", "dem", "den", "eines", "einer", "einem"):
            adjectives.append(re.sub(r"(en|em|er|es|e)$", "", w) + ending)
        else:
            adjectives.append(w)
    return [*adjectives, head, *rest[head_i + 1 :]]


def _without_articles(words: list[str]) -> list[str]:
    """Articles left out at the start and after "und" ("die Polizei und die Feuerwehr" -> "Polizei
    und Feuerwehr"); possessives stay ("USA und ihre Verbündeten")."""
    out: list[str] = []
    for k, w in enumerate(words):
        if w.lower() in slex.ARTICLES and (k == 0 or words[k - 1] in ("und", "sowie", ",")):
            continue
        out.append(w)
    return out


def _origin(prefix: list[str], gender: str) -> list[str]:
    """Adjectives of origin before a role, in the strong nominative: "der ukrainische
    Außenminister" -> "ukrainischer Außenminister", "die rumänische Außenministerin" -> "rumänische
    Außenministerin". They say whom the speaker speaks for; other adjectives are left out."""
    ending = {"m": "er", "f": "e", "n": "es"}.get(gender)
    if ending is None:
        return []
    return [re.sub(r"(e|en|er|es|em)$", "", w) + ending for w in prefix if PLACE_ADJ.match(w)]


def _role_nominative(words: list[str]) -> list[str]:
    """A role noun in the genitive or dative back in the nominative: "des Sprechers des Rats" ->
    "Sprecher des Rats", "dem Präsidenten" -> "Präsident"."""
    out = list(words)
    for k, w in enumerate(out):
        if is_role(w):
            break
        if is_role_form(w) and is_cap(w):
            for end in lex.ROLE_INFLECTIONS:
                if w.endswith(end) and is_role(w[: -len(end)]):
                    out[k] = w[: -len(end)]
                    break
            break
    return out


def _without_place(part: list[str]) -> list[str]:
    """Where a person was is not part of their name ("Merkel im Bundestag" is Merkel, "der Sprecher
    in Berlin" a Sprecher); an institution keeps its place ("das Verteidigungsministerium in
    London" is not the one in Moskau)."""
    m = next((m for m, w in enumerate(part) if m > 0 and w in lex.PLACE_PREPOSITIONS), None)
    if m is None:
        return part
    head = part[:m]
    person = head[0].lower() not in lex.DETERMINERS and is_person_name(" ".join(head))
    return head if person or any(is_role(w) for w in head) else part


def _medium_name(words: list[str]) -> list[str]:
    """The proper name of a medium after its generic noun: "staatliche Nachrichtenagentur Tass" ->
    Tass, "Zeitung „New York Times“" -> New York Times."""
    for k, w in enumerate(words[:-1]):
        if w in slex.MEDIUM_NOUNS or w.lower().endswith(slex.MEDIUM_NOUN_ENDINGS):
            rest = [x for x in words[k + 1 :] if x not in slex.QUOTE_MARK_TOKENS]
            if rest and all(is_cap(x) or x in lex.NAME_PARTICLES or x[:1].isdigit() for x in rest):
                return rest
    return words


def _person_start(rest: list[str], person_words: frozenset[str]) -> int | None:
    """Where a trailing person's name begins in ``rest`` (after a role or its genitive complement),
    judged by the names the entity model found in the article."""
    if not person_words:
        return None
    k = len(rest)
    while k > 0 and (rest[k - 1] in person_words or (rest[k - 1] in lex.NAME_PARTICLES and k > 1)):
        k -= 1
    while k < len(rest) and rest[k] in lex.NAME_PARTICLES:
        k += 1
    return k if k < len(rest) else None


@dataclass(frozen=True, slots=True)
class Names:
    """Words of the persons and organisations the entity model found in the article."""

    persons: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()


NO_NAMES = Names()


def _is_org_head_form(word: str) -> bool:
    """An institution head, also in the genitive ("des Außenministeriums", "des Bundesamtes")."""
    if _is_org_head(word):
        return True
    return is_cap(word) and len(word) >= 5 and _genitive_org_stem(word) is not None


def _org_like(rest: list[str], names: Names) -> bool:
    """Whether words name an organisation: an institution head (in any case), a medium, an
    acronym, or words the entity model tagged as an organisation and not as a person."""
    if any(_is_org_head_form(w) or w in slex.MEDIUM_NOUNS or w in slex.MEDIA_NAMES for w in rest):
        return True
    caps = [w for w in rest if is_cap(w)]
    return bool(caps) and all(w in names.orgs and w not in names.persons for w in caps)


def _affiliation(part: list[str], names: Names) -> int | None:
    """Where "von der <organisation>" begins after a person's name ("Manuel Pfeiffer von der
    Freiwilligen Feuerwehr Dorf Rosenau"), or None ("Ursula von der Leyen" keeps her particles)."""
    for m in range(1, min(len(part) - 1, 4)):
        if part[m] not in ("von", "vom") or not all(is_cap(w) for w in part[:m]):
            continue
        rest = part[m + 2 :] if part[m] == "von" and part[m + 1] in ("der", "dem", "den") else part[m + 1 :]
        if rest and _org_like(rest, names) and not _org_like(part[:m], names):
            return m
    return None


def _part(part: list[str], names: Names) -> tuple[list[str], list[str], str, bool]:
    """(name words, role words, gender, is an organisation) of one comma-separated part."""
    cut = _affiliation(part, names)
    if cut is not None:
        return part[:cut], part[cut:], first_name_gender(part[0]), False
    k = 0
    gender = "?"
    while k < len(part) and (part[k].lower() in lex.DETERMINERS or ADJ.match(part[k])):
        if k == 0:
            gender = slex.ARTICLE_GENDER.get(part[k].lower(), "?")
        k += 1
    prefix, rest = part[:k], part[k:]
    if not rest:
        return [], [], gender, False
    # a possessive genitive before the head belongs to the role: "Putins Sprecher", "Kirbys Kollegin"
    poss = 1 if len(rest) > 1 and rest[0].endswith("s") and is_cap(rest[0]) and is_role_form(rest[1]) else 0
    role_idx = next((m for m in range(poss, len(rest)) if is_role_form(rest[m])), None)
    if role_idx is None and names.persons:
        # a capitalised common noun before a name the entity model knows: "Teamkollege Nico Elvedi"
        start = _person_start(rest, names.persons)
        if (
            start is not None
            and start > 0
            and not any(w in names.persons for w in rest[:start])
            and not _org_like(rest[:start], names)
        ):
            role_idx = start - 1
    if role_idx is not None:
        head = rest[role_idx]
        g = role_gender(head)
        title = next(
            (
                len(ti)
                for ti in slex.ROLE_TITLE_TAILS
                if rest[role_idx + 1 : role_idx + 1 + len(ti)] == list(ti)
            ),
            0,
        )
        if title:  # "Chef de Mission Schimmelpfennig": the particle belongs to the title
            name = [w for w in rest[role_idx + 1 + title :] if is_cap(w) or w in lex.NAME_PARTICLES]
            return name, rest[: role_idx + 1 + title], gender if g == "?" else g, False
        gender = g if g != "?" else gender
        tail = rest[role_idx + 1 :]
        if tail and (
            tail[0] in ("des", "der", "von", "vom", "für", "im", "in")
            or (ADJ.match(tail[0]) and len(tail) > 1)
        ):
            # genitive complement; a name the entity model knows may follow it:
            # "Sprechers des Nationalen Sicherheitsrats John Kirby"
            start = _person_start(tail, names.persons)
            if start is not None and start > 1:
                return tail[start:], [*rest[: role_idx + 1], *tail[:start]], gender, False
            return [], list(rest), gender, False
        name = [w for w in tail if is_cap(w) or w in lex.NAME_PARTICLES]
        while name and name[0] in lex.NAME_PARTICLES and not (len(name) > 1 and is_cap(name[1])):
            name = name[1:]
        return name, [*_origin(prefix, gender), *rest[: role_idx + 1]], gender, False
    if _org_like(rest, names) or (len(rest) == 1 and bool(_ACRONYM.match(rest[0]))):
        words = _nominative(part) if prefix and prefix[0].lower() in lex.DETERMINERS else part
        words = _without_articles([w for w in words if w not in slex.QUOTE_MARK_TOKENS])
        nominative = _without_place(words) or words
        head = next((w for w in reversed(nominative) if is_cap(w) and not w.isupper()), nominative[-1])
        return _medium_name(words), [], org_gender(head), True
    caps = [w for w in rest if is_cap(w)]
    if len(caps) >= 2 and prefix and not is_person_name(" ".join(rest)):
        words = _without_articles(_nominative(part))
        return _medium_name(words), [], org_gender(caps[-1]), True
    if (
        len(caps) >= 2
        and prefix
        and not all(w in names.persons for w in caps)
        and not any(first_name_gender(w) != "?" for w in caps)
    ):
        # "der New York Times": several capitalised words after an article name an organisation
        return _medium_name(rest), [], org_gender(caps[-1]), True
    if (
        prefix
        and prefix[0].lower() in lex.DETERMINERS
        and not all(w in names.persons for w in rest if is_cap(w))
    ):
        # an article before a noun that is no known name: a description ("der Angeklagte")
        return [], list(rest), gender, False
    if gender == "?":
        gender = first_name_gender(rest[0])
    return rest, [], gender, False


def parse_mention(words: list[str], names: Names = NO_NAMES) -> Mention:
    """Read a speaker phrase (its tokens) as a mention; pronouns are left to coreference."""
    words, inside = _strip_parentheses(words)
    words = _without_attribute(words)
    party = inside[0] if len(inside) == 1 and _ACRONYM.match(inside[0]) else None
    if not words:
        return Mention(None, None, "?", "src")
    source = _source(words, names)
    if source is not None:
        return source
    parts: list[list[str]] = [[]]
    for w in words:
        if w == ",":
            parts.append([])
        else:
            parts[-1].append(w)
    parts = [_without_place(p) for p in parts if p]
    name: list[str] = []
    role: list[str] = []
    gender = "?"
    is_org = False
    for p in parts:
        n, r, g, o = _part(p, names)
        if n and not name:
            name, is_org = n, o
        elif n and not o and (is_org or (len(n) >= 2 and len(name) == 1)):
            # "die Sprecherin der Partei, Anna Muster"; "der Chef der Atombehörde Rosatom, Alexej
            # Lichatschow": the apposition's full name over a word of the complement, which goes
            # back to the role
            if role and not is_org:
                role.extend(name)
            name, is_org = n, False
        if r:
            r = _role_nominative(r)
            role.extend([",", *r] if role else r)
        if g != "?" and (gender == "?" or not o):
            gender = g
    if not name:
        kind: Kind = "?" if role else "src"
        return Mention(None, joined(role), gender, kind, party=party)
    if not is_org and gender == "?":
        gender = first_name_gender(name[0])
    if any(w in slex.QUOTE_MARK_TOKENS for w in name) and _sentence_like(name):
        return Mention(None, joined(name), gender, "?")  # „Das Alter drückt“: a title, no one's name
    if is_org:
        return Mention(joined(name), joined(role), gender, "org", plural=_plural_group(name), party=party)
    return Mention(joined(name), joined(role), gender, "per", party=party)


def _without_attribute(words: list[str]) -> list[str]:
    """The phrase without a participle attribute between article and noun: "der für seine
    Rachefeldzüge im Film berühmte US-Regisseur" -> "der berühmte US-Regisseur" (the attribute's
    nouns are not the speaker's name)."""
    if (
        len(words) < 4
        or words[0].lower() not in lex.DETERMINERS
        or words[1] not in lex.ATTRIBUTE_PREPOSITIONS
    ):
        return words
    last = max(
        (k for k in range(2, len(words) - 1) if ADJ.match(words[k]) and is_cap(words[k + 1])),
        default=None,
    )
    return [words[0], *words[last:]] if last is not None else words


def _sentence_like(words: list[str]) -> bool:
    """Quoted words with a lower-case word that is no name particle: a sentence or phrase, not the
    name of a medium („Das Alter drückt“, but „Bild am Sonntag“, „Die Zeit“)."""
    inner = [w for w in words if w not in slex.QUOTE_MARK_TOKENS]
    return any(
        w[:1].islower() and w not in lex.NAME_PARTICLES and w not in ("am", "im", "und", "of", "the")
        for w in inner
    )


def _plural_group(name: list[str]) -> bool:
    return any(w in ("und", "sowie") for w in name) or name[-1] in slex.PLURAL_GROUP_NOUNS


def _source(words: list[str], names: Names) -> Mention | None:
    """Source phrases: "Angaben der Polizei" -> Polizei, "US-Angaben" -> USA, "eigenen Angaben" ->
    self, "Medienberichten" -> nobody; None when the phrase is no source phrase."""
    k = 0
    own = False
    while k < len(words) and (words[k].lower() in lex.DETERMINERS or ADJ.match(words[k])):
        own = own or words[k].lower() in slex.OWN_WORDS
        k += 1
    if k >= len(words) or not is_source_noun(words[k]) or words[k] in slex.NOT_SOURCE_HEADS:
        return None
    head, rest = words[k], words[k + 1 :]
    if rest and rest[0] in ("der", "des", "von", "vom", "aus", "eines", "einer"):
        # "Angaben der Polizei", "einem Statement von Airbus", "dem Beitrag aus dem Ministerium"
        author = rest[1:] if rest[0] in ("von", "vom", "aus") else rest
        inner = parse_mention(author, names)
        return inner if inner.kind != "src" else Mention(None, None, "?", "src")
    if rest and rest[0].endswith("s") and is_cap(rest[0]):
        return None
    if own:
        return Mention(None, None, "?", "self")
    first = words[0].lower() if k else ""
    if head in slex.ANONYMOUS_SOURCE_NOUNS:
        return Mention(None, None, "?", "src")  # "dem Vernehmen nach"
    if first in slex.POSSESSIVE_GENDER:
        return Mention(None, None, slex.POSSESSIVE_GENDER[first], "back", plural=first.startswith("ihr"))
    if first in slex.ANAPHORIC_SOURCE_DETERMINERS:
        return Mention(None, None, "?", "back")
    prefix = _compound_source(head)
    if prefix:
        return Mention(prefix, None, org_gender(prefix), "org")
    return Mention(None, None, "?", "src")


def _compound_source(head: str) -> str | None:
    """The author inside a source compound: "US-Angaben" -> USA, "Polizeiangaben" -> Polizei."""
    low = head.lower()
    for suffix in lex.SOURCE_NOUN_SUFFIXES:
        if low.endswith(suffix) and len(low) > len(suffix):
            prefix = head[: -len(suffix)].rstrip("-")
            if prefix in slex.SOURCE_PREFIX_NAMES:
                return slex.SOURCE_PREFIX_NAMES[prefix]
            if prefix.lower() in slex.GENERIC_SOURCE_PREFIXES:
                return None
            if prefix.endswith("s") and prefix[:-1].lower().endswith(("ung", "heit", "keit", "ion", "tät")):
                prefix = prefix[:-1]  # "Regierungsangaben" -> Regierung
            return prefix[:1].upper() + prefix[1:] if len(prefix) > 1 else None
    return None


def split_speaker(words: list[str]) -> tuple[str | None, str | None, str]:
    """(name, role, gender) of a speaker phrase, without the article's names (kept for callers
    that need only these three)."""
    m = parse_mention(words)
    return m.name, m.role, m.gender
