"""Canonical entities: mentions clustered within an article and linked across articles."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from pressespiegel.analyze import analyze_text
from pressespiegel.analyze.entities import LABELS, Entity, find_entities
from pressespiegel.analyze.linking import (
    KB_FILES,
    KB_PACKAGE,
    LinkedMention,
    knowledge_base,
    link_entities,
    name_key,
    speaker_entity,
)

SEEDS = Path(__file__).resolve().parents[2] / "src" / "pressespiegel" / "data" / "sample" / "seeds"
SEPT_12 = date(2023, 9, 12)


def _mention(text: str, surface: str, label: str = "PER", nth: int = 0) -> Entity:
    starts = [m.start() for m in re.finditer(re.escape(surface), text)]
    start = starts[nth]
    return Entity(text=surface, label=label, start=start, end=start + len(surface))


def _ids(linked: list[LinkedMention]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in linked:
        found.setdefault(m.text, set()).add(m.entity)
    return found


def test_name_key_ignores_case_hyphens_and_dots() -> None:
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un") == "kim jong un"
    assert name_key("Weißes Haus") == name_key("Weisses Haus")
    assert name_key("Benedikt XVI.") == "benedikt xvi"


def test_putin_forms_are_one_entity() -> None:
    text = (
        "Kremlchef Wladimir Putin empfing Gäste. Putin sagte nichts. Es sei ein Zeichen der Schwäche "
        "Putins, hieß es. Die Putin-Regierung schwieg."
    )
    mentions = [
        _mention(text, "Wladimir Putin"),
        _mention(text, "Putin", nth=1),
        _mention(text, "Putins", "LOC"),
        _mention(text, "Putin-Regierung", "ORG"),
    ]
    linked = link_entities(text, mentions, published=SEPT_12)
    assert {m.entity for m in linked} == {"kb:wladimir-putin"}
    assert {m.name for m in linked} == {"Wladimir Putin"}
    assert {m.label for m in linked} == {"PER"}  # the model's LOC and ORG are corrected


def test_role_prefixed_mention_links_to_the_name() -> None:
    text = "Kremlchef Putin traf den Gast."
    (linked,) = link_entities(text, [_mention(text, "Kremlchef Putin")], published=SEPT_12)
    assert linked.entity == "kb:wladimir-putin"
    assert linked.text == "Kremlchef Putin"  # the mention keeps what the text says


def test_standalone_role_is_dated() -> None:
    text = "Der Kremlchef sagte am Montag, er sei zufrieden."
    assert [m.entity for m in link_entities(text, [], published=SEPT_12)] == ["kb:wladimir-putin"]
    assert [m.entity for m in link_entities(text, [], published=date(2010, 3, 1))] == ["kb:dmitri-medwedew"]


def test_generic_role_names_nobody() -> None:
    assert link_entities("Ein künftiger Kremlchef müsse das ändern.", [], published=SEPT_12) == []


def test_kim_jong_un_is_made_whole() -> None:
    text = "Nordkoreas Machthaber Kim Jong Un reiste nach Russland. Kim kam mit dem Zug."
    mentions = [_mention(text, "Kim Jong"), _mention(text, "Kim", nth=1)]
    linked = link_entities(text, mentions, published=SEPT_12)
    assert [(m.text, m.entity) for m in linked if m.text.startswith("Kim")] == [
        ("Kim Jong Un", "kb:kim-jong-un"),
        ("Kim", "kb:kim-jong-un"),
    ]


def test_kim_alone_without_context_stays_unlinked() -> None:
    """ "Kim" names several people; without the full name or a role it is not linked."""
    text = "Kim sagte, das Wetter sei gut."
    (linked,) = link_entities(text, [_mention(text, "Kim")], published=SEPT_12)
    assert linked.entity == "PER:kim"


def test_missed_knowledge_base_names_are_added() -> None:
    text = "Laut Tass und Correctiv fuhr ein Flixbus. Das meldete Telegram."
    linked = link_entities(text, [_mention(text, "Telegram", "LOC")], published=SEPT_12)
    assert {(m.text, m.entity, m.label) for m in linked} == {
        ("Tass", "kb:tass", "ORG"),
        ("Correctiv", "kb:correctiv", "ORG"),
        ("Flixbus", "kb:flixbus", "ORG"),
        ("Telegram", "kb:telegram", "ORG"),
    }


@pytest.mark.parametrize(
    ("text", "surface", "wrong", "expected", "label", "entity"),
    [  # the model's wrong types on real pages (issue 14), corrected by the knowledge base
        ("Der Hersteller Merkel Jagd- und Sportwaffen aus Suhl liefert Gewehre.", "Merkel", "PER",
         "Merkel Jagd- und Sportwaffen", "ORG", "kb:merkel-jagd-und-sportwaffen"),
        ("Bei Nammo Schönebeck wird Munition gefertigt.", "Nammo Schönebeck", "PER",
         "Nammo Schönebeck", "ORG", "kb:nammo-schoenebeck"),
        ("Wegen Corona fiel die Messe aus.", "Corona", "PER", "Corona", "OTH", "kb:covid-19"),
        ("In Bergisch Gladbach brannte ein Haus.", "Bergisch Gladbach", "PER", "Bergisch Gladbach", "LOC",
         "kb:bergisch-gladbach"),
        ("Das meldete der Kanal auf Telegram.", "Telegram", "LOC", "Telegram", "ORG", "kb:telegram"),
    ],
)  # fmt: skip
def test_wrong_types_from_real_pages_are_corrected(
    text: str, surface: str, wrong: str, expected: str, label: str, entity: str
) -> None:
    (linked,) = link_entities(text, [_mention(text, surface, wrong)], published=SEPT_12)
    assert (linked.text, linked.label, linked.entity) == (expected, label, entity)


def test_merkel_the_surname_still_names_the_chancellor() -> None:
    text = "Merkel sagte, der Hersteller Merkel Jagd- und Sportwaffen sei ihr unbekannt."
    mentions = [_mention(text, "Merkel"), _mention(text, "Merkel", nth=1)]
    linked = link_entities(text, mentions, published=SEPT_12)
    assert [(m.text, m.entity) for m in linked] == [
        ("Merkel", "kb:angela-merkel"),
        ("Merkel Jagd- und Sportwaffen", "kb:merkel-jagd-und-sportwaffen"),
    ]


def test_a_name_the_model_ran_past_is_cut_back() -> None:
    text = "Der New York Times zufolge möchte Putin Artilleriegeschosse kaufen."
    linked = link_entities(text, [_mention(text, "Putin Artilleriegeschosse")], published=SEPT_12)
    assert [(m.text, m.entity) for m in linked if "Putin" in m.text] == [("Putin", "kb:wladimir-putin")]


def test_first_name_next_to_a_known_surname_is_kept() -> None:
    """ "Georg Ratzinger" is the pope's brother, not the pope without a first name."""
    text = "Der ältere Bruder des Papstes, Georg Ratzinger, war eingeweiht."
    linked = link_entities(text, [_mention(text, "Georg Ratzinger")], published=date(2013, 2, 11))
    assert [m.entity for m in linked if m.text == "Georg Ratzinger"] == ["PER:georg ratzinger"]


def test_surname_joins_the_one_full_name_in_the_article() -> None:
    text = "Der Theologe Hans Küng war in Tübingen. Küng sprach mit dem Papst. Küngs Buch erschien."
    mentions = [_mention(text, "Hans Küng"), _mention(text, "Küng", nth=1), _mention(text, "Küngs")]
    ids = _ids(link_entities(text, mentions))
    assert ids == {"Hans Küng": {"PER:hans küng"}, "Küng": {"PER:hans küng"}, "Küngs": {"PER:hans küng"}}


def test_two_people_with_one_surname_stay_apart() -> None:
    text = "Thomas Müller traf Gerd Müller. Müller sagte danach nichts."
    mentions = [
        _mention(text, "Thomas Müller"),
        _mention(text, "Gerd Müller"),
        _mention(text, "Müller", nth=2),
    ]
    ids = _ids(link_entities(text, mentions))
    assert ids["Thomas Müller"] == {"PER:thomas müller"}
    assert ids["Gerd Müller"] == {"PER:gerd müller"}
    (bare,) = ids["Müller"]
    assert bare.startswith("PER:müller@")  # ambiguous: local to this article, merged with nobody
    other = "Müller sagte danach nichts. Es war ein anderer Text."
    (elsewhere,) = link_entities(other, [_mention(other, "Müller")])
    assert elsewhere.entity != bare


def test_genitive_and_acronym() -> None:
    text = "Nordkoreas Führung und Nordkorea. Laut dem United States Geological Survey (USGS) bebte es."
    mentions = [
        _mention(text, "Nordkoreas", "LOC"),
        _mention(text, "Nordkorea", "LOC", nth=1),
        _mention(text, "United States Geological Survey", "ORG"),
        _mention(text, "USGS", "ORG"),
    ]
    ids = _ids(link_entities(text, mentions))
    assert ids["Nordkoreas"] == ids["Nordkorea"] == {"iso:KP"}
    assert ids["USGS"] == ids["United States Geological Survey"] == {"ORG:united states geological survey"}


def test_speaker_entity_from_mention_name_or_role() -> None:
    text = '"Ich bestätige das", sagte Kremlsprecher Dmitri Peskow. Er sagte weiter, man warte ab.'
    linked = link_entities(text, [_mention(text, "Dmitri Peskow")], published=SEPT_12)
    start = text.index("Kremlsprecher")
    phrase = [(start, text.index(".", start))]
    assert speaker_entity(phrase, "Dmitri Peskow", "Kremlsprecher", linked) == "kb:dmitri-peskow"
    assert speaker_entity([], "Peskow", None, linked) == "kb:dmitri-peskow"  # a pronoun resolved to him
    assert speaker_entity([], None, "Kremlsprecher", [], SEPT_12) == "kb:dmitri-peskow"
    assert speaker_entity([], "Angaben", None, linked) is None


def test_analysis_contract_has_name_and_entity_and_speaker_entity() -> None:
    text = (SEEDS / "000_6164cdf80299ab38.txt").read_text(encoding="utf-8")
    analysis = analyze_text(text, published=SEPT_12).to_json()
    assert analysis["entities"]
    for entity in analysis["entities"]:
        assert set(entity) == {"text", "label", "start", "end", "name", "entity"}
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert entity["label"] in LABELS
    putin = {e["text"] for e in analysis["entities"] if e["entity"] == "kb:wladimir-putin"}
    assert {"Wladimir Putin", "Putin", "Putins"} <= putin
    assert any(e["text"] == "Kim Jong Un" and e["entity"] == "kb:kim-jong-un" for e in analysis["entities"])
    speakers = {q["speaker_name"]: q["speaker_entity"] for q in analysis["quotes"] if q["speaker_name"]}
    assert speakers.get("Dmitri Peskow") == "kb:dmitri-peskow"


def test_same_entity_id_across_articles() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    putin_ids = set()
    for text in texts:
        analysis = analyze_text(text, published=SEPT_12).to_json()
        putin_ids |= {e["entity"] for e in analysis["entities"] if name_key(e["text"]).startswith("putin")}
        assert not [e["text"] for e in analysis["entities"] if "\n" in e["text"]]  # no span across paragraphs
    assert putin_ids == {"kb:wladimir-putin"}


@pytest.mark.parametrize("text", ["Der Gipfel fand in Peking\n\nFriedrich Merz sagte, er sei zufrieden."])
def test_entities_never_cross_a_paragraph_break(text: str) -> None:
    for found in (find_entities(text), analyze_text(text).entities):
        for entity in found:
            surface = entity.text if isinstance(entity, Entity) else entity["text"]
            assert "\n" not in surface


def test_knowledge_base_is_well_formed() -> None:
    import importlib.resources

    ids = set()
    for parts in KB_FILES:
        lines = (
            importlib.resources.files(KB_PACKAGE).joinpath(*parts).read_text(encoding="utf-8").splitlines()
        )
        for line in lines:
            entry = json.loads(line)
            assert entry["id"] not in ids, entry["id"]
            ids.add(entry["id"])
            assert entry["type"] in LABELS
            assert entry["aliases"], entry["id"]
            for role in entry.get("roles", []):
                for key in ("from", "to"):
                    if role.get(key):
                        date.fromisoformat(role[key])
    kb = knowledge_base()
    assert kb.lookup(name_key("Putin"))[0].id == "kb:wladimir-putin"
    assert [e.id for e in kb.role_holders("Kremlsprecher", SEPT_12, standalone=True)] == ["kb:dmitri-peskow"]


def test_profile_gathers_aliases_and_roles_across_articles() -> None:
    from pressespiegel.analyze.linking import profile

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:2]]
    analyses = [analyze_text(text, published=SEPT_12).to_json() for text in texts]
    putin = profile("kb:wladimir-putin", analyses)
    assert putin is not None
    assert putin.name == "Wladimir Putin" and putin.type == "PER"
    assert {"Putin", "Wladimir Putin"} <= set(putin.aliases)
    assert "Kremlchef" in putin.roles
    assert putin.mentions == sum(
        1 for a in analyses for e in a["entities"] if e["entity"] == "kb:wladimir-putin"
    )
    assert profile("PER:niemand", analyses) is None
