"""Steps 4-6 for German: the finder that attaches frames to direct quotes, finds indirect and
reported speech, and continues a speaker over the following sentences.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pressespiegel.analyze.lexicon import quotes_de as lex
from pressespiegel.analyze.lexicon import speakers_de as slex
from pressespiegel.analyze.quotes.coreference import Discourse, resolve_speaker
from pressespiegel.analyze.quotes.cues import Cue, clause_final_particle, find_cues
from pressespiegel.analyze.quotes.marks import Unit, make_units, quote_mark_spans
from pressespiegel.analyze.quotes.phrases import (
    MAX_SPEAKER_TOKENS,
    in_title,
    np_left,
    np_right,
    object_first,
    skip_midfield,
    subject_of,
)
from pressespiegel.analyze.quotes.records import Quote, QuoteType, Span
from pressespiegel.analyze.quotes.speakers import first_name_gender, is_person_name, parse_mention
from pressespiegel.analyze.quotes.words import (
    AUX,
    PARTICIPLE,
    after_title_noun,
    all_caps_words,
    is_cap,
    is_konjunktiv_i,
    is_medium_word,
    is_punct,
    is_role_form,
    lemma_of,
    looks_like_title,
)
from pressespiegel.analyze.sentences import Token

# A direct quote needs this many tokens inside its marks to stand alone as a quotation; shorter
# ones („Taurien“, „fahrlässig“) are names or scare quotes unless a cue verb governs them.
# Wikinews train, joint F1: 2 → 60.80, 3 → 60.86, 4 → 60.85, 5 → 60.77 (flat); 4 keeps short
# titles out of the output. A quote that opens its sentence needs only 2 („Ich bestätige das“).
MIN_DIRECT_TOKENS = 4


# How many units (sentences) after a quote a frame-less quote may still inherit its speaker.
# Wikinews train, joint F1: 0 → 60.58, 1 → 60.85, 2 → 60.90 but speaker F1 falls (52.41 → 52.14).
CONTINUATION_GAP = 1


# A direct quote without its own frame is attributed to the last speaker if that quote is at most
# this many sentences back (direct quotes continue a speaker across a short narrative sentence).
# Wikinews train, joint F1: 1 → 60.89, 3 → 60.85, 5 → 60.83 (flat); 3 follows news style, where
# a quote often continues after one narrative sentence.
DIRECT_GAP = 3


# A Konjunktiv-I sentence further than CONTINUATION_GAP from the last quote is still free indirect
# speech when it has at least this many tokens (Wikinews train: quote F1 70.0 → 71.4).
MIN_FREE_TOKENS = 5

# An interview answer is a paragraph of at least this many characters (shorter lines between the
# answers are captions or credits).
MIN_ANSWER_CHARS = 60
_INTERVIEW_LABEL = re.compile(r"^([A-ZÄÖÜ][\w.-]*(?: [A-ZÄÖÜ][\w.-]*){0,3}): (?=\S)")
_INTERVIEW_END = re.compile(r"^(Das )?(Gespräch|Interview) führte ")

# A line without a sentence end is a heading when it has at most this many tokens (headings and
# list items of news pages are short; a long line without a full stop is a truncated paragraph).
MAX_HEADING_TOKENS = 20

# A cue verb that follows "und" within this many tokens shares the subject of the cue before it
# ("sagte Hörmann geknickt und gestand: „…“", "und dann behauptete"); modern-news tune part.
MAX_COORDINATION_GAP = 2

# A speaker closing Konjunktiv-I content after an unlisted verb ("…, konstatierte Hörmann
# demoralisiert.") may be followed by this many tokens (an adverb) before the sentence end.
MAX_CLOSING_TAIL = 1

# "X ist der Meinung, dass …", "X kam zu dem Ergebnis, dass …": a view stated with a noun.
_OPINION_VERBS_SEIN = frozenset(["ist", "sind", "war", "waren", "sei", "seien"])
_OPINION_NOUNS = frozenset(["Meinung", "Ansicht", "Auffassung", "Überzeugung", "Einschätzung"])
_OPINION_VERBS_KOMMEN = frozenset(["kam", "kamen", "kommt", "kommen"])
_CONCLUSION_NOUNS = frozenset(["Ergebnis", "Schluss", "Schluß", "Erkenntnis", "Fazit"])

# An introducing clause before a colon ("Kriminologin Bongartz liefert eine Erklärung: „…“") is at
# most this long; longer ones are narration that happens to end in a colon.
MAX_INTRO_TOKENS = 12


@dataclass
class _Attribution:
    speaker: tuple[int, int] | None  # token span in the unit
    cue: list[int]
    frame: tuple[int, int] | None
    unit: Unit
    addressee: tuple[int, int] | None = None  # whom it was said to, or the medium that relays it


def _span_of(unit: Unit, idx: list[int], text: str) -> Span:
    spans: list[tuple[int, int]] = []
    for i in sorted(idx):
        s, e = unit.tokens[i].start, unit.tokens[i].end
        if spans and spans[-1][1] >= s - 1 and i - 1 in idx:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return Span(" ".join(text[s:e] for s, e in spans), tuple(spans))


def _char_span(text: str, spans: list[tuple[int, int]]) -> Span:
    spans = [(s, e) for s, e in spans if e > s]
    return Span(" ".join(text[s:e] for s, e in spans), tuple(spans))


class _Finder:
    def __init__(
        self, text: str, sentences: list[list[Token]], entities: Sequence[tuple[int, int, str]] = ()
    ) -> None:
        self.text = text
        self.marks = quote_mark_spans(text)
        self.units = make_units(sentences, self.marks)
        self.discourse = Discourse(sentences, entities, [(s, e) for s, e, _ in self.marks])
        self._scan_subjects()
        self.quotes: list[Quote] = []
        #: speech acts narrated without their content ("Scholz verteidigte die Lieferungen."):
        #: not quotations, kept apart for stance and contradiction detection
        self.acts: list[Quote] = []

    def _scan_subjects(self) -> None:
        """Register the persons and organisations that open a sentence as its subject ("Die
        aktuelle Vorsitzende des Leitungsgremiums, Sofia Östmark, würdigte ..."): they are what
        later pronouns and role nouns refer back to."""
        names = self.discourse.names
        for unit in self.units:
            first = 1 if unit.tokens[0].text in lex.FOCUS_PARTICLES else 0
            word = unit.tokens[first].text.lower()
            if unit.inside[first] or word in lex.OBLIQUE_DETERMINERS | lex.NON_REFERENTIAL_DETERMINERS:
                continue
            sp = np_right(unit, first)
            if sp is None or sp[1] >= len(unit.tokens) or unit.tokens[sp[1]].text[:1].isupper():
                continue
            m = parse_mention([t.text for t in unit.tokens[sp[0] : sp[1]]], names)
            pos = unit.tokens[sp[0]].start
            if m.kind == "per" and m.name and self._names_someone(m.name, m.role):
                self.discourse.person(m.name, m.role, m.gender, pos, party=m.party)
            elif m.kind == "org" and m.name and m.name not in slex.GENERIC_ORG_ANAPHORS:
                self.discourse.org(m.name, m.gender, pos)

    def _names_someone(self, name: str, role: str | None) -> bool:
        """Whether a sentence-opening phrase read as a person names one: a full name ("Hintergrund
        der Pläne" is none), a name the entity model knows, or a name after a role noun; not a
        plural descriptor with a complement ("Spitzenvertreter von ÖVP und NEOS")."""
        if name in self.discourse.names.persons:
            return True
        if " " in name:
            return is_person_name(name)
        return role is not None and any(is_role_form(w) for w in role.split())

    # speaker resolution ---------------------------------------------------------------------
    def _speaker(
        self, unit: Unit, span: tuple[int, int] | None, cue: list[int] | None = None
    ) -> tuple[Span | None, str | None, str | None]:
        if span is None:
            return None, None, None
        plural = _plural_verb(unit.tokens[min(cue)].text) if cue else False
        words = [t.text.lower() for t in unit.tokens[span[0] : span[1]]]
        subject = None
        if any(w in lex.OWN_SOURCE_WORDS for w in words):
            subject = self._clause_subject(unit, span[0])
        elif len(words) == 1 and words[0] in lex.ANAPHORIC_SOURCE_CUES:
            subject = self._speech_subject(unit, span[0])
        return resolve_speaker(
            self.discourse, self.text, unit.tokens[span[0] : span[1]], plural=plural, clause_subject=subject
        )

    def _clause_subject(self, unit: Unit, before: int) -> str | None:
        """The name of the subject of the clause a source phrase stands in ("Russland hat nach
        eigenen Angaben ..." -> Russland), for "eigenen Angaben": the first noun phrase of the
        clause that is neither in a prepositional phrase nor an object."""
        toks = unit.tokens
        start = before
        while start > 0 and toks[start - 1].text not in (",", ";", ":", ".") and not unit.inside[start - 1]:
            start -= 1
        for k in range(start, before):
            if k > start and toks[k - 1].text.lower() in lex.CLAUSE_SUBJECT_SKIP:
                continue
            if (
                toks[k].text.lower() in lex.CLAUSE_SUBJECT_SKIP
                or toks[k].text.lower() in lex.OBLIQUE_DETERMINERS
            ):
                continue
            sp = np_right(unit, k)
            if sp is None or sp[1] > before:
                continue
            return resolve_speaker(self.discourse, self.text, toks[sp[0] : sp[1]])[1]
        return None

    def _find_addressee(self, att: _Attribution) -> tuple[int, int] | None:
        """Whom the words were said to, or the medium that relays them, in the frame's clause:
        "gegenüber der BBC", "sagte Peskow der Agentur Interfax", "teilte dem Sender CNN mit",
        "laut der Agentur Interfax mitgeteilt" (the medium after "laut" when its clause has a
        speaker of its own)."""
        unit = att.unit
        toks = unit.tokens
        n = len(toks)
        cue = min(att.cue)
        lo = min(cue, att.frame[0]) if att.frame else cue
        if att.speaker is not None:
            lo = min(lo, att.speaker[0])
        hi = max(cue + 1, att.speaker[1]) if att.speaker is not None else cue + 1
        if att.speaker is not None and hi == att.speaker[1] and hi < n and toks[hi].text == ",":
            hi += 1  # "sagte der Chef ..., Alexej Lichatschow, der Agentur Interfax"
        while (
            hi < n
            and hi < cue + MAX_SPEAKER_TOKENS
            and toks[hi].text not in (",", ":", ";", ".")
            and not unit.inside[hi]
        ):
            hi += 1
        taken = set(range(att.speaker[0], att.speaker[1])) if att.speaker else set()
        for k in range(lo, hi):
            if k in taken or unit.inside[k]:
                continue
            w = toks[k].text.lower()
            if w in lex.ADDRESSEE_PREPOSITIONS and k + 1 < hi:
                sp = np_right(unit, k + 1)
                if sp is not None and sp[1] <= hi and not (set(range(*sp)) & taken):
                    return sp
            prev = toks[k - 1].text if k > 0 else ""
            after_frame = (
                k - 1 in taken
                or k - 1 == cue
                or prev.lower() in lex.MIDFIELD_ADVERBS
                or prev in lex.TIME_NOUNS
                or (prev == "," and k - 2 in taken)
            )
            if w in ("dem", "einem", "der", "den", "laut") and k > 0 and (after_frame or w == "laut"):
                start = k + 1 if w == "laut" else k
                sp = np_right(unit, start)
                if sp is None or sp[1] > hi or set(range(*sp)) & taken:
                    continue
                words = [x.text for x in toks[sp[0] : sp[1]]]
                if any(is_medium_word(x) for x in words) or (
                    w in ("dem", "einem") and parse_mention(words, self.discourse.names).kind == "per"
                ):
                    return sp
        return None

    def _speech_subject(self, unit: Unit, at: int) -> str | None:
        """For "demnach"/"wonach" inside a sentence whose main clause reports a speech act ("Sobjanin
        hatte vom Abschuss geschrieben, die demnach ..."): that act's subject."""
        for cue in find_cues(unit):
            if cue.kind == "verb" and cue.idx[0] < at:
                sp = subject_of(unit, cue.idx[0], 0)
                if sp is not None and sp[1] <= at:
                    return resolve_speaker(self.discourse, self.text, unit.tokens[sp[0] : sp[1]])[1]
        return None

    def _emit(
        self,
        quote_spans: list[tuple[int, int]],
        attribution: _Attribution | None,
        qtype: QuoteType,
        inherited: Quote | None = None,
    ) -> Quote:
        qspan = _char_span(self.text, quote_spans)
        if attribution is not None:
            unit = attribution.unit
            speaker, name, role = self._speaker(unit, attribution.speaker, attribution.cue)
            cue = _span_of(unit, attribution.cue, self.text) if attribution.cue else None
            frame = None
            if attribution.frame is not None:
                a, b = attribution.frame
                frame = Span(
                    self.text[unit.tokens[a].start : unit.tokens[b - 1].end],
                    ((unit.tokens[a].start, unit.tokens[b - 1].end),),
                )
            addressee = None
            if attribution.addressee is None and attribution.cue:
                attribution.addressee = self._find_addressee(attribution)
            if attribution.addressee is not None:
                a, b = attribution.addressee
                addressee = Span(
                    self.text[unit.tokens[a].start : unit.tokens[b - 1].end],
                    ((unit.tokens[a].start, unit.tokens[b - 1].end),),
                )
            quote = Quote(qspan, speaker, name, role, cue, qtype, frame, addressee=addressee)
        elif inherited is not None:
            quote = Quote(
                qspan, inherited.speaker, inherited.speaker_name, inherited.speaker_role, None, qtype
            )
        else:
            quote = Quote(qspan, None, None, None, None, qtype)
        self.quotes.append(quote)
        return quote

    # main loop ------------------------------------------------------------------------------
    def run(self) -> list[Quote]:
        last: Quote | None = None
        gap = 99
        covered = self._interview()
        for ui, unit in enumerate(self.units):
            if unit.start in covered:
                continue
            produced = self._resumed(unit, self.units[ui - 1]) if ui > 0 else None
            if produced is None:
                produced = self._unit(unit, last, gap)
            if produced is not None:
                last, gap = produced, 0
            else:
                gap += 1
        # a quote whose spans all came out empty has no text to show (and no place to sort by)
        self.quotes = [q for q in self.quotes if q.quote.spans]
        self._nested()
        self._fill_speakers()
        return self.quotes

    def _interview(self) -> set[int]:
        """An interview: a paragraph "Name: answer" after a question, and the answer paragraphs that
        follow questions (paragraphs ending in "?"), are direct quotes of the interviewee. Returns
        the start offsets of the units they cover."""
        lines: list[tuple[int, str]] = []
        pos = 0
        for line in self.text.split("\n"):
            if line.strip():
                lines.append((pos, line.rstrip()))
            pos += len(line) + 1
        label: Span | None = None
        questions = 0
        answers: list[tuple[int, int]] = []
        for start, line in lines:
            m = _INTERVIEW_LABEL.match(line)
            if line.endswith("?"):
                questions += m is not None or label is not None
                continue
            if m and questions and label is None and self._names_person(m.group(1)):
                label = Span(m.group(1), ((start, start + len(m.group(1))),))
                answers.append((start + m.end(), start + len(line)))
            elif label is not None and _INTERVIEW_END.match(line):
                break
            elif label is not None and len(line) >= MIN_ANSWER_CHARS:
                answers.append((start, start + len(line)))
        if label is None:
            return set()
        ref = self.discourse.person(label.text, None, "?", label.spans[0][0])
        covered: set[int] = set()
        for s, e in answers:
            self.quotes.append(
                Quote(_char_span(self.text, [(s, e)]), label, ref.name, ref.role, None, "direct")
            )
            covered.update(u.start for u in self.units if s <= u.start < e)
        return covered

    def _names_person(self, label: str) -> bool:
        words = label.split()
        return (
            2 <= len(words) <= 4
            and all(is_cap(w) for w in words)
            and (any(w in self.discourse.names.persons for w in words) or first_name_gender(words[0]) != "?")
        )

    def _fill_speakers(self) -> None:
        """A quote no frame attributes, opened inside its sentence, gets that sentence's subject.

        "Der Minister nannte die Pläne „überfällig“": the noun phrase opening the sentence, when
        it ends before the quotation. Looking further back (previous sentence, previous speaker)
        was tried and lowered speaker F1 on train: it is wrong more often than right.
        """
        starts = [u.start for u in self.units]
        for qi, q in enumerate(self.quotes):
            if q.speaker is not None or q.cue is not None:
                continue
            qs = q.quote.spans[0][0]
            ui = bisect.bisect_right(starts, qs) - 1
            if ui < 0 or qs <= self.units[ui].start:
                continue
            unit = self.units[ui]
            first = 1 if unit.tokens[0].text in lex.FOCUS_PARTICLES else 0  # "Auch der Sprecher"
            sp = np_right(unit, first)
            if (
                sp is None
                or unit.tokens[sp[1] - 1].end > qs
                or unit.tokens[first].text.lower() in lex.OBLIQUE_DETERMINERS
            ):
                continue
            speaker, name, role = self._speaker(unit, sp)
            if name is not None and not self._speaks(unit, sp):
                name = None  # "Die Arithmetik und der Kalender ...": a subject, but nobody speaking
            self.quotes[qi] = replace(q, speaker=speaker, speaker_name=name, speaker_role=role)

    def _speaks(self, unit: Unit, sp: tuple[int, int]) -> bool:
        """Whether a sentence's subject can be a speaker: a person or an organisation by the entity
        model or the lexicon, a role, or a pronoun."""
        words = [t.text for t in unit.tokens[sp[0] : sp[1]]]
        if len(words) == 1 and words[0].lower() in ("er", "sie", "ich", "wir"):
            return True
        m = parse_mention(words, self.discourse.names)
        if m.kind == "org":
            return True
        if m.kind != "per" or not m.name:
            return m.role is not None
        names = self.discourse.names
        return (
            m.role is not None
            or any(w in names.persons for w in m.name.split())
            or first_name_gender(m.name.split()[0]) != "?"
        )

    def _nested(self) -> None:
        """Quotation marks inside an indirect or reported quote are nested direct quotes."""
        taken = {q.quote.spans[0][0] for q in self.quotes if q.type == "direct"}
        extra: list[Quote] = []
        for s, e, _ in self.marks:
            inner = self.text[s + 1 : e - 1]
            # inside reported speech a lower-case word in quotation marks is the speaker's
            # wording („anhabe“, „mutmaßliche“), not a title (+0.5 speaker F1 on train)
            if (
                s in taken
                or e - s < 3
                or (looks_like_title(inner) and all_caps_words(inner))
                or (not inner.rstrip().endswith((".", "!", "?")) and after_title_noun(self.text, s))
            ):
                continue
            containers = [(qi, q, True) for qi, q in enumerate(self.quotes)] + [
                (-1, q, False) for q in self.acts
            ]
            for qi, q, is_quote in containers:
                if q.type == "direct":
                    continue
                if is_quote and q.quote.spans == (
                    (s, e),
                ):  # '"Das stimmt", sagte Miller.': one quote, direct
                    self.quotes[qi] = replace(q, type="direct")
                    break
                in_speaker = q.speaker is not None and any(a <= s and e <= b for a, b in q.speaker.spans)
                if not in_speaker and any(a <= s and e <= b for a, b in q.quote.spans):
                    extra.append(
                        Quote(
                            Span(self.text[s:e], ((s, e),)),
                            q.speaker,
                            q.speaker_name,
                            q.speaker_role,
                            q.cue,
                            "direct",
                            q.frame,
                        )
                    )
                    break
            else:
                fragment = self._cued_fragment(s, e)
                if fragment is not None:
                    extra.append(fragment)
        self.quotes.extend(extra)
        self.quotes.sort(key=lambda q: q.quote.spans[0][0])

    def _cued_fragment(self, s: int, e: int) -> Quote | None:
        """Words in quotation marks inside running text that a speech verb of the same clause
        governs: "Faeser nannte die Kundgebung „schwer erträglich“", "eine Offensive, die Putin als
        „gescheitert“ bezeichnete". Without such a verb they are a title or the author's words."""
        starts = [u.start for u in self.units]
        ui = bisect.bisect_right(starts, s) - 1
        if ui < 0:
            return None
        unit = self.units[ui]
        if self._is_heading(unit):
            return None
        toks = unit.tokens
        k = self._tok_index(unit, s)
        j = self._tok_index(unit, e)
        lo = k
        while (
            lo > 0 and toks[lo - 1].text not in (",", ";", ":") and not (unit.inside[lo - 1] and lo - 1 < k)
        ):
            lo -= 1
        hi = j
        while hi < len(toks) and toks[hi].text not in (",", ";", ":", ".", "!", "?") and not unit.inside[hi]:
            hi += 1
        cues = [c for c in find_cues(unit) if c.kind == "verb" and lo <= c.idx[0] < hi and not c.weak]
        if not cues:
            return None
        cue = min(cues, key=lambda c: abs(c.idx[0] - k))
        start = lo + 1 if lo < len(toks) and toks[lo].text in lex.RELATIVE_PRONOUNS and lo > 0 else lo
        sp = subject_of(unit, cue.idx[0], start) if lo == start else (start, start + 1)
        if lo != start:
            inner = np_right(unit, start)
            if inner is not None and inner[1] <= cue.idx[0]:
                sp = inner  # ", die Putin als „gescheitert“ bezeichnete": Putin, not the relative
        if sp is None or (sp[0] <= k < sp[1]):
            return None
        att = _Attribution(sp, cue.idx, (min(sp[0], cue.idx[0]), max(sp[1], cue.idx[0] + 1)), unit)
        quote = self._emit([(s, e)], att, "direct")
        self.quotes.remove(quote)
        return quote

    def _is_heading(self, unit: Unit) -> bool:
        """A line of its own without a sentence end: a heading, teaser title or list item
        ("Putin bestreitet ukrainische Erfolge"), which is the outlet's summary, not speech."""
        s, e = unit.start, unit.end
        line_start = s == 0 or self.text[s - 1] == "\n"
        line_end = e >= len(self.text) or self.text[e] == "\n"
        last = unit.tokens[-1].text
        return (
            line_start
            and line_end
            and len(unit.tokens) <= MAX_HEADING_TOKENS
            and last not in lex.SENTENCE_END_TOKENS
            and not (
                last in lex.CLOSING_MARK_TOKENS and len(unit.tokens) > 1 and unit.tokens[-2].text in ".!?"
            )
        )

    def _unit(self, unit: Unit, last: Quote | None, gap: int) -> Quote | None:
        if self._is_heading(unit):
            return None
        cues = find_cues(unit)
        direct = [m for m in unit.marks if m[2] == 0 and self._is_direct(unit, m)]
        if direct and self._has_konjunktiv(unit, 0, self._tok_index(unit, direct[0][0])):
            # "Natürlich gebe es das Risiko, „aber dieses Mal war das nicht der Fall“": indirect
            # speech that goes on in the speaker's words; the marks become a nested quote
            direct = []
        if direct and not all(self._embedded(unit, m) for m in direct):
            return self._direct(
                unit,
                direct,
                cues,
                last if gap <= DIRECT_GAP and (last is None or last.type == "direct" or gap <= 1) else None,
            )
        previous = last if gap <= CONTINUATION_GAP else None
        produced = self._indirect(unit, cues)
        if produced is not None:
            return produced
        if direct:
            return self._direct(
                unit,
                direct,
                cues,
                last if gap <= DIRECT_GAP and (last is None or last.type == "direct" or gap <= 1) else None,
            )
        if self._free_indirect(unit):
            return self._whole(unit, previous, "indirect")
        if previous is not None and self._konjunktiv(unit, strong=gap > 0):
            return self._continue(unit, previous)
        produced = self._reported_verb(unit, cues)
        if produced is None and self._konjunktiv(unit, strong=True) and len(unit.tokens) >= MIN_FREE_TOKENS:
            # free indirect speech far from its frame: a quote without a speaker (inheriting the
            # last speaker at gaps 2-3 lowered speaker F1 on train)
            return self._whole(unit, None, "indirect")
        return produced

    def _resumed(self, unit: Unit, previous: Unit) -> Quote | None:
        """ "Dies bestätigte der Vatikan.": the pronoun takes up the sentence before, which is the
        quote; the frame names speaker and cue. (The corpus adds the pronoun to the quote; a
        press review shows the sentence alone.) Only a sentence that is nothing but the frame
        counts: "Das sagte der Minister: „…“" has a quote of its own."""
        toks = unit.tokens
        if len(toks) < 3 or toks[0].text not in lex.RESUMPTIVE_PRONOUNS or unit.marks or unit.inside[0]:
            return None
        if any(
            t.text in (":", ";") or t.text.lower() in ("dass", "ob") for t in toks
        ) or self._has_konjunktiv(unit, 0, len(toks)):
            return None
        cue = next((c for c in find_cues(unit) if c.idx[0] == 1 and c.kind == "verb" and not c.weak), None)
        if cue is None:
            return None
        sp = np_right(unit, skip_midfield(unit, 2))
        if sp is None or toks[sp[0]].text.lower() in lex.OBLIQUE_DETERMINERS:
            return None  # "Das erklärt den Anstieg der Mieten": an object, nobody speaking
        if self.quotes and self.quotes[-1].quote.spans[-1][1] > previous.start:
            q = self.quotes[-1]
            if q.speaker is not None:
                return None  # the sentence before has its own attribution
            speaker, name, role = self._speaker(unit, sp)
            cue_span = _span_of(unit, cue.idx, self.text)
            self.quotes[-1] = Quote(q.quote, speaker, name, role, cue_span, q.type, q.frame)
            return self.quotes[-1]
        att = _Attribution(sp, cue.idx, (1, max(sp[1], *[x + 1 for x in cue.idx])), unit)
        return self._emit([(previous.start, previous.end)], att, "indirect")

    def _embedded(self, unit: Unit, mark: tuple[int, int, int]) -> bool:
        """A quotation inside running text ("sei ein „Opfer des Terrorismus“")."""
        i = self._tok_index(unit, mark[0])
        return i > 0 and unit.tokens[i - 1].text not in (":", ",", "(", "–", "-")

    def _is_direct(self, unit: Unit, mark: tuple[int, int, int]) -> bool:
        inner = [t.text for t in unit.within(mark)]
        at_start = mark[0] == unit.start
        if len(inner) < (2 if at_start else MIN_DIRECT_TOKENS):
            return False
        words = [w for w in inner if not is_punct(w)]
        if inner[-1] not in (".", "!", "?") and after_title_noun(self.text, mark[0]):
            return False  # das Motto „Freiheit statt Angst“
        # titles and names: „Confederação Brasileira de Futebol“, „And Tango Makes Three“
        caps = sum(1 for w in words if is_cap(w))
        return not (caps >= len(words) - 1 and inner[-1] not in (".", "!", "?"))

    def _free_indirect(self, unit: Unit) -> bool:
        """Hearsay modal: "Es soll zu Ausschreitungen gekommen sein"."""
        words = [t.text for t in unit.tokens]
        if not any(w in ("soll", "sollen") for w in words):
            return False
        tail = [w.lower() for w in words[-4:]]
        return any(w in ("sein", "haben", "worden") for w in tail)

    def _whole(self, unit: Unit, previous: Quote | None, qtype: QuoteType) -> Quote:
        spans = self._tok_spans(unit, 0, len(unit.tokens))
        return self._emit(spans, None, qtype, inherited=previous)

    def _reported_verb(self, unit: Unit, cues: list[Cue]) -> Quote | None:
        """A speech act without its content: "Die Schüler klagten über zu viel Stress.", "Scholz
        verteidigte die Lieferungen". Not a quotation (nothing is rendered of what was said), but a
        statement of its speaker: it goes to :attr:`acts`, and a Konjunktiv sentence after it
        continues its speaker."""
        toks = unit.tokens
        for cue in cues + self._stance_cues(unit):
            if cue.kind != "verb" or cue.weak:
                continue
            c = cue.idx[0]
            if PARTICIPLE.search(toks[c].text) or (c > 0 and toks[c - 1].text.lower() in lex.DETERMINERS):
                continue
            need = lex.REPORTED_VERB_REQUIRES.get(lemma_of(toks[c].text))
            if need is not None and not any(t.text.lower() in need for t in toks):
                continue  # "Ihm droht eine Haftstrafe" is no threat anybody made
            sp = np_left(unit, c, 0)
            if sp is None and (np_right(unit, 0) is None or object_first(unit, 0, c)):
                sp = np_right(unit, c + 1)  # inverted: "Am Montag kritisierte die Opposition"
            if sp is None:
                continue
            att = _Attribution(sp, [], None, unit)
            act = self._emit(self._tok_spans(unit, 0, len(toks)), att, "reported")
            self.quotes.remove(act)
            self.acts.append(act)
            return act
        return None

    def _stance_cues(self, unit: Unit) -> list[Cue]:
        """Verbs of judgement that report a stance with their preposition ("Analysten halten X für
        wahrscheinlich", "Beobachter werten X als Erfolg")."""
        toks = unit.tokens
        words = {t.text.lower() for k, t in enumerate(toks) if not unit.inside[k]}
        found: list[Cue] = []
        for k, t in enumerate(toks):
            if unit.inside[k] or not t.text[:1].islower():
                continue
            need = lex.STANCE_VERBS.get(lemma_of(t.text))
            if need is not None and (not need or words & need) and clause_final_particle(unit, k) is None:
                found.append(Cue("verb", [k]))
        return found

    def _n_tokens(self, unit: Unit, mark: tuple[int, int, int]) -> int:
        return len(unit.within(mark))

    def _tok_index(self, unit: Unit, char: int) -> int:
        return bisect.bisect_left(unit.starts, char)

    # direct ---------------------------------------------------------------------------------
    def _direct(
        self,
        unit: Unit,
        marks: list[tuple[int, int, int]],
        cues: list[Cue],
        previous: Quote | None,
    ) -> Quote | None:
        toks = unit.tokens
        groups: list[list[tuple[int, int, int]]] = []
        atts: list[_Attribution | None] = []
        for mark in marks:
            qs = self._tok_index(unit, mark[0])
            qe = self._tok_index(unit, mark[1])  # first token after the closing mark
            att = self._frame_after(unit, qe, cues)
            if att is None:
                att = self._frame_before(unit, qs, cues)
            prev_att = atts[-1] if atts else None
            if (
                att is not None
                and att.speaker is None
                and prev_att is not None
                and self._coordinated(unit, prev_att, att)
            ):
                att.speaker = prev_att.speaker  # „…“, sagte Hörmann und gestand: „…“
            if prev_att is not None and self._interrupt(unit, groups[-1][-1], mark, prev_att):
                groups[-1].append(mark)  # „A“, sagte X, „B“
                continue
            groups.append([mark])
            atts.append(att)
        last: Quote | None = None
        for group, att in zip(groups, atts, strict=True):
            spans = [(m[0], m[1]) for m in group]
            last = self._emit(spans, att, "direct", inherited=last or previous)
        _ = toks
        return last

    def _coordinated(self, unit: Unit, first: _Attribution, second: _Attribution) -> bool:
        """Whether the cue of ``second`` is a verb coordinated with the cue of ``first`` ("sagte
        Hörmann geknickt und gestand: „…“", "ereiferte sich der Coach … und behauptete: „…“"): "und"
        at most :data:`MAX_COORDINATION_GAP` tokens before it, after the first cue and its subject,
        with no clause boundary between."""
        if not first.cue or not second.cue or first.speaker is None:
            return False
        toks = unit.tokens
        c = min(second.cue)
        lo = max(max(first.cue), first.speaker[1] - 1)
        if lo >= c:
            return False
        und = next(
            (k for k in range(c - 1, max(lo, c - 1 - MAX_COORDINATION_GAP), -1) if toks[k].text == "und"),
            None,
        )
        if und is None:
            return False

        def boundary(k: int) -> bool:
            if toks[k].text == ":" and toks[k - 1].text.isdigit() and toks[k + 1].text.isdigit():
                return False  # a score: "nach dem 1:3"
            return toks[k].text in (".", ";", ":", "!", "?") or (unit.inside[k] and not in_title(unit, k))

        return not any(boundary(k) for k in range(lo + 1, c))

    def _interrupt(
        self, unit: Unit, prev: tuple[int, int, int], mark: tuple[int, int, int], att: _Attribution
    ) -> bool:
        """``„A“, sagte X, „B“``: the frame sits between the two marks."""
        if att.frame is None:
            return False
        f0 = unit.tokens[att.frame[0]].start
        f1 = unit.tokens[att.frame[1] - 1].end
        between = self.text[prev[1] : mark[0]]
        return prev[1] <= f0 and f1 <= mark[0] and len(between) < (f1 - f0) + 8

    def _frame_after(self, unit: Unit, qe: int, cues: list[Cue]) -> _Attribution | None:
        toks = unit.tokens
        n = len(toks)
        i = qe
        if i < n and toks[i].text == ",":
            i += 1
        if i >= n:
            return None
        for cue in cues:
            c = cue.idx[0]
            if c != i:
                continue
            if cue.kind == "verb":
                k = skip_midfield(unit, c + 1)
                if lemma_of(toks[c].text) in lex.OBJECT_SPEAKER_VERBS and k < n:
                    obj = self._quoted_object(unit, k)
                    if obj is not None:  # „…“, zitierte ihn die Agentur Tass
                        return _Attribution(obj[0], cue.idx, (i, obj[1]), unit, addressee=obj[2])
                sp = np_right(unit, k)
                medium = self._dative_medium(unit, sp)
                if medium is not None:  # „…“, sagte der MOPO eine Sprecherin
                    return _Attribution(medium[0], cue.idx, (i, medium[0][1]), unit, addressee=medium[1])
                end = max([sp[1] if sp else c + 1, *cue.idx]) if sp else c + 1
                return _Attribution(sp, cue.idx, (i, end), unit)
            if cue.kind == "so":
                sp = np_right(unit, c + 1)
                return _Attribution(sp, cue.idx, (i, sp[1] if sp else c + 1), unit)
            if cue.kind == "heisst":
                # „…“, heißt es in der Erklärung
                hsp = self._heisst_source(unit, c)
                end_f = hsp[1] if hsp else min(n, c + 2)
                return _Attribution(hsp, [c, c + 1] if c + 1 < n else [c], (i, end_f), unit)
        # passive: „…“, wird X zitiert / hatte X gesagt
        if toks[i].text.lower() in ("wird", "wurde", "hatte", "hat", "habe", "so"):
            for cue in cues:
                c = cue.idx[0]
                if cue.kind == "verb" and c > i + 1:
                    sp = np_right(unit, i + 1)
                    if sp is not None and sp[1] <= c:
                        return _Attribution(
                            sp,
                            [i, *cue.idx] if toks[i].text.lower() in ("wird", "wurde") else cue.idx,
                            (i, c + 1),
                            unit,
                        )
        # any verb with its subject: „…“, schmunzelte Blanik / freut sich Kluckers / ereiferte sich der Coach
        w = toks[i].text
        if (
            qe < n
            and toks[qe].text == ","
            and w[:1].islower()
            and len(w) > 3
            and w not in lex.NOT_FRAME_VERBS
            and w.lower() not in AUX
        ):
            k = i + 1
            if k < n and toks[k].text == "sich":
                k += 1
            k = skip_midfield(unit, k)
            sp = np_right(unit, k) if k < n else None
            if sp is not None and toks[sp[0]].text.lower() not in lex.OBLIQUE_DETERMINERS and sp[0] <= i + 3:
                return _Attribution(sp, [i], (i, sp[1]), unit)
        return None

    def _dative_medium(
        self, unit: Unit, sp: tuple[int, int] | None
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """A medium in the dative right after the verb, the speaker after it: "sagte der MOPO eine
        Sprecherin" -> (speaker, medium)."""
        if sp is None:
            return None
        toks = unit.tokens
        words = [t.text for t in toks[sp[0] : sp[1]]]
        if words[0].lower() not in ("der", "dem") or not any(is_medium_word(w) for w in words):
            return None
        nxt = np_right(unit, skip_midfield(unit, sp[1]))
        if nxt is None or nxt[0] > sp[1] + 3:
            return None
        return nxt, sp

    def _colon_intro(self, unit: Unit, qs: int) -> _Attribution | None:
        """A clause without a speech verb ending in a colon before the quote: its subject speaks
        ("Bongartz liefert eine Erklärung: „…“", "Für Schulleiter Salcher kein Thema: „…“",
        "Sein Urteil: „…“" -> the person "sein" refers to, ", den Xhaka zusammenfasste: „…“")."""
        toks = unit.tokens
        start = qs - 1
        stops = (".", ";", ":", "!", "?", ",")
        while start > 0 and toks[start - 1].text not in stops and not unit.inside[start - 1]:
            start -= 1
        if qs - 1 - start > MAX_INTRO_TOKENS:
            return None
        relative = toks[start].text in lex.RELATIVE_PRONOUNS or toks[start].text in lex.OBLIQUE_DETERMINERS
        if 0 < start < qs - 2 and toks[start - 1].text == "," and relative:
            start += 1  # the relative clause's subject
        k = start
        if k < qs - 1 and toks[k].text in lex.POSSESSIVE_OPENERS:
            return _Attribution((k, k + 2 if k + 2 < qs else k + 1), [], (k, qs), unit)
        if k < qs - 1 and toks[k].text.lower() in lex.INTRO_PREPOSITIONS:
            k += 1
        if k >= qs - 1 or toks[k].text.lower() in lex.OBLIQUE_DETERMINERS:
            return None
        sp = np_right(unit, k)
        if sp is None or sp[1] > qs - 1:
            return None
        words = [x.text for x in toks[sp[0] : sp[1]]]
        m = parse_mention(words, self.discourse.names)
        if m.kind not in ("per", "org") and words[0].lower() not in ("er", "sie"):
            return None
        lone = m.kind == "per" and m.name is not None and " " not in m.name and not m.role
        if lone and m.name not in self.discourse.names.persons:
            return None  # "Thema: „…“" is no person
        return _Attribution(sp, [], (start, qs), unit)

    def _quoted_object(
        self, unit: Unit, k: int
    ) -> tuple[tuple[int, int], int, tuple[int, int] | None] | None:
        """After "zitierte": the quoted person and the medium quoting them, in either order
        ("zitierte ihn die Agentur Tass", "zitierte die Agentur RIA Verteidigungsminister Schoigu");
        (speaker span, frame end, medium span) or None."""
        toks = unit.tokens
        if toks[k].text.lower() in lex.OBJECT_PRONOUNS:
            medium = np_right(unit, skip_midfield(unit, k + 1))
            return (k, k + 1), max(k + 1, medium[1] if medium else k + 1), medium
        sp = np_right(unit, k)
        if sp is None:
            return None
        words = [t.text for t in toks[sp[0] : sp[1]]]
        for m in range(1, len(words)):
            # "die staatliche Nachrichtenagentur RIA Verteidigungsminister Sergej Schoigu"
            if is_medium_word(words[m - 1]) and is_role_form(words[m]) and not is_medium_word(words[m]):
                return (sp[0] + m, sp[1]), sp[1], (sp[0], sp[0] + m)
        return None

    def _frame_before(self, unit: Unit, qs: int, cues: list[Cue]) -> _Attribution | None:
        toks = unit.tokens
        before = [c for c in cues if c.idx[0] < qs and c.kind == "verb" and not c.weak]
        if not before:
            heisst = [c for c in cues if c.idx[0] < qs and c.kind == "heisst"]
            if (not heisst or qs == 0) and qs > 0 and toks[qs - 1].text == ":":
                return self._colon_intro(unit, qs)
            if not heisst or qs == 0 or toks[qs - 1].text != ":":
                return None
            c = heisst[-1].idx[0]  # "In der Erklärung heißt es: „…“"
            hsp = self._source_pp(unit, c)
            cue_idx = [c, c + 1] if toks[c + 1].text == "es" else [c - 1, c]
            return _Attribution(hsp, cue_idx, (hsp[0] if hsp else c, qs), unit)
        cue = before[-1]
        c = cue.idx[0]
        # the clause must run up to the quote: "X sagte (dem Blatt): „…“"
        clause_start = 0
        for k in range(c - 1, -1, -1):
            if toks[k].text in (".", ";", ":") or (unit.inside[k] and not in_title(unit, k)):
                clause_start = k + 1
                break
        sp = subject_of(unit, c, clause_start)
        if (
            toks[clause_start].text.lower() == "wie"
            and c + 1 < len(toks)
            and toks[max(cue.idx) + 1].text == ","
        ):
            # "Wie KCNA berichtete, zeigte sich Kim bereit, „…“": the medium relays, Kim speaks
            inner = self._inner_subject(unit, max(cue.idx) + 2)
            medium = np_right(unit, clause_start + 1)
            if (
                inner is not None
                and medium is not None
                and any(is_medium_word(x.text) for x in toks[medium[0] : medium[1]])
            ):
                return _Attribution(inner, cue.idx, (clause_start, qs), unit, addressee=medium)
        frame_end = qs
        if frame_end > 0 and toks[frame_end - 1].text == ":":
            frame_end = frame_end
        lo = sp[0] if sp and sp[0] < c else c
        return _Attribution(sp, cue.idx, (lo, max(frame_end, c + 1)), unit)

    # indirect -------------------------------------------------------------------------------
    def _indirect(self, unit: Unit, cues: list[Cue]) -> Quote | None:
        toks = unit.tokens
        n = len(toks)
        end = n
        closing = {e for _, e, _ in unit.marks}
        while end > 0 and toks[end - 1].text in (".", "!", "?", '"', "“", "«", "»"):
            if toks[end - 1].end in closing:  # closes a quotation inside the quote: keep it
                break
            end -= 1
        question = toks[-1].text == "?" and not unit.inside[n - 1]
        for cue in cues:
            c = cue.idx[0]
            if question and cue.kind in ("laut", "nach", "zufolge"):
                continue  # "Welche Vorschläge sind Ihrer Meinung nach verfassungswidrig?"
            if cue.kind in ("laut", "nach"):
                sp = np_right(unit, c + 1)
                if sp is None:
                    continue
                if sp[1] + 1 < n and toks[sp[1]].text in ("von", "vom", "aus", "in"):
                    more = np_right(unit, sp[1] + 1)
                    # "in Flensburg", not "in dem Land" / "in die Luft"
                    if more is not None and (toks[sp[1]].text != "in" or is_cap(toks[sp[1] + 1].text)):
                        sp = (sp[0], more[1])
                head = next((x.text for x in reversed(toks[sp[0] : sp[1]]) if is_cap(x.text)), "")
                if head.lower().endswith(lex.RULE_NOUN_SUFFIXES):
                    continue  # "laut dem sogenannten Benn-Gesetz": a rule, not a source's words
                if self._relays(unit, sp, cues, c):
                    continue  # "Kuleba hatte laut der Agentur Interfax mitgeteilt, ...": Kuleba speaks
                frame = (c, sp[1])
                return self._reported(unit, cue, sp, frame, end)
            if cue.kind == "zufolge":
                sp = self._np_before(unit, c)
                if sp is None:
                    continue
                return self._reported(unit, cue, sp, (sp[0], c + 1), end)
            if cue.kind == "so" and c > 1:
                sp = np_right(unit, c + 1)
                if sp is None:
                    continue
                att = _Attribution(sp, cue.idx, (c - 1, sp[1]), unit)
                return self._emit(self._tok_spans(unit, 0, c - 1), att, "reported")
            if cue.kind == "demnach":
                # "Demnach sei ...": the adverb is both source and cue (it points back to one)
                if c + 1 >= end:
                    continue
                lo = c + 1 if toks[c].text.lower() == "wonach" else 0
                spans = self._tok_spans(unit, lo, c) + self._tok_spans(unit, c + 1, end)
                source = (c, c + 1)
                if lo and c > 1 and toks[c - 1].text == ",":  # "ein Bericht der Agentur X, wonach"
                    source = self._np_before(unit, c - 1) or source
                att = _Attribution(source, [c], (c, c + 1), unit)
                return self._emit(_merge(spans), att, "reported")
            if cue.kind == "heisst":
                # "In der Erklärung heißt es, (dass) ...": the document is the source
                comma = self._next_comma(unit, c)
                if comma is not None and comma + 1 < end and toks[comma].text == ",":
                    hsp = self._source_pp(unit, c)
                    cue_idx = [c, c + 1] if toks[c + 1].text == "es" else [c - 1, c]
                    att = _Attribution(hsp, cue_idx, (hsp[0] if hsp else c, comma + 1), unit)
                    return self._emit(self._tok_spans(unit, comma + 1, end), att, "indirect")
                if (
                    c > 1
                    and toks[c - 1].text == ","
                    and c + 1 < n
                    and toks[c + 1].text == "es"
                    and 2 * sum(unit.inside[: c - 1]) < c - 1  # mostly in marks: a direct quote
                ):
                    # "…, hieß es (in einer Erklärung des Ministeriums).": the content before the
                    # comma, the document or place after "es" its source
                    hsp = self._heisst_source(unit, c)
                    frame_end = max(c + 2, hsp[1] if hsp else 0)
                    if frame_end >= end or self._has_konjunktiv(unit, 0, c - 1):
                        att = _Attribution(hsp, [c, c + 1], (c - 1, frame_end), unit)
                        return self._emit(self._tok_spans(unit, 0, c - 1), att, "reported")
                continue
            if cue.kind != "verb":
                continue
            # "Wie X mitteilte, ..." / "..., wie X mitteilte."
            wie = self._wie_frame(unit, cue, end)
            if wie is not None:
                return wie
            # "X sagte (dem Blatt), (dass) ..."
            comma = self._next_comma(unit, c)
            if comma is not None and c > 0:
                inv = np_right(unit, skip_midfield(unit, c + 1))
                if inv is not None and inv[1] > comma and inv[1] < end and toks[inv[1]].text == ",":
                    comma = inv[1]  # inverted subject with apposition: "sagte der Koordinator, X, dass"
                if comma + 1 < end and toks[comma + 1].text == "gegenüber":
                    comma = self._next_comma(unit, comma + 1)  # ", gegenüber der BBC, dass"
            if (
                comma is not None
                and comma + 1 < end
                and not (cue.weak and toks[comma + 1].text.lower() not in ("dass", "ob"))
            ):
                passive = self._passive(unit, cue)
                if passive:
                    sp = self._agent(unit, max(cue.idx))
                else:
                    sp = self._subject_or_inverted(unit, c, comma) if c > 0 else None
                if sp is None:
                    sp = self._source_pp(unit, c)  # "In einer Erklärung wurde verkündet, dass"
                content = toks[comma + 1].text.lower()
                if (
                    content in ("dass", "ob")
                    or self._has_konjunktiv(unit, comma + 1, end)
                    or ((sp is not None or passive) and self._zu_infinitive(unit, comma + 1, end))
                    or (sp is not None and content in ("er", "sie", "es", "man") and not cue.weak)
                ):
                    lo = sp[0] if sp and sp[0] < c else c
                    addressed = self._passive_subject(unit, c) if passive else None
                    stop, relay = self._relay_frame(unit, cues, comma + 1, end)
                    att = _Attribution(sp, cue.idx, (lo, comma + 1), unit, addressee=addressed or relay)
                    return self._emit(self._tok_spans(unit, comma + 1, stop), att, "indirect")
            # "..., sagte X."  (post-posed frame)
            if c > 1 and toks[c - 1].text == "," and not cue.weak:
                sp = np_right(unit, skip_midfield(unit, c + 1))
                closes = sp is not None and max(sp[1], *[x + 1 for x in cue.idx]) >= end
                if sp is not None and (closes or self._has_konjunktiv(unit, 0, c - 1)):
                    att = _Attribution(sp, cue.idx, (c - 1, max(sp[1], *[x + 1 for x in cue.idx])), unit)
                    return self._emit(self._tok_spans(unit, 0, c - 1), att, "indirect")
        return self._opinion_frame(unit, end) or self._closing_frame(unit, end)

    def _opinion_frame(self, unit: Unit, end: int) -> Quote | None:
        """A view stated with a noun: "X ist der Meinung, dass …", "X ist der Ansicht, …", "Die
        Experten kamen zu dem Ergebnis, dass …": the verb and the noun are the cue, the subject
        before the verb speaks, the clause after the comma is the content."""
        toks = unit.tokens
        for k in range(1, min(end - 3, MAX_INTRO_TOKENS + 1)):
            verb = toks[k].text.lower()
            nxt = [t.text for t in toks[k + 1 : k + 4]]
            if verb in _OPINION_VERBS_SEIN and nxt[0] == "der" and nxt[1] in _OPINION_NOUNS:
                noun = k + 2
            elif (
                verb in _OPINION_VERBS_KOMMEN
                and nxt[0] in ("zu", "zum")
                and (nxt[1] in _CONCLUSION_NOUNS or (nxt[1] == "dem" and nxt[2] in _CONCLUSION_NOUNS))
            ):
                noun = k + 2 if nxt[1] in _CONCLUSION_NOUNS else k + 3
            else:
                continue
            if (
                noun + 2 >= end
                or toks[noun + 1].text != ","
                or any(unit.inside[i] for i in range(k, noun + 2))
            ):
                return None
            sp = np_left(unit, k, 0)
            if sp is None or sp[0] != 0:
                return None
            att = _Attribution(sp, [k, noun], (0, noun + 1), unit)
            return self._emit(self._tok_spans(unit, noun + 2, end), att, "indirect")
        return None

    def _closing_frame(self, unit: Unit, end: int) -> Quote | None:
        """Konjunktiv-I content closed by ", <verb in -te> <speaker>." whose verb the cue lexicon
        does not list ("Es werde eine intensive Diskussion, orakelte Hörmann.", "…, konstatierte
        Hörmann demoralisiert."): the verb and its subject frame the content before the comma. The
        speaker must close the sentence (at most :data:`MAX_CLOSING_TAIL` tokens after it) and be a
        person, an organisation, a role or a pronoun."""
        toks = unit.tokens
        for k in range(end - 2, 1, -1):
            if toks[k].text != "," or unit.inside[k]:
                continue
            v = k + 1
            w = toks[v].text
            if (
                unit.inside[v]
                or not w.islower()
                or not w.endswith("te")
                or len(w) < 5
                or w in lex.NOT_FRAME_VERBS
                or w in AUX
            ):
                return None
            sp = np_right(unit, skip_midfield(unit, v + 1))
            if sp is None or end - sp[1] > MAX_CLOSING_TAIL or not self._speaks(unit, sp):
                return None
            if not self._has_konjunktiv(unit, 0, k):
                return None
            att = _Attribution(sp, [v], (k, sp[1]), unit)
            return self._emit(self._tok_spans(unit, 0, k), att, "indirect")
        return None

    def _passive_subject(self, unit: Unit, c: int) -> tuple[int, int] | None:
        """The addressed subject of a passive cue: "Ihm wird vorgeworfen", "Die Männer werden
        beschuldigt"."""
        toks = unit.tokens
        if toks[0].text.lower() in lex.DATIVE_PRONOUNS:
            return (0, 1)
        sp = np_right(unit, 0)
        if sp is not None and sp[1] < c and toks[sp[1]].text.lower() in lex.PASSIVE_AUXILIARIES:
            return sp
        return None

    def _inner_subject(self, unit: Unit, j: int) -> tuple[int, int] | None:
        """The person right after the finite verb opening a main clause ("zeigte sich Kim ...")."""
        toks = unit.tokens
        if j >= len(toks) or not toks[j].text[:1].islower():
            return None
        k = j + 1
        if k < len(toks) and toks[k].text == "sich":
            k += 1
        sp = np_right(unit, skip_midfield(unit, k))
        if sp is None:
            return None
        m = parse_mention([t.text for t in toks[sp[0] : sp[1]]], self.discourse.names)
        return sp if m.kind == "per" else None

    def _relay_frame(
        self, unit: Unit, cues: list[Cue], a: int, end: int
    ) -> tuple[int, tuple[int, int] | None]:
        """Indirect content that ends in a medium's post-posed frame ("In dem Gespräch habe Lawrow
        erklärt, Putin hoffe auf …, berichtete die Agentur Tass."): where the content stops, and
        the medium (as addressee)."""
        toks = unit.tokens
        for cue in cues:
            c = cue.idx[0]
            if cue.kind != "verb" or not (a < c < end) or toks[c - 1].text != ",":
                continue
            sp = np_right(unit, skip_midfield(unit, c + 1))
            if (
                sp is not None
                and sp[1] >= end - 1
                and any(is_medium_word(x.text) for x in toks[sp[0] : sp[1]])
            ):
                return c - 1, sp
        return end, None

    def _relays(self, unit: Unit, sp: tuple[int, int], cues: list[Cue], c: int) -> bool:
        """Whether the source after "laut"/"nach" only relays: a medium, with a speech verb of its
        own subject later in the clause."""
        words = [t.text for t in unit.tokens[sp[0] : sp[1]]]
        if not any(is_medium_word(w) for w in words):
            return False
        return any(x.kind == "verb" and not x.weak and x.idx[0] >= sp[1] for x in cues)

    def _wie_frame(self, unit: Unit, cue: Cue, end: int) -> Quote | None:
        toks = unit.tokens
        c = max(cue.idx)
        for k in range(cue.idx[0] - 1, max(-1, cue.idx[0] - MAX_SPEAKER_TOKENS), -1):
            if toks[k].text.lower() == "wie" and (k == 0 or toks[k - 1].text == ","):
                break
            if toks[k].text in (",", ".", ":", ";"):
                return None
        else:
            return None
        if (c + 1 < len(toks) and toks[c + 1].text in (",", ".", "!", "?") and c + 1 >= end - 1) or (
            c + 1 < len(toks) and toks[c + 1].text == ","
        ):
            first = k + 1
            if first < len(toks) and toks[first].text.lower() in lex.SOURCE_PREPOSITIONS:
                first += 1  # "wie aus dem Bericht hervorgeht": the document is the source
            sp = np_right(unit, first)
            if sp is not None and sp[1] > cue.idx[0]:
                sp = None
            if k == 0:  # "Wie X mitteilte, ..."
                frame = (0, c + 2)
                inner = self._inner_subject(unit, c + 2) if sp is not None else None
                if (
                    inner is not None
                    and sp is not None
                    and any(is_medium_word(t.text) for t in toks[sp[0] : sp[1]])
                ):
                    # "Wie KCNA berichtete, zeigte sich Kim bereit, „…“": Kim speaks, KCNA relays
                    att = _Attribution(inner, cue.idx, frame, unit, addressee=sp)
                    return self._emit(self._tok_spans(unit, c + 2, end), att, "reported")
                att = _Attribution(sp, cue.idx, frame, unit)
                return self._emit(self._tok_spans(unit, c + 2, end), att, "reported")
            frame = (k - 1, c + 1)  # "..., wie X mitteilte"
            att = _Attribution(sp, cue.idx, frame, unit)
            spans = self._tok_spans(unit, 0, k - 1)
            if c + 2 < end:
                spans += self._tok_spans(unit, c + 2, end)
            return self._emit(spans, att, "reported")
        return None

    def _zu_infinitive(self, unit: Unit, a: int, b: int) -> bool:
        words = [t.text for t in unit.tokens[a:b]]
        return len(words) >= 2 and (words[-2] == "zu" or "zu" in words[-1][2:-2])

    def _reported(
        self, unit: Unit, cue: Cue, sp: tuple[int, int], frame: tuple[int, int], end: int
    ) -> Quote | None:
        toks = unit.tokens
        a, b = frame
        # commas around an inserted frame are not part of the quote
        left_end = a
        if left_end > 0 and toks[left_end - 1].text == ",":
            left_end -= 1
        right_start = b
        if right_start < end and toks[right_start].text == ",":
            right_start += 1
        spans = self._tok_spans(unit, 0, left_end) + self._tok_spans(unit, right_start, end)
        if not spans:
            return None
        att = _Attribution(sp, cue.idx, frame, unit)
        return self._emit(_merge(spans), att, "reported")

    def _np_before(self, unit: Unit, c: int) -> tuple[int, int] | None:
        toks = unit.tokens
        for start in range(max(0, c - MAX_SPEAKER_TOKENS), c):
            if (
                start > 0
                and toks[start - 1].text not in (",",)
                and toks[start - 1].text[:1].isupper()
                and start - 1 != 0
            ):
                continue
            w = toks[start].text
            if w.islower() and w not in lex.DETERMINERS and lemma_of(w) == w:
                continue  # a verb, not an adjective: "gewinnen Medienberichten zufolge"
            sp = np_right(unit, start)
            if sp is not None and sp[1] == c:
                return sp
        return None

    def _subject_or_inverted(self, unit: Unit, c: int, comma: int) -> tuple[int, int] | None:
        toks = unit.tokens
        clause_start = 0
        for k in range(c - 1, -1, -1):
            if toks[k].text in (";", ":") or (unit.inside[k] and not in_title(unit, k)):
                clause_start = k + 1
                break
        sp = subject_of(unit, c, clause_start)
        if sp is not None and sp[0] > c and sp[1] > comma:
            return None
        return sp

    def _source_pp(self, unit: Unit, c: int) -> tuple[int, int] | None:
        """The source of an impersonal cue, the phrase after its preposition (as the corpus marks
        it): opening the clause ("In der Erklärung heißt es", "Bei der Agentur RIA hieß es") or,
        after "heißt es", following it ("So heißt es in der Meldung: ...", :meth:`_heisst_source`)."""
        toks = unit.tokens
        if c >= 2 and toks[0].text.lower() in lex.SOURCE_PREPOSITIONS:
            sp = np_right(unit, 1)
            return sp if sp is not None and sp[1] <= c else None
        return self._heisst_source(unit, c)

    def _heisst_source(self, unit: Unit, c: int) -> tuple[int, int] | None:
        """Who speaks in a post-posed "heißt es": of the phrases after "es" ("hieß es laut dem
        Beitrag aus dem Sozialministerium", "in der Erklärung des Ministeriums") the last that names
        a person or organisation, else the first; "hieß es weiter" points back to the source just
        quoted (the adverb stands for it)."""
        toks = unit.tokens
        n = len(toks)
        k = c + 2
        if c + 1 >= n or toks[c + 1].text != "es":
            return None
        if k < n and toks[k].text.lower() in lex.CONTINUING_SOURCE_ADVERBS:
            return (k, k + 1)
        found: list[tuple[int, int]] = []
        while k + 1 < n and toks[k].text.lower() in lex.HEISST_SOURCE_PREPOSITIONS and not unit.inside[k]:
            sp = np_right(unit, k + 1)
            if sp is None:
                break
            found.append(sp)
            k = sp[1]
        names = self.discourse.names
        for sp in reversed(found):
            m = parse_mention([t.text for t in toks[sp[0] : sp[1]]], names)
            if m.kind in ("per", "org") and m.name and not is_medium_word(m.name.split()[-1]):
                return sp
        return found[0] if found else None

    def _next_comma(self, unit: Unit, c: int) -> int | None:
        toks = unit.tokens
        for k in range(c + 1, min(len(toks), c + 12)):
            if toks[k].text in (",", ":"):
                return k
            if toks[k].text in (".", ";") or unit.inside[k]:
                return None
        return None

    def _passive(self, unit: Unit, cue: Cue) -> bool:
        """A passive cue ("Er wurde aufgefordert, ..."): its subject is addressed, not speaking."""
        toks = unit.tokens
        verb = max(cue.idx)
        if toks[verb].text.lower() == lemma_of(toks[verb].text):  # infinitive: "wird sagen"
            return False
        if lemma_of(toks[verb].text) in lex.PASSIVE_SPEAKER_VERBS:
            return False  # "Merkel wird mit den Worten zitiert": the subject is the speaker
        for k in range(verb - 1, -1, -1):
            if toks[k].text in (",", ";", ":") or toks[k].text in ("und", "oder", "aber") or unit.inside[k]:
                return False  # "Er wurde Präsident und erklärte": another clause
            if toks[k].text.lower() in lex.PASSIVE_AUXILIARIES:
                return True
        return False

    def _agent(self, unit: Unit, verb: int) -> tuple[int, int] | None:
        """The "von" phrase of a passive cue, preposition included as the corpus marks it ("von
        einem Sprecher wurde angegeben")."""
        toks = unit.tokens
        for k in range(verb - 1, -1, -1):
            if toks[k].text in (",", ";", ":"):
                return None
            if toks[k].text.lower() in ("von", "vom"):
                np = np_right(unit, k + 1)
                return (k, np[1]) if np is not None and np[1] <= verb else None
        return None

    def _has_konjunktiv(self, unit: Unit, a: int, b: int) -> bool:
        toks = unit.tokens
        return any(
            not unit.inside[k]
            and is_konjunktiv_i(toks[k].text)
            and (k == 0 or toks[k - 1].text.lower() not in lex.FIRST_PERSON_PRONOUNS)
            for k in range(a, b)
        )

    def _konjunktiv(self, unit: Unit, strong: bool) -> bool:
        """Konjunktiv I anywhere; right after a quote also the Konjunktiv II substitutes."""
        if self._has_konjunktiv(unit, 0, len(unit.tokens)):
            return True
        toks = unit.tokens
        first = 0
        if toks[0].text.lower() in lex.SUBORDINATORS:
            # "Wo genau das Treffen stattfinden würde, blieb geheim.": the subjunctive of a
            # fronted subordinate clause says nothing about the main clause
            first = next((k for k, t in enumerate(toks) if t.text == ","), len(toks))
        return not strong and any(
            not unit.inside[k] and toks[k].text in lex.KONJUNKTIV_FORMS for k in range(first, len(toks))
        )

    def _continue(self, unit: Unit, previous: Quote) -> Quote:
        spans = self._tok_spans(unit, 0, len(unit.tokens))
        if (
            previous.cue is None
            and previous.type == "indirect"
            and self.quotes
            and self.quotes[-1] is previous
            and self.text[previous.quote.spans[-1][1] : spans[0][0]].strip() == ""
        ):
            # consecutive Konjunktiv sentences form one quote
            merged = Quote(
                _char_span(self.text, [(previous.quote.spans[0][0], spans[-1][1])]),
                previous.speaker,
                previous.speaker_name,
                previous.speaker_role,
                None,
                "indirect",
            )
            self.quotes[-1] = merged
            return merged
        quote = Quote(
            _char_span(self.text, spans),
            previous.speaker,
            previous.speaker_name,
            previous.speaker_role,
            None,
            "indirect",
        )
        self.quotes.append(quote)
        return quote

    def _tok_spans(self, unit: Unit, a: int, b: int) -> list[tuple[int, int]]:
        if b <= a:
            return []
        return [(unit.tokens[a].start, unit.tokens[b - 1].end)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [s for s in spans if s[1] > s[0]]


def _plural_verb(word: str) -> bool:
    """A finite verb in the plural ("sagten", "erklären"): for "sagten sie" (they)."""
    return word.endswith("en") and len(word) > 4


def find(
    text: str, sentences: list[list[Token]], entities: Sequence[tuple[int, int, str]] = ()
) -> list[Quote]:
    """German quotations in ``text``, split into sentences of tokens; ``entities`` (start, end,
    label) from the entity model help tell names from roles and resolve speakers."""
    return _Finder(text, sentences, entities).run()


def find_with_acts(
    text: str, sentences: list[list[Token]], entities: Sequence[tuple[int, int, str]] = ()
) -> tuple[list[Quote], list[Quote]]:
    """(quotations, narrated speech acts) of ``text``: :func:`find` plus the speech acts reported
    without their content, which are no quotations but statements of their speakers."""
    finder = _Finder(text, sentences, entities)
    quotes = finder.run()
    return quotes, sorted(finder.acts, key=lambda q: q.quote.spans[0][0])
