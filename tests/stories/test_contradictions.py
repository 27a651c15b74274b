"""Behaviour of ``find_contradictions`` on statements taken from the seed articles (Kim-Putin, Sept. 2023)."""

from __future__ import annotations

import time

from pressespiegel.stories.contradictions import Contradiction, Statement, find_contradictions

A001, A002, A004, A000 = "seed-001", "seed-002", "seed-004", "seed-000"


def st(
    id: str,
    article: str,
    published: str,
    speaker: str | None,
    text: str,
    cue: str | None = None,
    sentence: str | None = None,
    role: str | None = None,
) -> Statement:
    return Statement(
        id=id,
        article=article,
        outlet=None,
        published=published,
        speaker=speaker,
        text=text,
        cue=cue,
        sentence=sentence,
        role=role,
    )


# In article order, as a story would hand them over.
WATSON = st(
    "watson",
    A001,
    "2023-09-05",
    "Adrienne Watson",
    "Wie wir öffentlich gewarnt haben, schreiten die Verhandlungen über Waffenlieferungen zwischen Russland "
    "und Nordkorea voran",
    "sagte",
)
KREMLIN_NOT = st(
    "kremlin-not",
    A001,
    "2023-09-05",
    "der Kreml",
    "Der Kreml bestätigte die US-Angaben über ein womöglich bevorstehendes Treffen zwischen Putin und Kim am "
    "Dienstag nicht.",
    "bestätigte nicht",
)
PUTIN_FAILED = st(
    "putin-failed",
    A001,
    "2023-09-05",
    "Wladimir Putin",
    "Die Ukraine führt seit Juni gegen die russischen Invasoren eine Gegenoffensive, die Putin am Montag als "
    "„gescheitert“ bezeichnete.",
    "bezeichnete",
)
ODOBESCU = st(
    "odobescu",
    A002,
    "2023-09-05",
    "Luminita Odobescu",
    "Die rumänische Außenministerin Luminita Odobescu hat die Behauptung der Ukraine zurückgewiesen, "
    "russische Drohnen seien in dem NATO- und EU-Mitgliedsland niedergegangen und explodiert.",
    "hat zurückgewiesen",
)
KULEBA = st(
    "kuleba",
    A002,
    "2023-09-05",
    "Dmytro Kuleba",
    "man verfüge über Beweise für Einschläge russischer Drohnen auf rumänischem Gebiet",
    "hatte mitgeteilt",
    "Der ukrainische Außenminister Dmytro Kuleba hatte laut der Nachrichtenagentur Interfax mitgeteilt, man "
    "verfüge über Beweise für Einschläge russischer Drohnen auf rumänischem Gebiet.",
    "ukrainischer Außenminister",
)
SCHOIGU_NO = st(
    "schoigu-no",
    A002,
    "2023-09-05",
    "Sergej Schoigu",
    "Nein, dieses Jahr finden die Übungen in der Ukraine statt",
    "zitierte",
)
KREMLIN_CONFIRMS = st(
    "kremlin-confirms",
    A004,
    "2023-09-11",
    "Moskau und Pjöngjang",
    "Nach tagelangen Spekulationen im Ausland haben Moskau und Pjöngjang ein geplantes Treffen des "
    "Kremlchefs Wladimir Putin mit dem nordkoreanischen Machthaber Kim Jong Un in Russland bestätigt.",
    "bestätigt",
)
PESKOW_DENIED = st(
    "peskow-denied",
    A004,
    "2023-09-11",
    "Dmitri Peskow",
    "Putins Sprecher Dmitri Peskow hatte bis zuletzt ein Treffen in Wladiwostok bestritten.",
    "hatte bestritten",
    None,
    "Putins Sprecher",
)
PESKOW_NOT_PLANNED = st(
    "peskow-not-planned",
    A004,
    "2023-09-11",
    "Dmitri Peskow",
    "Solche Kontakte seien auf dem Forum nicht geplant",
    "sagte",
    "Solche Kontakte seien auf dem Forum nicht geplant, sagte er am Montag.",
    "Putins Sprecher",
)
KIM_ARRIVED = st(
    "kim-arrived",
    A000,
    "2023-09-12",
    None,
    "Nordkoreas Machthaber Kim Jong Un ist nach offiziellen Angaben zu einem Treffen mit Kremlchef Wladimir "
    "Putin in Russland eingetroffen.",
    "nach offiziellen Angaben",
)
PESKOW_CONFIRMS = st(
    "peskow-confirms",
    A000,
    "2023-09-12",
    "Dmitri Peskow",
    "Ich bestätige das",
    "sagte",
    '"Ich bestätige das", sagte Kremlsprecher Dmitri Peskow am Dienstag der russischen Agentur Interfax.',
    "Kremlsprecher",
)
MILLER = st(
    "miller",
    A000,
    "2023-09-12",
    "Matthew Miller",
    "Jede Lieferung von Waffen von Nordkorea an Russland wäre eine Verletzung mehrerer Resolutionen des "
    "UN-Sicherheitsrats",
    "sagte",
)
ARMY = st(
    "army",
    A000,
    "2023-09-12",
    "Ukrainische Armee",
    "Kommen im Süden täglich 50 bis 200 Meter voran",
    None,
    "Ukrainische Armee: Kommen im Süden täglich 50 bis 200 Meter voran",
)
PUTIN_NO_RESULTS = st(
    "putin-no-results",
    A000,
    "2023-09-12",
    "Wladimir Putin",
    "Die Ukraine führt eine so genannte Gegenoffensive durch. Ergebnisse gibt es natürlich keine",
    "sagte",
    '"Die Ukraine führt eine so genannte Gegenoffensive durch. Ergebnisse gibt es natürlich keine", sagte '
    "er am Dienstag bei einem Wirtschaftsforum in Wladiwostok im russischen Fernen Osten.",
)
PUTIN_FLOP = st(
    "putin-flop",
    A000,
    "2023-09-12",
    "Wladimir Putin",
    "Kremlherrscher Putin hält die ukrainische Gegenoffensive hingegen für einen Fehlschlag.",
    None,
    None,
    "Kremlherrscher",
)
SCHOIGU_EXERCISES = st(
    "schoigu-exercises",
    A001,
    "2023-09-05",
    "Sergej Schoigu",
    "Moskau erwäge gemeinsame Militärübungen mit Pjöngjang",
    "sagte",
)

STORY = [
    WATSON,
    KREMLIN_NOT,
    PUTIN_FAILED,
    SCHOIGU_EXERCISES,
    ODOBESCU,
    KULEBA,
    SCHOIGU_NO,
    KREMLIN_CONFIRMS,
    PESKOW_DENIED,
    PESKOW_NOT_PLANNED,
    KIM_ARRIVED,
    PESKOW_CONFIRMS,
    MILLER,
    ARMY,
    PUTIN_FLOP,
    PUTIN_NO_RESULTS,
]


def _find(found: list[Contradiction], a: Statement, b: Statement) -> Contradiction | None:
    return next((c for c in found if {c.a.id, c.b.id} == {a.id, b.id}), None)


def test_one_sides_reversal_is_a_development_not_a_contradiction() -> None:
    # the Kremlin's spokesman and "Moskau" speak for one side: what they said first and later is a
    # development (the example), ordered by time
    found = find_contradictions(STORY)
    for earlier, later in (
        (PESKOW_NOT_PLANNED, PESKOW_CONFIRMS),
        (PESKOW_DENIED, KREMLIN_CONFIRMS),
        (KREMLIN_NOT, KREMLIN_CONFIRMS),
    ):
        hit = _find(found, earlier, later)
        assert hit is not None, (earlier.id, later.id)
        assert hit.kind == "development" and hit.label == "Entwicklung"
        assert (hit.a.id, hit.b.id) == (earlier.id, later.id)
        assert "treffen" in hit.topic
    hit = _find(found, KREMLIN_NOT, KREMLIN_CONFIRMS)
    assert hit is not None and hit.positions == ("nicht bestätigt", "bestätigt")
    # on one day, the two Peskow statements of the 11th are one position, not a development
    assert _find(found, PESKOW_DENIED, PESKOW_NOT_PLANNED) is None


def test_same_speaker_reversal_counts_only_across_days() -> None:
    # Peskow on 11 Sept. (not planned) against Peskow on 12 Sept. (confirms): a reversal
    assert _find(find_contradictions(STORY), PESKOW_NOT_PLANNED, PESKOW_CONFIRMS) is not None
    # the same two statements dated the same day are read as one consistent position
    same_day = st(
        "peskow-confirms-same-day",
        A004,
        "2023-09-11",
        "Dmitri Peskow",
        "Ich bestätige das",
        "sagte",
        PESKOW_CONFIRMS.sentence,
    )
    found = find_contradictions([PESKOW_DENIED, PESKOW_NOT_PLANNED, KIM_ARRIVED, same_day])
    assert _find(found, PESKOW_NOT_PLANNED, same_day) is None


def test_romania_rejects_kulebas_drone_account() -> None:
    hit = _find(find_contradictions(STORY), ODOBESCU, KULEBA)
    assert hit is not None
    assert hit.kind == "claim-vs-rejection"
    assert {"drohne", "rumänien"} <= set(hit.topic)


def test_putin_failure_vs_ukrainian_advance() -> None:
    found = find_contradictions(STORY)
    hit = _find(found, PUTIN_FAILED, ARMY)  # two articles, two sides
    assert hit is not None and hit.kind == "opposite-assessment"
    assert hit.label == "Gegensätzliche Einschätzungen"
    # in one article only where the text sets one against the other ("hält ... hingegen für ...")
    assert _find(found, PUTIN_FLOP, ARMY) is not None
    assert _find(found, PUTIN_NO_RESULTS, ARMY) is None


def test_two_warnings_are_not_a_contradiction() -> None:
    found = find_contradictions(STORY)
    assert _find(found, WATSON, MILLER) is None


def test_same_speaker_different_topics_is_not_a_contradiction() -> None:
    # Schoigu's "Nein" about Sapad and his joint exercises with North Korea share the word "Übung"
    assert _find(find_contradictions(STORY), SCHOIGU_NO, SCHOIGU_EXERCISES) is None


def test_opposite_polarity_on_different_topics_is_not_a_contradiction() -> None:
    # "Verhandlungen ... schreiten voran" (positive) vs. "gescheitert" (negative): other things
    assert _find(find_contradictions(STORY), WATSON, PUTIN_FAILED) is None


def test_two_confirmations_are_not_a_contradiction() -> None:
    found = find_contradictions(STORY)
    assert _find(found, KREMLIN_CONFIRMS, PESKOW_CONFIRMS) is None
    assert _find(found, KREMLIN_CONFIRMS, KIM_ARRIVED) is None


def test_words_inside_a_claim_are_not_its_stance() -> None:
    kuleba_pointless = st(
        "kuleba-pointless",
        A002,
        "2023-09-05",
        "Dmytro Kuleba",
        'Es sei jedoch angesichts der Fotos in ukrainischem Besitz "sinnlos", die Einschläge zu bestreiten.',
        "sagte",
    )
    kirby = st(
        "kirby",
        A001,
        "2023-09-05",
        "John Kirby",
        "Nordkorea habe im vergangenen Jahr trotz seiner Dementis Infanterieraketen und andere Geschosse an "
        "Russland für den Einsatz der Söldnertruppe Wagner geliefert.",
    )
    found = find_contradictions([KULEBA, kuleba_pointless, kirby, MILLER])
    assert found == []


def test_output_is_ranked_and_well_formed() -> None:
    found = find_contradictions(STORY)
    assert found == sorted(found, key=lambda c: -c.score)
    for c in found:
        assert 0.0 < c.score <= 1.0
        assert c.a.id != c.b.id
        if c.kind != "development":  # a development runs in time order
            assert STORY.index(c.a) < STORY.index(c.b)
        assert c.kind in {
            "denial-vs-confirmation",
            "claim-vs-rejection",
            "opposite-assessment",
            "development",
        }
        assert c.label and c.claim and "Score" not in c.label


def test_empty_and_single() -> None:
    assert find_contradictions([]) == []
    assert find_contradictions([PESKOW_DENIED]) == []


def test_a_few_hundred_statements_stay_fast() -> None:
    story = [
        Statement(
            id=f"{s.id}-{k}",
            article=f"{s.article}-{k}",
            outlet=s.outlet,
            published=s.published,
            speaker=s.speaker,
            text=s.text,
            cue=s.cue,
            sentence=s.sentence,
        )
        for k in range(20)
        for s in STORY
    ]
    find_contradictions(STORY)  # warm caches
    started = time.perf_counter()
    find_contradictions(story)
    assert time.perf_counter() - started < 10.0


def test_in_one_article_a_dispute_needs_the_denial_to_point_back() -> None:
    # Lufthansa strike, Reuters (SmartData corpus): "Dieser Darstellung widersprach eine
    # Lufthansa-Sprecherin" points back to the union chief's account right before it
    claim = st(
        "ufo",
        "reuters",
        "2015-11-08",
        "Nicoley Baublies",
        "Seit Donnerstagnachmittag habe die Airline den Kontakt mit der Gewerkschaft abgebrochen.",
        None,
        None,
        "Ufo-Chef",
    )
    denial = st(
        "lh",
        "reuters",
        "2015-11-08",
        None,
        "Dieser Darstellung widersprach eine Lufthansa-Sprecherin.",
        "widersprach",
        None,
        "Lufthansa-Sprecherin",
    )
    hit = _find(find_contradictions([claim, denial]), claim, denial)
    assert hit is not None and hit.kind == "claim-vs-rejection" and hit.claim.startswith("Seit Donnerstag")
    # "das" points back to the claim just before it, not to an earlier statement of the union
    bare = st(
        "lh2", "reuters", "2015-11-08", None, "Eine Lufthansa-Sprecherin bestritt das.", "bestritt", None,
        "Lufthansa-Sprecherin",
    )  # fmt: skip
    other = st(
        "ufo3", "reuters", "2015-11-08", "Nicoley Baublies", "Der Streik gehe bis Freitag weiter.", "sagte",
        None, "Ufo-Chef",
    )  # fmt: skip
    found = find_contradictions([other, claim, bare])
    assert _find(found, claim, bare) is not None and _find(found, other, bare) is None


def test_a_denial_that_names_whose_claim_it_rejects_pairs_only_with_that_side() -> None:
    russia = st(
        "russia",
        "seed-001",
        "2023-09-05",
        "Russland",
        "Russland hat nach eigenen Angaben zahlreiche ukrainische Drohnen über dem eigenen Staatsgebiet "
        "abgeschossen.",
        "nach",
    )
    found = find_contradictions([russia, ODOBESCU, KULEBA])
    assert _find(found, ODOBESCU, KULEBA) is not None
    assert _find(found, ODOBESCU, russia) is None


def test_statements_months_apart_are_not_one_claim() -> None:
    later = st(
        "later",
        "seed-003",
        "2025-07-13",
        "Dmitri Peskow",
        "Ich bestätige das",
        "sagte",
        None,
        "Kremlsprecher",
    )
    assert _find(find_contradictions([KREMLIN_NOT, later]), KREMLIN_NOT, later) is None
