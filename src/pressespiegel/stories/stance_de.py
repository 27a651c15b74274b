"""Stance lexicon for German news statements, as data: what a reporting cue says about a claim.

Used by :mod:`pressespiegel.stories.contradictions`. All entries are lower-cased **lemmas** as
simplemma returns them (``bestritt`` → ``bestreiten``), except where a set says "word forms".
Own work, Apache-2.0 (compiled from German reporting verbs and press-release usage; nothing is
derived from the evaluation data under ``bench/data``).

Notes:
    - Separable verbs are split in running text ("wies ... zurück", "räumte ... ein"), so they are
      listed as (particle, stem lemma) pairs and matched within one statement.
    - "ablehnen" rejects a demand or an offer as often as a claim; it counts as rejection only
      when its object is anaphoric or names a claim (see ``CLAIM_NOUNS``), which the detector checks.
    - Verb forms after "zu" ("sinnlos, die Einschläge zu bestreiten") are governed by another
      predicate and say nothing about the speaker's own stance; the detector skips them.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


#: Lemmas of verbs that confirm a claim (the speaker asserts that it is true).
CONFIRM_VERBS: frozenset[str] = _words(
    """
    bestätigen bekräftigen einräumen zugeben eingestehen zugestehen bejahen
    """
)

#: Lemmas of verbs that deny or reject a claim.
DENY_VERBS: frozenset[str] = _words(
    """
    bestreiten dementieren zurückweisen widersprechen leugnen abstreiten verneinen bezweifeln
    anzweifeln abweisen ablehnen
    """
)

#: Separable deny/confirm verbs as (particle, stem lemma): "wies die Vorwürfe zurück".
SEPARABLE_DENY: frozenset[tuple[str, str]] = frozenset(
    {("zurück", "weisen"), ("ab", "streiten"), ("ab", "lehnen"), ("ab", "weisen"), ("an", "zweifeln")}
)
SEPARABLE_CONFIRM: frozenset[tuple[str, str]] = frozenset({("ein", "räumen"), ("zu", "geben")})

#: Word forms (lower-case) that are participles or finite forms simplemma may leave unlemmatized.
DENY_FORMS: frozenset[str] = _words(
    """
    bestritt bestritten bestreitet bestreiten dementiert dementierte dementierten zurückgewiesen
    widersprach widersprochen widerspricht leugnet leugnete abgestritten verneinte verneint
    bezweifelten bezweifelte bezweifelt abgelehnt
    """
)
CONFIRM_FORMS: frozenset[str] = _words(
    """
    bestätigt bestätigte bestätigten bestätige bestätigen bekräftigt bekräftigte eingeräumt
    zugegeben
    """
)

#: Predicates and nouns by which a speaker calls another claim untrue (word forms, lower-case).
FALSITY_WORDS: frozenset[str] = _words(
    """
    falsch haltlos unwahr unzutreffend erfunden spekulation zeitungsente lüge lügen
    unverschämtheit abwegig gerücht gerüchte
    """
)

#: Nouns that name a claim; "den Vorwurf", "die Darstellung" as the object of a denial point back
#: to an earlier statement (lemmas, lower-case).
CLAIM_NOUNS: frozenset[str] = _words(
    """
    vorwurf vorwürfe anschuldigung beschuldigung darstellung behauptung bericht berichte meldung
    angabe angaben aussage kritik these mutmaßung verdacht
    """
)

#: Demonstratives that make a statement anaphoric (word forms, lower-case). "das"/"dies" count
#: only when no noun follows (pronoun use); the determiners always.
ANAPHORIC_PRONOUNS: frozenset[str] = _words("das dies dem")
ANAPHORIC_DETERMINERS: frozenset[str] = _words(
    "diese dieser diesen diesem dieses solche solcher solchen solchem solches"
)

#: Sentential negators (word forms, lower-case).
NEGATORS: frozenset[str] = _words(
    """
    nicht kein keine keinen keinem keiner keines nie niemals nichts weder
    """
)

#: Positive assessment lemmas (success, progress, soundness).
POSITIVE_ASSESSMENT: frozenset[str] = _words(
    """
    erfolg erfolgreich gelingen gelungen fortschritt durchbruch geländegewinn vorankommen voran
    befreien befreit vorrücken richtig prüfenswert gut stolz etabliert bewährt sieg siegen
    vormarsch erfolge
    """
)

#: Negative assessment lemmas (failure, stagnation, unsoundness).
NEGATIVE_ASSESSMENT: frozenset[str] = _words(
    """
    scheitern gescheitert fehlschlag misserfolg erfolglos niederlage fahrlässig unausgereift
    unsozial verfassungswidrig stagnieren stagnation stillstand passivität fehlentwicklung
    desaster debakel versagen rückschlag
    """
)

#: Outcome nouns that are neutral alone and negative when negated ("Ergebnisse gibt es keine").
OUTCOME_NOUNS: frozenset[str] = _words("ergebnis ergebnisse resultat fortschritt fortschritte bewegung")

#: Topic frames: words that talk about the same thing without sharing a lemma. A statement that
#: contains one gets the frame tag as an extra topic term ("Gegenoffensive" ~ "Geländegewinne").
TOPIC_FRAMES: dict[str, str] = {
    "offensive": "#frontverlauf",
    "gegenoffensive": "#frontverlauf",
    "vormarsch": "#frontverlauf",
    "geländegewinn": "#frontverlauf",
    "geländegewinne": "#frontverlauf",
    "quadratkilometer": "#frontverlauf",
    "meter": "#frontverlauf",
    "vorrücken": "#frontverlauf",
    "vorstoßen": "#frontverlauf",
    "zurückerobern": "#frontverlauf",
    "festnahme": "#festnahme",
    "festnehmen": "#festnahme",
    "festgenommen": "#festnahme",
    "verhaften": "#festnahme",
    "verhaftet": "#festnahme",
    "treffen": "#treffen",
    "besuch": "#treffen",
    "visite": "#treffen",
    "kontakt": "#treffen",
    "zusammenkunft": "#treffen",
    "reise": "#treffen",
    "eintreffen": "#treffen",
}

#: Demonyms and metonyms mapped to the country they stand for, so "ukrainisch", "Kiew" and
#: "Ukraine" are one topic term (lemmas, lower-case).
PLACE_ALIASES: dict[str, str] = {
    "ukrainisch": "ukraine",
    "kiew": "ukraine",
    "russisch": "russland",
    "moskau": "russland",
    "kreml": "russland",
    "rumänisch": "rumänien",
    "bukarest": "rumänien",
    "nordkoreanisch": "nordkorea",
    "pjöngjang": "nordkorea",
    "chinesisch": "china",
    "peking": "china",
    "amerikanisch": "usa",
    "us-amerikanisch": "usa",
    "washington": "usa",
    "kanadisch": "kanada",
    "kanadier": "kanada",
    "iranisch": "iran",
    "teheran": "iran",
    "israelisch": "israel",
    "libanesisch": "libanon",
    "tibetisch": "tibet",
    "lhasa": "tibet",
    "sudanesisch": "sudan",
    "khartum": "sudan",
    "südsudanesisch": "südsudan",
    "jemenitisch": "jemen",
    "weißrussisch": "weißrussland",
    "äthiopisch": "äthiopien",
    "britisch": "großbritannien",
    "london": "großbritannien",
    "deutsch": "deutschland",
    "berlin": "deutschland",
    "französisch": "frankreich",
    "paris": "frankreich",
}

#: Words that describe who speaks, not what is said; never topic terms (lemmas, lower-case).
SPEAKER_WORDS: frozenset[str] = _words(
    """
    sprecher sprecherin sprechers kremlsprecher regierungssprecher agentur nachrichtenagentur
    interfax tass reuters afp dpa zeitung medium medien pressekonferenz interview erklärung
    mitteilung stellungnahme presse journalist journalisten frage homepage
    """
)

#: Words in a speaker's name or role and the side they stand for: a spokesman of the Kremlin speaks
#: for Russia as the Kremlin does (word forms and lemmas, lower-case).
SIDE_ALIASES: dict[str, str] = {
    **PLACE_ALIASES,
    "kreml": "russland",
    "russland": "russland",
    "putin": "russland",
    "putins": "russland",
    "präsidialamt": "russland",
    "usa": "usa",
    "us": "usa",
    "vereinigte": "usa",
    "weiße": "usa",
    "weißes": "usa",
    "ukraine": "ukraine",
    "rumänien": "rumänien",
    "bukarest": "rumänien",
    "nordkorea": "nordkorea",
    "kcna": "nordkorea",
    "tass": "russland",
    "interfax": "russland",
    "ria": "russland",
    "ukrinform": "ukraine",
    "lufthansa": "lufthansa",
    "ufo": "ufo",
    "verdi": "verdi",
    "amazon": "amazon",
    "siemens": "siemens",
}
#: Prefixes of compound roles that name the side ("Kremlsprecher", "US-Außenminister").
SIDE_PREFIXES: dict[str, str] = {
    "kreml": "russland",
    "us-": "usa",
    "ufo-": "ufo",
    "lufthansa-": "lufthansa",
    "siemens-": "siemens",
}
#: Words by which a sentence sets itself against what came before (word forms, lower-case).
CONTRAST_WORDS: frozenset[str] = _words(
    "hingegen dagegen widersprach widerspricht widersprachen entgegnete konterte"
)

#: Words that mark a position as held before ("zunächst", "bis zuletzt").
EARLIER_WORDS: frozenset[str] = _words("zunächst bislang anfangs ursprünglich")

__all__ = [
    "ANAPHORIC_DETERMINERS",
    "ANAPHORIC_PRONOUNS",
    "CLAIM_NOUNS",
    "CONFIRM_FORMS",
    "CONFIRM_VERBS",
    "CONTRAST_WORDS",
    "DENY_FORMS",
    "DENY_VERBS",
    "EARLIER_WORDS",
    "FALSITY_WORDS",
    "NEGATIVE_ASSESSMENT",
    "NEGATORS",
    "OUTCOME_NOUNS",
    "PLACE_ALIASES",
    "POSITIVE_ASSESSMENT",
    "SEPARABLE_CONFIRM",
    "SEPARABLE_DENY",
    "SIDE_ALIASES",
    "SIDE_PREFIXES",
    "SPEAKER_WORDS",
    "TOPIC_FRAMES",
]
