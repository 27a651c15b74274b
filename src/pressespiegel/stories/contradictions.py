"""Contradictions between statements in one story: who denies what another source claims.

Press officers want the places where sources disagree: a denial against a confirmation ("Peskow:
no meeting planned" / "Kremlin confirms the visit"), a claim against its rejection ("Romania rejects
Ukraine's account" / Kuleba: "evidence of drone impacts"), opposite assessments ("the
counteroffensive has failed" / "we advance 50-200 m a day").

:func:`find_contradictions` works in three steps:

1. **Read each statement** (:func:`_read`): its stance from the cue and the text with the lexicon in
   :mod:`.stance_de` — *confirm* (bestätigen, einräumen), *deny* (bestreiten, zurückweisen, "nicht
   bestätigen", "falsch"), *negated* (a claim with sentential negation: "nicht geplant"), or a plain
   *claim*; its assessment polarity (gescheitert / voran, negation flips); its topic terms (content
   lemmas of the text, of the rest of the sentence at lower weight, demonyms folded into countries,
   speaker words removed).
2. **Resolve anaphora**: a statement whose object is "das", "diese Behauptung", "den Vorwurf" or
   that has hardly any content of its own inherits the topic of the statements just before it in
   the same article (the input is taken to be in article order).
3. **Pair opposing stances** that share enough topic weight (prior IDF of the shared lemmas, plus
   a bonus when a denial names the other statement's speaker): deny × confirm →
   ``denial-vs-confirmation``; explicit deny × claim → ``claim-vs-rejection``; positive × negative
   assessment → ``opposite-assessment``.
4. **Sources, not voices**: a statement's *side* is what its speaker stands for (the Kremlin's
   spokesman speaks for the Kremlin, "Moskau" and "russisch" for Russia; the country or
   institution in the speaker's role). Two statements of one side that oppose each other are a
   ``development`` when they are from different days or one says it came first ("hatte bis zuletzt
   bestritten"): the Kremlin did not confirm on 5 September, Peskow confirmed on 12 September. On
   the same day one side is read as consistent. Within one article a pair needs the denial to
   name the other source or point back to it ("Dieser Darstellung widersprach"): a reporter
   setting out a story is not a dispute between its sources.

Each :class:`Contradiction` carries a plain German ``label`` and the ``claim`` the two disagree on
(the assertion that is denied, or the first statement of a development); scores rank, they are
not shown.

Note:
    Rules only, no model: every threshold below was set on the dev half of
    ``bench/data/contradictions_de.jsonl`` (``python bench/contradictions.py``); the test half
    was not looked at while tuning.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import simplemma

from pressespiegel.stories import stance_de as lex
from pressespiegel.stories.stopwords import STOP_LEMMAS
from pressespiegel.stories.terms import prior_idf

#: Weight of terms from the sentence around a quote (context: "auf eine Frage, ob Kim Putin bald
#: treffen werde") relative to the quote's own terms.
SENTENCE_WEIGHT = 0.5
#: Weight of terms an anaphoric statement inherits from its antecedent ("Ich bestätige das").
ANAPHORA_WEIGHT = 0.8
#: How many preceding statements of the same article an anaphor may point back to (more than one
#: pulled in unrelated neighbours on dev: "diesen Vorwurf" is the sentence just before).
ANAPHORA_WINDOW = 1
#: A denial or confirmation with fewer own topic terms than this is read as anaphoric
#: ("Die IAEA hat ... ebenfalls dementiert").
MIN_OWN_TERMS = 3
#: IDF given to a topic frame tag (``#frontverlauf``): about one ordinary content word.
FRAME_IDF = 3.0
#: Added to the overlap when a denial names the other statement's speaker ("die Vorwürfe der
#: kanadischen Ermittler"): the strongest sign both are about the same proposition.
REFERENCE_BONUS = 6.0
#: Minimum shared topic weight per kind (sum of min weight x prior IDF over shared terms).
#: Tuned together on the dev half; an ordinary content word is worth ~3, a name ~5-6.
MIN_OVERLAP: dict[str, float] = {
    "denial-vs-confirmation": 4.0,  # above one frame tag alone ("#treffen" = 3.0)
    "claim-vs-rejection": 6.0,
    "opposite-assessment": 4.0,
}
#: Minimum share of the shorter statement's topic weight that the other covers: a rejection is
#: about *that* claim, not about one shared place name among many other things.
MIN_COVERAGE: dict[str, float] = {
    "denial-vs-confirmation": 0.3,
    "claim-vs-rejection": 0.3,
    "opposite-assessment": 0.2,  # assessments are short and evaluate the speaker's side
}
#: Overlap at which the score reaches 1 - 1/e; scores are for ranking, not probabilities.
SCORE_SCALE = 10.0
#: Words shorter than this are not topic terms.
MIN_TERM_CHARS = 3
#: Shortest head of a compound that may match it ("Gegenoffensive" ~ "Offensive", "Militärübung" ~
#: "Übung"); shorter suffixes collide by chance.
MIN_COMPOUND_HEAD = 5

_TOKEN = re.compile(r"[^\W\d_][\w\-]*|[.,;:!?]", re.UNICODE)
_CLAUSE_END = frozenset(".,;:!?")
_STOP = STOP_LEMMAS["de"]
#: After a claim noun these start its source or content ("der Ukraine", "eines Terrorakts"), so
#: the noun phrase is not anaphoric.
_NAMES_ITS_SOURCE = frozenset({"der", "des", "von", "eines", "einer", "über", "zu", "zum", "zur", "wonach"})

Kind = str

#: Plain German names of the kinds, as the story page and the review print them.
LABELS: dict[str, str] = {
    "denial-vs-confirmation": "Dementi und Bestätigung",
    "claim-vs-rejection": "Behauptung und Zurückweisung",
    "opposite-assessment": "Gegensätzliche Einschätzungen",
    "development": "Entwicklung",
}
#: Within one article a pair needs the denial to name or point back to the other statement, or
#: this share of the smaller statement's topic weight in common (set on the dev half: unnamed
#: same-article pairs below it were mostly a reporter's juxtaposition, not a dispute).
SAME_ARTICLE_COVERAGE = 0.6
#: Statements further apart than this (days) are not about the same claim: a story that runs for
#: years (the seeds' Kim visits of 2023 and 2025) has new facts, not a contradiction.
MAX_PAIR_DAYS = 60
#: A dispute between two sources needs this many topic terms in common (or the denial naming the
#: other): on the seed story one shared place name paired unrelated drone reports.
MIN_SHARED_TERMS = 2
#: How many characters of a statement the ``claim`` keeps.
CLAIM_CHARS = 160


@dataclass(frozen=True, kw_only=True)
class Statement:
    """One claim in one article."""

    id: str
    article: str
    outlet: str | None
    published: str | None
    speaker: str | None
    text: str
    """The quote or sentence text."""
    cue: str | None = None
    """The reporting verb or cue if known ("bestätigte", "bestritt")."""
    sentence: str | None = None
    """The full sentence the text came from (context for the cue)."""
    role: str | None = None
    """The speaker's role ("Kremlsprecher"): what the speaker speaks for."""


@dataclass(frozen=True, kw_only=True)
class Contradiction:
    """Two statements of one story that cannot both hold."""

    a: Statement
    b: Statement
    kind: Kind
    """``denial-vs-confirmation`` | ``claim-vs-rejection`` | ``opposite-assessment`` |
    ``development`` (one source's position changing over time)."""
    score: float
    topic: list[str]
    """Shared topic terms/entities that make them about the same thing, strongest first (for
    ranking and debugging; not for display)."""
    claim: str = ""
    """What the two disagree on, in the words of the text: the assertion that the other side
    denies, or the earlier position of a development."""
    positions: tuple[str, str] = ("", "")
    """What each side does with the claim, in plain German ("nicht bestätigt", "bestätigt",
    "bestritten", "als Erfolg gewertet"), for a line like "zunächst nicht bestätigt, am 12.09.
    bestätigt"."""

    @property
    def label(self) -> str:
        """The kind in plain German, for readers ("Dementi und Bestätigung")."""
        return LABELS.get(self.kind, self.kind)


@dataclass(kw_only=True)
class _View:
    """What the detector reads from one statement."""

    statement: Statement
    index: int
    stance: str  # "confirm" | "deny" | "negated" | "claim"
    explicit: bool  # deny by a verb or falsity word, not by mere negation
    polarity: int
    anaphoric: bool
    own: dict[str, float] = field(default_factory=dict)
    terms: dict[str, float] = field(default_factory=dict)
    speaker_terms: frozenset[str] = frozenset()
    speaker_key: str | None = None
    side: frozenset[str] = frozenset()
    position: str = ""
    earlier: bool = False  # says it came first: "hatte bis zuletzt bestritten", "zunächst"
    linked: set[int] = field(default_factory=set)  # statements an anaphor of this one points to


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    return str(simplemma.lemmatize(word, lang="de")).lower()


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _canonical(lemma: str) -> str:
    return lex.PLACE_ALIASES.get(lemma, lemma)


def _negated_at(tokens: list[str], i: int) -> bool:
    """Is token ``i`` under negation: a negator up to 3 tokens before it or later in its clause."""
    for j in range(max(0, i - 3), i):
        if tokens[j].lower() in lex.NEGATORS:
            return True
    for j in range(i + 1, len(tokens)):
        if tokens[j] in _CLAUSE_END:
            break
        if tokens[j].lower() in lex.NEGATORS:
            return True
    return False


def _is_anaphoric(tokens: list[str]) -> bool:
    for i, tok in enumerate(tokens):
        low = tok.lower()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if low in lex.ANAPHORIC_DETERMINERS:
            return True
        if low in lex.ANAPHORIC_PRONOUNS and not (nxt[:1].isupper() or nxt[:1].isdigit()):
            return True
        if low in {"den", "die", "der"} and _lemma(nxt) in lex.CLAIM_NOUNS and nxt[:1].isupper():
            after = tokens[i + 2].lower() if i + 2 < len(tokens) else ""
            if after not in _NAMES_ITS_SOURCE:  # "die Darstellung der Ukraine" names its source
                return True
    return False


def _clause_final_particles(lowers: list[str], i: int) -> set[str]:
    """Words that end the clause of token ``i``, where a separated verb particle stands
    ("wies die Vorwürfe zurück", not "gebe nichts dazu zu sagen")."""
    out: set[str] = set()
    for j in range(i + 1, min(len(lowers), i + 16)):
        if lowers[j] in _CLAUSE_END:
            break
        if j + 1 == len(lowers) or lowers[j + 1] in _CLAUSE_END:
            out.add(lowers[j])
    return out


def _stance(tokens: list[str], anaphoric: bool) -> tuple[str, bool]:
    """(stance, explicit) from cue and text tokens."""
    lemmas = [_lemma(t) for t in tokens]
    lowers = [t.lower() for t in tokens]
    deny = confirm = negated_deny = False
    for i, (tok, low, lem) in enumerate(zip(tokens, lowers, lemmas, strict=True)):
        if i and lowers[i - 1] == "zu":
            continue  # "sinnlos, die Einschläge zu bestreiten": governed by another predicate
        noun = tok[:1].isupper() and i > 0 and tokens[i - 1] not in _CLAUSE_END
        if noun and low not in lex.FALSITY_WORDS:
            continue  # "trotz seiner Dementis": a noun mid-sentence is not the speaker's act
        is_deny = lem in lex.DENY_VERBS or low in lex.DENY_FORMS
        is_confirm = lem in lex.CONFIRM_VERBS or low in lex.CONFIRM_FORMS
        particles = _clause_final_particles(lowers, i)
        for particle, stem in lex.SEPARABLE_DENY:
            if lem == stem and particle in particles:
                is_deny = True
        for particle, stem in lex.SEPARABLE_CONFIRM:
            if lem == stem and particle in particles:
                is_confirm = True
        if (
            is_deny
            and lem in {"ablehnen", "lehnen"}
            and not (anaphoric or any(m in lex.CLAIM_NOUNS for m in lemmas))
        ):
            is_deny = False  # rejecting a demand or an offer, not a claim
        if is_deny:
            if _negated_at(tokens, i):
                negated_deny = True
            else:
                deny = True
        elif is_confirm:
            if _negated_at(tokens, i):
                deny = True  # "bestätigte ... nicht"
            else:
                confirm = True
        elif low in lex.FALSITY_WORDS and not _negated_at(tokens, i):
            deny = True
    if deny:
        return "deny", True
    if confirm:
        return "confirm", True
    if negated_deny:
        return "claim", False  # "bestritt nicht": concedes
    if any(low in lex.NEGATORS for low in lowers):
        return "negated", False
    return "claim", False


def _polarity(tokens: list[str]) -> int:
    total = 0
    for i, tok in enumerate(tokens):
        lem, low = _lemma(tok), tok.lower()
        sign = 0
        if lem in lex.POSITIVE_ASSESSMENT or low in lex.POSITIVE_ASSESSMENT:
            sign = 1
        elif lem in lex.NEGATIVE_ASSESSMENT or low in lex.NEGATIVE_ASSESSMENT:
            sign = -1
        elif lem in lex.OUTCOME_NOUNS and _negated_at(tokens, i):
            total -= 1
            continue
        if sign and _negated_at(tokens, i):
            sign = -sign
        total += sign
    return (total > 0) - (total < 0)


_NOT_TOPIC = (
    lex.CONFIRM_VERBS
    | lex.DENY_VERBS
    | lex.NEGATORS
    | lex.POSITIVE_ASSESSMENT
    | lex.NEGATIVE_ASSESSMENT
    | lex.FALSITY_WORDS
    | lex.SPEAKER_WORDS
    | lex.OUTCOME_NOUNS
    | {"weisen", "zurück", "räumen", "lehnen"}
)


def _terms(tokens: list[str], exclude: frozenset[str]) -> set[str]:
    out: set[str] = set()
    for tok in tokens:
        if len(tok) < MIN_TERM_CHARS or tok in _CLAUSE_END:
            continue
        lem, low = _lemma(tok), tok.lower()
        if lem in _STOP or low in _STOP or lem in _NOT_TOPIC or low in _NOT_TOPIC:
            continue
        if low in lex.ANAPHORIC_DETERMINERS:
            continue
        if len(lem) < MIN_TERM_CHARS:
            continue
        term = _canonical(lem)
        if term in exclude:
            continue
        out.add(term)
        frame = lex.TOPIC_FRAMES.get(lem) or lex.TOPIC_FRAMES.get(low)
        if frame:
            out.add(frame)
    return out


def _speaker_terms(speaker: str | None) -> frozenset[str]:
    if not speaker:
        return frozenset()
    return frozenset(
        _canonical(_lemma(t))
        for t in _tokens(speaker)
        if len(t) >= MIN_TERM_CHARS and _lemma(t) not in _STOP and t.lower() not in _STOP
    )


def _side(speaker: str | None, role: str | None) -> frozenset[str]:
    """What a speaker stands for: the countries and institutions in the name and role ("Kremlsprecher"
    -> russland, "Sprecherin des Nationalen Sicherheitsrats der USA" -> usa), else the name."""
    words = _tokens(f"{speaker or ''} {role or ''}")
    found: set[str] = set()
    for w in words:
        low = w.lower()
        lem = _lemma(w)
        for key in (low, lem, *low.split("-")):
            if key in lex.SIDE_ALIASES:
                found.add(lex.SIDE_ALIASES[key])
        for prefix, side in lex.SIDE_PREFIXES.items():
            if low.startswith(prefix) and len(low) > len(prefix) + 3:
                found.add(side)
    own = _speaker_key(speaker)
    if own:
        found.add(own)  # the same speaker is always the same side, known role or not
    return frozenset(found)


def _position(tokens: list[str], stance: str, polarity: int) -> str:
    """A statement's stance in plain German: "bestätigt", "nicht bestätigt", "bestritten"."""
    lemmas = {_lemma(t) for t in tokens}
    if stance == "confirm":
        return "bestätigt"
    if stance == "deny":
        if lemmas & lex.DENY_VERBS or any(t.lower() in lex.DENY_FORMS for t in tokens):
            return "zurückgewiesen" if lemmas & {"zurückweisen", "weisen", "abweisen"} else "bestritten"
        if lemmas & lex.CONFIRM_VERBS or any(t.lower() in lex.CONFIRM_FORMS for t in tokens):
            return "nicht bestätigt"
        return "als falsch bezeichnet"
    if stance == "negated":
        return "verneint"
    if polarity > 0:
        return "als Erfolg gewertet"
    if polarity < 0:
        return "als Misserfolg gewertet"
    return "behauptet"


def _says_earlier(tokens: list[str]) -> bool:
    """Whether a statement reports a position held before: "zunächst", "bis zuletzt", or a denial
    or confirmation in the pluperfect ("hatte ... bestritten")."""
    lowers = [t.lower() for t in tokens]
    if any(w in lex.EARLIER_WORDS for w in lowers) or "bis zuletzt" in " ".join(lowers):
        return True
    stance_forms = lex.DENY_FORMS | lex.CONFIRM_FORMS
    return any(w in ("hatte", "hatten") for w in lowers) and any(w in stance_forms for w in lowers)


def _speaker_key(speaker: str | None) -> str | None:
    if not speaker:
        return None
    words = [t for t in _tokens(speaker) if t not in _CLAUSE_END]
    return _lemma(words[-1]) if words else None


def _read(statement: Statement, index: int) -> _View:
    text_tokens = _tokens(statement.text)
    cue_tokens = _tokens(statement.cue or "")
    anaphoric = _is_anaphoric(text_tokens)
    stance, explicit = _stance([*cue_tokens, ".", *text_tokens], anaphoric)
    speaker_terms = _speaker_terms(statement.speaker)
    own_terms = _terms(text_tokens, speaker_terms)
    own = dict.fromkeys(own_terms, 1.0)
    sentence = statement.sentence or ""
    if sentence and statement.text in sentence:
        rest = sentence.replace(statement.text, " . ")
        for term in _terms(_tokens(rest), speaker_terms | _terms(cue_tokens, frozenset())):
            own.setdefault(term, SENTENCE_WEIGHT)
    if stance in {"deny", "confirm"} and len(own_terms) < MIN_OWN_TERMS:
        anaphoric = True
    return _View(
        statement=statement,
        index=index,
        stance=stance,
        explicit=explicit,
        polarity=_polarity(text_tokens),
        anaphoric=anaphoric,
        own=own,
        terms=dict(own),
        speaker_terms=speaker_terms,
        speaker_key=_speaker_key(statement.speaker),
        side=_side(statement.speaker, statement.role),
        position=_position([*cue_tokens, ".", *text_tokens], stance, _polarity(text_tokens)),
        earlier=_says_earlier(cue_tokens + text_tokens),
    )


def _resolve_anaphora(views: list[_View]) -> None:
    last: dict[str, list[_View]] = {}
    for view in views:
        previous = last.setdefault(view.statement.article, [])
        if view.anaphoric and (view.stance != "claim" or view.polarity):
            for antecedent in previous[-ANAPHORA_WINDOW:]:
                view.linked.add(antecedent.index)
                for term, weight in antecedent.own.items():
                    inherited = weight * ANAPHORA_WEIGHT
                    if inherited > view.terms.get(term, 0.0):
                        view.terms[term] = inherited
        previous.append(view)


def _idf(term: str) -> float:
    return FRAME_IDF if term.startswith("#") else prior_idf(term, "de")


def _mass(terms: dict[str, float]) -> float:
    return sum(w * _idf(t) for t, w in terms.items())


def _overlap(x: dict[str, float], y: dict[str, float]) -> tuple[float, dict[str, float]]:
    """Shared topic weight and each shared term's contribution (compound heads match)."""
    shared: dict[str, float] = {}
    for term, wx in x.items():
        wy = y.get(term)
        match = term
        if wy is None:  # names in the genitive: simplemma keeps "Putins"
            for variant in (term + "s", term[:-1] if term.endswith("s") else ""):
                if variant in y:
                    wy = y[variant]
                    break
        if wy is None and not term.startswith("#") and len(term) > MIN_COMPOUND_HEAD:
            for k in range(1, len(term) - MIN_COMPOUND_HEAD + 1):
                if term[k:] in y:
                    match = term[k:]
                    wy = y[match]
                    break
        if wy is not None:
            shared[match] = max(shared.get(match, 0.0), min(wx, wy) * _idf(match))
    for term, wy in y.items():  # compounds on y's side: "offensive" in x, "gegenoffensive" in y
        if term in shared or term in x or term.startswith("#") or len(term) <= MIN_COMPOUND_HEAD:
            continue
        for k in range(1, len(term) - MIN_COMPOUND_HEAD + 1):
            head = term[k:]
            if head in x and head not in shared:
                shared[head] = min(x[head], wy) * _idf(head)
                break
    return sum(shared.values()), shared


def _names(view: _View, other: _View) -> bool:
    """Does ``view`` name ``other``'s speaker as the source of a claim ("die Vorwürfe der kanadischen
    Ermittler", "Berichte der Wochenzeitung")? "nach Angaben der X" names a relay, not a target."""
    names = (other.speaker_terms | other.side) - {"regierung", "seite"}
    if not names:
        return False
    tokens = _tokens(view.statement.sentence or view.statement.text)
    for i, tok in enumerate(tokens):
        if _lemma(tok) not in lex.CLAIM_NOUNS or not tok[:1].isupper():
            continue
        if i and tokens[i - 1].lower() in {"nach", "laut", "gemäß", "zufolge"}:
            continue
        following = {_canonical(_lemma(t)) for t in tokens[i + 1 : i + 7] if t not in _CLAUSE_END}
        if names & following:
            return True
    return False


def _kind(x: _View, y: _View) -> tuple[Kind, _View, _View] | None:
    """The kind of opposition between two statements, with (denier, other) where it applies."""
    for d, o in ((x, y), (y, x)):
        if d.stance in {"deny", "negated"} and o.stance == "confirm":
            if _names(o, d):
                return None  # confirms the denier's account: agreement
            return "denial-vs-confirmation", d, o
    for d, o in ((x, y), (y, x)):
        if d.stance == "deny" and d.explicit and o.stance == "claim":
            return "claim-vs-rejection", d, o
    if x.polarity and y.polarity and x.polarity != y.polarity:
        return "opposite-assessment", x, y
    return None


def _same_speaker(x: _View, y: _View) -> bool:
    return x.speaker_key is not None and x.speaker_key == y.speaker_key


def find_contradictions(statements: Sequence[Statement]) -> list[Contradiction]:
    """Pairs of statements in one story that contradict each other, strongest first.

    ``statements`` should be in article order (anaphora such as "Ich bestätige das" are resolved
    against the statements just before them in the same article). The same speaker contradicts
    himself only across publication days; on one day his statements are read as consistent.
    """
    views = [_read(s, i) for i, s in enumerate(statements)]
    _resolve_anaphora(views)
    found: list[Contradiction] = []
    seen: set[tuple[int, int]] = set()
    for x in views:
        if x.stance == "claim" and not x.polarity:
            continue  # a pair needs at least one statement that takes a stance
        for y in views:
            key = (min(x.index, y.index), max(x.index, y.index))
            if y is x or key in seen:
                continue
            seen.add(key)
            found.extend(_pair(x, y))
    found.sort(key=lambda c: -c.score)
    return found


def _opposed(x: _View, y: _View) -> bool:
    """A position and its reversal: one confirms or claims what the other denies or leaves
    unconfirmed, or opposite assessments."""
    stances = {x.stance, y.stance}
    if "confirm" in stances and stances & {"deny", "negated"}:
        return True
    return bool(x.polarity and y.polarity and x.polarity != y.polarity)


def _days_apart(x: _View, y: _View) -> int:
    try:
        a = date.fromisoformat((x.statement.published or "")[:10])
        b = date.fromisoformat((y.statement.published or "")[:10])
    except ValueError:
        return 0
    return abs((a - b).days)


def _target(view: _View) -> frozenset[str]:
    """Whose claim a denial rejects, when it says so: the names after a claim noun in its sentence
    ("die Behauptung der Ukraine" -> ukraine, "die Vorwürfe der Ermittler" -> ermittler)."""
    tokens = _tokens(view.statement.sentence or view.statement.text)
    out: set[str] = set()
    for i, tok in enumerate(tokens):
        if _lemma(tok) not in lex.CLAIM_NOUNS or not tok[:1].isupper():
            continue
        if i and tokens[i - 1].lower() in {"nach", "laut", "gemäß", "zufolge"}:
            continue
        nxt = tokens[i + 1 : i + 5]
        if nxt and nxt[0].lower() in {"der", "des", "von", "vom"}:
            for w in nxt[1:]:
                if w in _CLAUSE_END:
                    break
                if w[:1].isupper():
                    out.add(_canonical(_lemma(w)))
    return frozenset(out)


def _contrasts(view: _View) -> bool:
    """The statement's sentence sets it against what came before ("hält die Offensive hingegen für
    gescheitert", "Dieser Darstellung widersprach ...")."""
    words = {w.lower() for w in _tokens(view.statement.sentence or view.statement.text)}
    return bool(words & lex.CONTRAST_WORDS)


def _pair(x: _View, y: _View) -> list[Contradiction]:
    if x.statement.id == y.statement.id or _days_apart(x, y) > MAX_PAIR_DAYS:
        return []
    same_day = (x.statement.published or "") == (y.statement.published or "")
    if _same_speaker(x, y) and same_day and not (x.earlier or y.earlier):
        return []
    if x.side and x.side & y.side:
        # one source's position over time, never a dispute with itself
        if not _opposed(x, y) or (same_day and not (x.earlier or y.earlier)):
            return []
        return _development(x, y)
    kind_info = _kind(x, y)
    if kind_info is None:
        return []
    kind, d, o = kind_info
    if kind == "opposite-assessment":
        dx = dict(x.terms)
        dy = dict(y.terms)
        for view, terms in ((x, dx), (y, dy)):
            for term in view.speaker_terms:  # an assessment is about the speaker's side too
                terms.setdefault(term, SENTENCE_WEIGHT)
    else:
        dx, dy = d.terms, o.terms
    overlap, shared = _overlap(dx, dy)
    named = kind != "opposite-assessment" and _names(d, o)
    target = _target(d)
    if target and kind != "opposite-assessment" and not target & (o.side | o.speaker_terms):
        return []  # "wies die Behauptung der Ukraine zurück" rejects the Ukraine, no one else
    if (
        kind != "opposite-assessment"
        and not named
        and len([k for k in shared if not k.startswith("#")]) < MIN_SHARED_TERMS
    ):
        return []  # one place name in common ("Russland") is no common claim
    smaller = min(_mass(dx), _mass(dy))
    if overlap <= 0 or (not named and overlap / smaller < MIN_COVERAGE[kind]):
        return []
    if x.statement.article == y.statement.article:
        linked = o.index in d.linked or d.index in o.linked or _contrasts(x) or _contrasts(y)
        if not (named or linked or overlap / smaller >= SAME_ARTICLE_COVERAGE):
            return []  # a reporter setting out two sides, not a dispute between them
    if named:
        overlap += REFERENCE_BONUS
    if overlap < MIN_OVERLAP[kind]:
        return []
    a, b = (x, y) if x.index < y.index else (y, x)
    topic = [t for t, _ in sorted(shared.items(), key=lambda kv: -kv[1]) if not t.startswith("#")]
    claim = o.statement.text if kind != "opposite-assessment" else a.statement.text
    return [
        Contradiction(
            a=a.statement,
            b=b.statement,
            kind=kind,
            score=round(1.0 - math.exp(-overlap / SCORE_SCALE), 4),
            topic=topic[:6],
            claim=_short(claim),
            positions=(a.position, b.position),
        )
    ]


def _development(x: _View, y: _View) -> list[Contradiction]:
    """The same source first one way, then the other: ordered by time (a statement that says it
    came first goes first on the same day)."""
    overlap, shared = _overlap(x.terms, y.terms)
    smaller = min(_mass(x.terms), _mass(y.terms))
    if (
        overlap < MIN_OVERLAP["denial-vs-confirmation"]
        or overlap / max(smaller, 1e-9) < MIN_COVERAGE["denial-vs-confirmation"]
    ):
        return []

    def when(v: _View) -> tuple[str, int, int]:
        return (v.statement.published or "", 0 if v.earlier else 1, v.index)

    a, b = sorted((x, y), key=when)
    topic = [t for t, _ in sorted(shared.items(), key=lambda kv: -kv[1]) if not t.startswith("#")]
    return [
        Contradiction(
            a=a.statement,
            b=b.statement,
            kind="development",
            score=round(1.0 - math.exp(-overlap / SCORE_SCALE), 4),
            topic=topic[:6],
            claim=_short(a.statement.text),
            positions=(a.position, b.position),
        )
    ]


def _short(text: str) -> str:
    text = " ".join(text.split()).strip(' „“"»«')
    return text if len(text) <= CLAIM_CHARS else text[: CLAIM_CHARS - 1].rsplit(" ", 1)[0] + " …"


__all__ = ["LABELS", "Contradiction", "Statement", "find_contradictions"]
