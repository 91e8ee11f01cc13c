"""The question model among ~80 dossiers and ~350 qualifications (the `scale` fixture of tests/conftest.py):
every generated qualification's crebo asked by name, also misspelt; names that are not in the knowledge
base never linked to a near one; a bare code many qualifications have asks which one is meant."""
import json

import pytest

from knowledge.synthetic import NOT_IN_THE_KNOWLEDGE_BASE, typo
from questions.conversation import respond
from tests.questions.conftest import message


def turns(kb, *texts, intent=""):
    state = None
    for text in texts:
        messages, state, q, a = respond(message(kb, text, intent), state, kb)
    return messages, q, a


def test_the_broken_file_is_rejected_and_only_it(scale):
    assert [r.file for r in scale.report.rejected] == [scale.generated.broken]
    assert len(scale.report.dossiers) == len(scale.generated.files) == 80
    assert len(scale.kb.kwalificaties()) >= 300


def test_crebo_by_name_with_typos(scale):
    """≥ 98 % of every generated qualification with a crebo, as printed and with a letter dropped."""
    asked, wrong = 0, []
    for qual in scale.generated.with_crebo:
        for name in (qual.name, typo(qual.name)):
            messages, _, _ = turns(scale.kb, f"geef het crebonummer van de {name}")
            asked += 1
            if qual.crebo not in messages[0]["text"]:
                wrong.append((name, messages[0]["text"][:100]))
    assert asked >= 500
    assert len(wrong) <= 0.02 * asked, wrong


@pytest.mark.parametrize("name", NOT_IN_THE_KNOWLEDGE_BASE)
@pytest.mark.parametrize("question", ["geef het crebonummer van de {}", "welk niveau heeft een {}?"])
def test_a_name_not_in_the_knowledge_base_is_never_linked(scale, name, question):
    messages, q, a = turns(scale.kb, question.format(name))
    assert (q.kwalificaties, a.reply) == ([], "unknown_kwalificatie")
    assert "ken ik niet" in messages[0]["text"]


@pytest.mark.parametrize("code, part", [("P2-K1-W1", "werkproces"), ("B1-K1", "kerntaak"), ("P1-K1", "kerntaak")])
def test_a_bare_code_many_have_asks_which_one(scale, code, part):
    messages, q, a = turns(scale.kb, f"wat houdt {code} in?")
    assert a.reply == "ask_which_of_many"
    assert a.data["count"] > 10
    text = messages[0]["text"]
    assert text.startswith(f"{code} komt voor in {a.data['count']} kwalificaties.") and "typ de naam" in text
    buttons = messages[0]["buttons"]
    assert len(buttons) == 4
    payloads = [json.loads(b["payload"][len("/inform"):]) for b in buttons]
    assert all(p[part] == code for p in payloads)


def test_a_bare_code_offers_the_conversations_qualification_first(scale):
    """Asked after a name kwalibot did not know, so no qualification is taken over: the one of the turn
    before that comes first."""
    last = scale.generated.with_crebo[-1]  # a copy far down the knowledge base's order
    messages, q, a = turns(scale.kb, f"geef het crebonummer van de {last.name}", "welk niveau heeft een piloot?",
                           "wat houdt B1-K1 in?")
    assert a.reply == "ask_which_of_many"
    assert json.loads(messages[0]["buttons"][0]["payload"][len("/inform"):])["kwalificatie"] == last.dossier


def test_a_button_or_a_typed_name_completes_the_bare_code(scale):
    qual = next(q for q in scale.generated.with_crebo if q.dossier == "Procestechniek")
    state = None
    messages, state, _, a = respond(message(scale.kb, "wat houdt P2-K1-W1 in?"), state, scale.kb)
    assert a.reply == "ask_which_of_many"
    payload = messages[0]["buttons"][1]["payload"]
    clicked = json.loads(payload[len("/inform"):])
    m = {"text": payload, "intent": {"name": "inform", "confidence": 1.0},
         "entities": [{"entity": k, "value": v} for k, v in clicked.items()]}
    messages, _, _, a = respond(m, state, scale.kb)
    assert a.reply == "werkproces" and a.data["view"].werkproces.code == "P2-K1-W1"
    assert a.context["kwalificaties"] == [clicked["kwalificatie"]]
    # typing the name instead: the dossier's second profile (P2) of that name
    p2 = [q for q in scale.generated.qualifications if q.dossier == qual.dossier][1]
    messages, _, _, a = respond(message(scale.kb, p2.name, "inform"), state, scale.kb)
    assert a.reply == "werkproces" and a.data["view"].werkproces.code == "P2-K1-W1"
    assert a.data["view"].dossier.title == qual.dossier


@pytest.mark.parametrize("code, dossiers", [
    ("P2-K1-W1", {"Business Services", "Commercie", "Facilitaire dienstverlening en schoonmaak"}),
    ("B1-K1", {"Business Services", "Commercie", "Facilitaire dienstverlening en schoonmaak"}),
])
def test_a_bare_code_few_dossiers_have_is_answered_for_each(kb, code, dossiers):
    """With the sources and the test dossier (the `kb` fixture) nothing changes: each one's, side by side."""
    _, q, a = turns(kb, f"wat houdt {code} in?")
    assert a.reply == "several"
    assert {p.citation.dossier for p in a.data["answers"]} == dossiers
