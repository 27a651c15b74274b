"""Who said what: one speaker one group, roles per statement, honest display of paraphrase."""

from __future__ import annotations

from typing import Any

from pressespiegel.records import Article, Paragraph, PublicationDate
from pressespiegel.stories.members import Member
from pressespiegel.stories.speakers import who_said_what


def _quote(text: str, name: str, role: str | None, type_: str, cue: str) -> dict[str, Any]:
    return {
        "quote": {"text": text, "spans": [[0, len(text)]]},
        "speaker": {"text": name, "spans": [[0, 1]]},
        "speaker_name": name,
        "speaker_role": role,
        "speaker_entity": None,
        "cue": {"text": cue, "spans": [[0, 1]]},
        "type": type_,
        "addressee": None,
    }


def _member(aid: str, day: str, quotes: list[dict[str, Any]]) -> Member:
    article = Article(
        id=aid,
        source=aid,
        outlet=f"outlet-{aid}",
        paragraphs=(Paragraph(text="x"),),
        published=PublicationDate(value=day, method="test", reliable=True),
        analysis={"quotes": quotes, "entities": [{"text": "Dmitri Peskow", "label": "PER"}]},
    )
    return Member(article=article, origin=aid)


def test_a_surname_joins_the_full_name_and_keeps_its_role() -> None:
    first = _quote(
        "„Nein, wir können das nicht bestätigen“", "Dmitri Peskow", "Kreml-Sprecher", "direct", "sagte"
    )
    later = _quote("Solche Kontakte seien nicht geplant", "Peskow", "Putins Sprecher", "indirect", "sagte")
    members = [_member("a", "2023-09-05", [first]), _member("b", "2023-09-11", [later])]
    (group,) = who_said_what(members)
    assert group.name == "Dmitri Peskow"
    assert [s.role for s in group.statements] == ["Kreml-Sprecher", "Putins Sprecher"]
    assert group.role == "Putins Sprecher"  # the most specific (longest) role
    direct, indirect = (s.to_json() for s in group.statements)
    assert direct["quoted"] and not indirect["quoted"] and indirect["lead"] == "sagte"


def test_reported_speech_is_introduced_by_its_source_marker() -> None:
    members = [
        _member(
            "a", "2023-09-05", [_quote("will Kim Putin treffen", "New York Times", None, "reported", "Nach")]
        )
    ]
    (group,) = who_said_what(members)
    (st,) = group.statements
    assert not st.quoted and st.lead == "nach Angaben von"
