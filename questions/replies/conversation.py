"""Conversation, sources and names: greetings, apologies, refusals, which-one questions."""
from __future__ import annotations

from typing import Iterable, Optional

from knowledge.query import Citation, Kwalificatie

from questions.replies.wording import KIND_NAMES


class ConversationReplies:
    # -- conversation -------------------------------------------------------------
    def apology(self) -> str:
        return ("Sorry, er ging bij mij iets mis en ik kan je vraag nu niet beantwoorden. "
                "Probeer het over een momentje nog eens.")

    def not_understood(self, citation=None) -> str:
        return ("Dat begrijp ik niet helemaal. Je kunt me vragen stellen over mbo-kwalificaties, bijvoorbeeld "
                "over werkprocessen, kerntaken, het niveau of het crebonummer.")

    def code_not_question(self) -> str:
        return ("Dat lijkt op code of opmaak, niet op een vraag. Stel je vraag gerust in gewone woorden, "
                "bijvoorbeeld over het niveau, het crebonummer of de werkprocessen van een mbo-kwalificatie.")

    def empty_message(self) -> str:
        return "Je bericht was leeg. Waarmee kan ik je helpen?"

    def too_long(self, limit: int) -> str:
        return f"Je bericht is erg lang. Kun je je vraag korter stellen (hooguit {limit} tekens)?"

    # -- sources ------------------------------------------------------------------
    def source(self, c: Citation, extra_code: Optional[str] = None) -> str:
        code = extra_code or c.code
        return f"Bron: {KIND_NAMES.get(c.kind, c.kind)} {c.dossier}" + (f", {code}" if code else "")

    def source_detail(self, citation: Citation, supplied: Iterable[str] = ()) -> str:
        c = citation
        where = f", regels {c.line_start}-{c.line_end}" if c.line_start else ""
        note = (" (de titel staat niet in de tekst van dit bestand; die is als metadata toegevoegd)"
                if "title" in supplied else "")
        code = f", onderdeel {c.code}" if c.code else ""
        return (f"Dat komt uit het {KIND_NAMES.get(c.kind, c.kind).lower()} {c.dossier}{note}{code} "
                f"(bestand {c.source}{where}).")

    def no_previous_answer(self, citation=None) -> str:
        return "Ik heb in dit gesprek nog geen antwoord uit een dossier gegeven. Stel gerust een vraag!"

    # -- names --------------------------------------------------------------------
    def name(self, k: Kwalificatie) -> str:
        return k.title

    # -- rendering an Answer ------------------------------------------------------------
    def render(self, answer) -> list[dict]:
        """The messages (text, buttons) for an `Answer`: the method named by `answer.reply` words it."""
        method = getattr(self, answer.reply)
        result = method(**{"citation": answer.citation, **answer.data})
        text, buttons = result if isinstance(result, tuple) else (result, [])
        buttons = buttons or [{"title": title, "payload": payload} for title, payload in answer.buttons]
        if answer.unknown_terms:
            text += "\n" + self.terms_not_stated(answer.unknown_terms)
        return [{"text": text, "buttons": buttons}]

    def terms_not_stated(self, terms: list[str]) -> str:
        return f"Over {' en '.join(terms)} staat niets in de dossiers die ik ken."

    # -- conversation -------------------------------------------------------------------
    SMALLTALK = {
        "greet": "Hallo! Ik ben kwalibot, de digitale assistent voor vragen over mbo-kwalificaties. "
                 "Waar kan ik je mee helpen?",
        "goodbye": "Tot ziens en succes met je studiekeuze!",
        "thank": "Graag gedaan! Vraag gerust verder over een mbo-kwalificatie.",
        "bot_challenge": "Ik ben een chatbot, geen mens: een digitale assistent die antwoordt uit de officiële "
                         "kwalificatiedossiers.",
        "insult": "Vervelend dat ik je niet goed heb geholpen. Ik ben een chatbot en beantwoord alleen vragen over "
                  "mbo-kwalificaties, uit de officiële dossiers. Stel je vraag gerust nog eens anders, bijvoorbeeld:",
        "help": "Ik beantwoord vragen over mbo-kwalificaties uit de officiële dossiers: werkprocessen en kerntaken, "
                "het niveau, het crebonummer, verschillen tussen kwalificaties en meer. Wat ik niet in een dossier "
                "vind, zeg ik eerlijk. Probeer bijvoorbeeld:",
        # "kun je me helpen met een vraag?", "ik heb een vraag": yes, and how
        "may_ask": "Natuurlijk, stel je vraag maar! Ik beantwoord vragen over mbo-kwalificaties uit de officiële "
                   "dossiers: werkprocessen en kerntaken, het niveau, het crebonummer en meer. Bijvoorbeeld:",
        "affirm": "Fijn! Heb je nog een vraag?",
        "deny": "Oké. Stel gerust een andere vraag over een mbo-kwalificatie.",
        "out_of_scope": "Daar kan ik je helaas niet mee helpen: ik beantwoord alleen vragen over mbo-kwalificaties "
                        "uit de officiële dossiers.",
    }
    SUGGESTIONS = ["Welke kwalificaties ken je?", "Wat kan ik je vragen?"]

    def smalltalk(self, intent: str, example: Optional[Kwalificatie] = None, citation=None,
                  greeting: Optional[str] = None):
        text = self.SMALLTALK.get(intent, self.SMALLTALK["help"])
        if greeting:
            text = f"{greeting}! {text}"
        with_examples = intent in ("help", "insult", "may_ask")  # a way forward after a question about using me, or scolding
        suggestions = self.SUGGESTIONS if intent == "greet" else self.examples(example) if with_examples else []
        return text, [{"title": s, "payload": s} for s in suggestions]

    def examples(self, k: Optional[Kwalificatie]) -> list[str]:
        """Example questions for "help", about a qualification of the knowledge base."""
        about = [f"Welk niveau heeft de {k.title}?", f"Welke werkprocessen heeft de {k.title}?"] if k else []
        return ["Welke kwalificaties ken je?", *about]

    # -- names ----------------------------------------------------------------------------
    def unknown_kwalificatie(self, name: str = "", near: Iterable[Kwalificatie] = (), citation=None) -> str:
        named = f"'{name}' " if name else ""
        text = (f"Die kwalificatie {named}ken ik niet: ze staat niet in de dossiers die ik heb.")
        near = list(near)
        if near:
            return text + " Bedoel je misschien een van deze?"
        return text + " Vraag gerust welke kwalificaties ik wel ken."

    def unknown_in_dossier(self, name: str, dossier: Kwalificatie, near: Iterable[Kwalificatie] = (),
                           citation=None) -> str:
        text = f"Een kwalificatie '{name}' staat niet in het dossier {dossier.title}."
        if list(near):
            text += " Bedoel je misschien een van deze?"
        return f"{text}\n{self.source(citation)}" if citation else text

    def ask_which_kwalificatie(self, question=None, citation=None) -> str:
        code = getattr(question, "werkproces", None) or getattr(question, "kerntaak", None)
        about = f" over {code}" if code else ""
        return f"Over welke kwalificatie gaat je vraag{about}? Kies er een of typ de naam."

    def ask_which_dossier(self, code: str, dossiers: list[str], citation=None) -> str:
        return (f"{code} staat in meerdere dossiers ({', '.join(dossiers)}). Over welk dossier gaat je vraag? "
                f"Kies er een of typ de naam van de kwalificatie.")
