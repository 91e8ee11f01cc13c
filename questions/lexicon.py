"""How Dutch questions say what they ask: cue patterns for facets, fields and parts.

Every pattern is general Dutch question grammar or the vocabulary of the dossiers'
own section names ("resultaat", "typering", "beroepsvereisten"): nothing here
names a qualification or quotes a question. Patterns run on folded text (lower
case, no accents, see `knowledge.vocabulary.fold`).
"""
from __future__ import annotations

import re
from typing import Optional

_I = re.IGNORECASE

# -- facts of a qualification or dossier -> knowledge-base fields (knowledge.query.FACT_FIELDS) -----------
FIELD_CUES: list[tuple[str, re.Pattern]] = [
    # a level, but not "hbo-niveau" or "wo-niveau" (a level of another school)
    ("eqf", re.compile(r"\beqf\w*", _I)),
    ("niveau", re.compile(r"(?<!hbo-)(?<!hbo )(?<!wo-)(?<!eqf-)(?<!eqf )(?:\b(?:mbo-?)?ni?v(?:eau|oo?)s?\b|\blevels?\b|\bnivea\w*|"
                          r"\bmbo[- ]?[1-4]\b)", _I)),  # "is X mbo 3?"
    ("crebo", re.compile(r"\bcreb\w*|\bkwalificatienummer", _I)),
    ("domein_crebo", re.compile(r"\bcreb\w*.*\b(?:opleidings)?domein\b|\b(?:opleidings)?domein\w*\b.*\bcreb\w*", _I)),
    ("domein", re.compile(r"\b(?:opleidings)?domein\b|\bsector\b", _I)),
    ("penvoerder", re.compile(r"\bpenvoer\w*", _I)),
    ("gevalideerd", re.compile(r"\bgevalideerd\w*|\bvalidat\w*|\bvalideer\w*|\bvastgesteld\b", _I)),
    ("geldig_vanaf", re.compile(r"\bgeldig\w*|\bingangsdatum\b|\bin ?werking\b|\b(?:vanaf|per|sinds) (?:wanneer|welke datum)\b|"
                                r"\bwanneer\b[^,.?]*\bgeldt\b|\bgeldt\b[^,.?]*\b(?:vanaf|per|sinds)\b", _I)),
    ("versie", re.compile(r"\bversie\w*", _I)),
    # a document's own code ("CA 006"), not a werkproces or kerntaak code
    ("code", re.compile(r"\b(?:bcp|profiel|document)code\b|\bcode\b(?= (?:van|voor) (?:het|dat|dit|deze|die)? ?"
                        r"(?:beroepscompetentieprofiel|bcp|document)\b)|"
                        r"\bcode (?:heeft|draagt) (?:het|dat|dit|deze|die) (?:beroepscompetentieprofiel|bcp|document)\b|"
                        r"\b(?:beroepscompetentieprofiel|bcp|document)\b.{0,20}\b(?:welke|de|een|zijn|het) code\b", _I)),
    # the end of a document's validity or its replacement: no dossier states when that happens
    ("einde", re.compile(r"\b(?:wanneer|welk jaar|welke datum|per wanneer)\b.*\b(?:vervang\w*|verv(?:alt|allen|iel)|"
                         r"ingetrokken|afgeschaft|opgeheven|verloopt|verlopen)\b|"
                         r"\bgeldig tot\b|\btot wanneer (?:is|geldt|blijft|loopt)\b|\bniet meer geldig\b", _I)),
    # ("wanneer hij …" is a clause about doing something, not a date asked)
    ("datum", re.compile(r"\bwanneer\b(?! (?:hij|zij|ze|je|jij|u|iemand|men|er)\b)|\bdatum\b|\bjaartal\b|\bwelk jaar\b|\bhoe oud\b|\buit welk jaar\b", _I)),
    # "opgesteld", "gemaakt" name the document's authors only when the question is about the document or asks who
    # ("in welk werkproces worden contracten opgesteld?" asks no author)
    ("ontwikkeld_door", re.compile(r"\bontwikkeld\b|\bauteur|\bwie (?:heeft|hebben) .*(?:profiel|document|dossier)|"
                                   r"\b(?:wie|wanneer|profiel|document|dossier|bcp|het)\b[^?]*\b(?:opgesteld|geschreven|gemaakt)\b"
                                   r"(?!.*\bwerkproces)", _I)),
    ("soort", re.compile(r"\bsoort (?:document|dossier)\b|\bwat voor (?:een )?(?:document|dossier)\b|"
                         r"\bsoort stuk\b|\bwat voor stuk\b", _I)),
    ("typering", re.compile(r"\bwat voor (?:soort |een |type )?(?:opleiding|kwalificatie)\b|\bsoort opleiding\b|"
                            r"\btype opleiding\b|\bsoort kwalificatie\b|\btypering(?:en)? van de kwalificatie(?:s)?\b|"
                            r"\bsoorten opleidingen\b|"
                            r"\b(?:basisberoeps|vak|middenkader|specialisten)opleiding(?:en)?\b", _I)),
    ("typering_beroep", re.compile(r"\btypering\b|\bgetypeerd\b|\btypeer\w*|\btyper(?:en|t)\b|\bberoepsbeschrijving\b|\bwat voor beroep\b|"
                                   r"\bbeschrijving van het beroep\b|\bwaar werk\w* (?:je|een|de)\b", _I)),
    ("beroepsvereisten", re.compile(r"\bberoepsvereist\w*|\bwettelijke eisen\b|\bverplichte? (?:certificaat|diploma)", _I)),
    ("functiebenamingen", re.compile(r"\bfunctie(?:s|benaming\w*|titel\w*|namen|naam)\b|\bwelke (?:banen|functies)\b|"
                                     r"\bbaan\b|\bbanen\b|"
                                     # the names a job goes by: "een andere naam voor X", "heet X ook wel Y?"
                                     r"\b(?:andere|alternatieve|gangbare) (?:naam|namen|benaming\w*)\b|"
                                     r"\bheet\b.*\book wel\b|\b(?:ook wel|anders) genoemd\b", _I)),
    ("loopbaan", re.compile(r"\bloopbaan\w*|\bdoorgroei\w*|\bcarri[e]re\w*|\bdoorstro\w*|\bvervolgopleiding", _I)),
    ("kernopgaven", re.compile(r"\bkernopgave\w*", _I)),
    # facts of a school's programme that no dossier holds: asked, they are said to be not stated
    # (a dossier describes the profession; where, how, how long and at what cost it is taught is the school's)
    ("duur", re.compile(r"\bhoe ?lang (?:duurt|doe)\b|\bhoeveel jaar\b|\b(?:studie|opleidings)?duur\b(?! ?zaam)|"
                        r"\bduurt\b.*\bopleiding\b|\bopleiding\b.*\bduurt\b", _I)),
    ("toelating", re.compile(r"\btoelat\w*|\binstroomeis\w*|\bvooropleiding\b|\bwat heb je nodig om\b", _I)),
    ("salaris", re.compile(r"\bverdien\w*|\bsalaris\w*|\b(?:bruto|netto|uur|start)loon\b|\bhoeveel (?:loon|geld)\b", _I)),
    ("kosten", re.compile(r"\b(?:wat|hoeveel) kost\b|\blesgeld\b|\bcollegegeld\b|\bschoolgeld\b|"
                          r"\bkosten van de (?:opleiding|studie)\b", _I)),
    ("leerweg", re.compile(r"\bbbl\b|\bbol\b|\bleerweg\w*|\bdeeltijd\b|\bvoltijd\b|\bleren en werken\b", _I)),
    ("stage", re.compile(r"\bstage\w*|\bbpv\b|\bberoepspraktijkvorming\b", _I)),
    ("scholen", re.compile(r"\b(?:op|bij|aan|via) welke (?:school|scholen|roc'?s?|mbo'?s?|onderwijsinstelling\w*)\b|"
                           r"\bwelke (?:school|scholen|roc'?s?) (?:biedt|bieden|heeft|hebben|geeft|geven)\b|"
                           r"\bwaar kan ik\b.*\b(?:volgen|studeren)\b", _I)),
    ("keuzedelen", re.compile(r"\bkeuzede(?:el|len)\b", _I)),
    # numbers about students and jobs: a dossier describes the work, it counts no one
    ("cijfers", re.compile(r"\b(?:hoeveel|aantal) (?:studenten|leerlingen|deelnemers|cursisten|mensen|jongeren|"
                           r"afgestudeerden|gediplomeerden)\b|\bslagings\w*|\bbaankans\w*|\bbaangarantie\b|"
                           r"\bkans op (?:een )?(?:baan|werk)\b|\bwerkgelegenheid\b|\bhoe populair\b|\bpopulariteit\b", _I)),
    ("dossier", re.compile(r"\b(?:bij|uit|van|tot) welk (?:kwalificatie)?dossier\b|\bwelk dossier\b", _I)),
]
WHO = re.compile(r"\bwie\b|\bdoor welke\b|\bwelke (?:organisatie|sectorkamer|instantie|partij)\b", _I)

# -- parts of a werkproces, kerntaak or beroepscompetentie ------------------------------------------------
ONDERDEEL_CUES: list[tuple[str, re.Pattern]] = [
    ("resultaat", re.compile(r"\bresul\w*|\breslut\w*|\bresutl\w*|\buitkomst\w*|\boplever\w*|\bwat komt er ?uit\b|"
                             r"\bwat levert\b", _I)),
    ("gedrag", re.compile(r"\bgedr\w*", _I)),
    ("competenties", re.compile(r"\b(?:onderliggende )?competent\w*", _I)),
    ("omschrijving", re.compile(r"\bomschr\w*|\bomschijv\w*|\bbeschrijving\b", _I)),
    ("complexiteit", re.compile(r"\bcomplex\w*|\bmoeilijk\w*|\bingewikkeld", _I)),
    ("verantwoordelijkheid", re.compile(r"\bverantwoordelijk\w*|\bzelfstandig\w*|\bverantwoording\b", _I)),
    ("vakkennis", re.compile(r"\bvakkennis\b|\bkennis\b|\bvaardigheden\b|\bvaardigheid\b|"
                             r"\bwat moet (?:je|een|de|hij|zij|ze|die) .*\b(?:weten|kennen|kunnen|beheersen)\b|"
                             r"\b(?:moet|moeten) .*\b(?:weten|kennen|beheersen)\b(?! over)|\w+kennis\b", _I)),
    ("keuzes", re.compile(r"\bkeuze(?!de(?:el|len)\b)\w*|\bdilemma\w*", _I)),
    ("succescriteria", re.compile(r"\bsucces\w*", _I)),
    ("hulpmiddelen", re.compile(r"\bhulpmiddel\w*|\bgereedschap\w*|\bapparatuur\b|\bsoftware\b", _I)),
    ("betrokkenen", re.compile(r"\bbetrokken\w*|\bmet wie\b", _I)),
    # the part "kwaliteit", not a compound that names a thing ("kwaliteitsmeetsysteem")
    ("kwaliteit", re.compile(r"\bkwaliteit(?:en|seisen|scriteria|szorg|sbewaking|snormen)?\b", _I)),
    ("aanvulling", re.compile(r"\baanvul\w*|\bextra\b|\bspecifiek\b|\bnog bij\b|\b(?:er)?bovenop\b|"
                              r"\bkom(?:t|en)\b[^?.]*\bbij\s*\?*\s*$", _I)),  # "wat komt er voor X bij?"
]
PROCES_RESULTAAT = re.compile(r"\b(proces|resultaat)\b", _I)  # which succescriteria of a competentie

# -- what a list or count is of -----------------------------------------------------------------------------
WHAT_CUES: list[tuple[str, re.Pattern]] = [
    # the generic examination parts every qualification of a dossier has (Nederlands, rekenen, ...)
    ("generiek", re.compile(r"\bgeneriek\w* (?:examen)?(?:onder)?del\w*|\bgeneriek\w* (?:eisen|vakken)\b", _I)),
    ("werkprocessen", re.compile(r"\b(?:profiel|basis)?werk ?proc\w*|\bwp'?s\b", _I)),
    ("kerntaken", re.compile(r"\bkern ?ta\w*|\btaken\b", _I)),
    ("competenties", re.compile(r"\b(?:beroeps)?competenties\b|\b(?:beroeps)?competentie\b", _I)),
    ("kernopgaven", re.compile(r"\bkernopgave\w*", _I)),
    ("functiebenamingen", re.compile(r"\bfunctie(?:s|benaming\w*|titel\w*|namen)\b", _I)),
    ("niveaus", re.compile(r"\bni?veaus\b", _I)),
    ("kwalificaties", re.compile(r"\bkwalificaties\b|\bprofielen\b|\bopleidingen\b|\bberoepen\b|\bvarianten\b|"
                                 r"\buitstroom\w*|\brichtingen\b|\bspecialisaties\b", _I)),
]

# -- facets --------------------------------------------------------------------------------------------------
COUNT = re.compile(r"\bhoeveel\b|\bhoevel\b|\bhoeveell?\b|\baantal\b|\bhoe ?veel\b|\bhow many\b", _I)
COMPARE = re.compile(r"\bverschil\w*|\bvergelijk(?!t\b)\w*|\bovereenkomst\w*|\banders dan\b|\bversus\b|\bvs\.?\b|"
                     r"\bonderscheid\w*|\bverhoud\w* .* tot\b|\bmet elkaar\b|\b(?:twijfel|kies|kiezen|keuze) tussen\b", _I)
# "elk van die twee", "allebei": every qualification of the conversation, not only the first
# "welke daarvan …", "welk van die werkprocessen …": one or more of the list just given, picked by a subject
OF_THOSE = re.compile(r"\bwelk\w*\b.{0,40}\b(?:daarvan|ervan|daaruit|van de genoemde|"
                      r"van (?:die|deze)(?= (?:werk ?proc\w*|kern ?ta\w*|twee|drie|vier)\b|\s*$| (?:gaat|gaan|heeft|hebben)\b))\b|"
                      r"\b(?:daarvan|ervan)\b.{0,20}\bwelk\w*\b", _I)
EVERY = re.compile(r"\belk(?:e)? van\b|\ballebei\b|\bbeide\b|\b(?:die|de|deze) (?:twee|drie)\b|\bze alle\b|\bieder(?:e)? van\b", _I)
SHARED = re.compile(r"\bgemeen\w*|\bgedeeld\w*|\bdelen\b|\bhetzelfde\b|\bgelijk\w*\b|\bgemeenschappelijk\w*|"
                    r"\bvoor alle\b|\balle .* (?:samen|doen|hebben)\b", _I)
DIFFERS = re.compile(r"\bverschil\w*|\banders\b|\bonderscheid\w*|\beigen\b", _I)
# A count compared: "heeft A meer werkprocessen dan B?", "welk profiel heeft de meeste kerntaken?".
MORE = re.compile(r"\b(meer|minder)\b", _I)
MOST = re.compile(r"\b(meeste|minste)\b", _I)
WHO_HAS = re.compile(r"\bwie\b|\bwelk(?:e)? (?:profiel|kwalificatie|opleiding|van)\w*", _I)
EXTREME = re.compile(r"\b(laagst\w*|hoogst\w*|minst\w*|meest\w*|hoger|lager)\b", _I)
# "een compleet beeld van X", "X in het kort": the whole of it
_WHOLE_PICTURE = r"\b(?:compleet|volledig|totaal|goed|helder|algemeen) (?:beeld|plaatje)\b|\bin (?:het )?(?:kort|grote lijnen)\b|" \
                 r"\bin (?:een|n|'n) notendop\b|\bkort samengevat\b"
OVERVIEW = re.compile(r"\boverzicht\b|\balles (?:over|van)\b|\bvertel\w*\b(?:.*\bover\b)?|\bsamenvatting\b|"
                      r"\bwat leer (?:je|jij|ik|u)\b|\bwat (?:doe|doet) (?:je|jij|ik|u) als\b|\bwat houdt .* in\b|"
                      r"\bwat is (?:een|de|het)\b|\bwat doet (?:een|de)\b|\binfo\w*\b.*\bover\b|\bleg .* uit\b|"
                      r"\bbeschrijf\b|\bwat zijn de taken\b|\bwat houdt de opleiding\b|\bwat betekent\b|" + _WHOLE_PICTURE, _I)
# "Geef een overzicht van X", "vertel me alles over X": the card, whatever else the intent says.
STRONG_OVERVIEW = re.compile(r"\boverzicht\b|\b(?:meer )?(?:info|informatie) (?:over|van) (?:de|het|een )?|\balles (?:over|van|wat)\b|\bvertel\w*\b.*\bover\b|\bsamenvat\w*|"
                             r"\bwat leer (?:je|jij|ik|u)\b|\bwat (?:doe|doet) (?:je|jij|ik|u) als\b|\boverview\b|"
                             r"\bwat houdt (?:de|het|die) (?:opleiding|kwalificatie|beroep|profiel)\b|"
                             # "wat houdt de X in?" of a qualification as a whole, not one of its parts
                             r"\bwat (?:houdt|behelst)\b(?![^?]*\b(?:complexiteit|verantwoordelijk\w*|zelfstandigheid|"
                             r"vakkennis|gedrag|resultaat|typering|beroepshouding|werk ?proces\w*|kern ?taa?k\w*|"
                             r"competentie\w*|onderdeel|basisdeel|profieldeel)\b)[^?]*\bin\s*[?!.]*$|" + _WHOLE_PICTURE, _I)
SOURCE = re.compile(r"\bbron\w*\b|\b(?:uit|van) welk (?:dossier|document|bestand)\b.*\b(?:dat|dit|komt|haal)\b|"
                    r"\bwaar (?:staat|komt|haal|heb) (?:je |jij )?(?:dat|dit)\b|\bwaar (?:staat|komt) dat\b|"
                    r"\bwaar (?:haal|heb) je dat\b|\bwelke bron\b", _I)
# "welke kwalificatie van D zit op niveau 2?", "welk profiel …": one of a dossier's qualifications asked for
WHICH_KWALIFICATIE = re.compile(r"\bwelk\w* (?:kwalificatie|opleiding|profiel|beroep|variant|richting)\w*\b", _I)
# "over alle dossiers": over every dossier, not what all of one dossier's qualifications share
ALL_DOSSIERS = re.compile(r"\b(?:in|over|uit) alle dossiers\b", _I)
# "zonder wat er per profiel bij komt": the basisdeel's own text
WITHOUT_ADDITIONS = re.compile(r"\bzonder (?:de |die )?(?:aanvulling|extra)", _I)
# "welke van de twee zit het hoogst?": of qualifications, high and low is their level
HIGH_OR_LOW = re.compile(r"\b(?:hoogst|laagst)e?\b", _I)
# "waarom …", "hoe komt het dat …": the reason is in the passage that speaks of it, found by its words
WHY = re.compile(r"\bwaarom\b|\bhoe komt het\b|\bwat is de reden\b|\bwelke reden\b|\bom welke reden\b", _I)
# "in welk werkproces komt X voor", "welke opleiding gaat over X", "waar gaat het over X"
TOPIC = re.compile(r"\b(?:in|bij|onder) welk(?:e)? \w+|\bwelk(?:e)? (?:werk ?proc\w*|kerntaa?k\w*|kwalificatie\w*|opleiding\w*|"
                   r"beroep\w*|profiel\w*|competent\w*)\b.*\b(?:gaat|gaan|over|leer\w*|komt|komen|voor|met|doe\w*|"
                   r"organiseer\w*|behandel\w*|draait|draaien|hoort|horen|zit|zitten|staat|staan|noemt|noemen|"
                   r"bevat|bevatten|beschrijft|beschrijven|vermeldt|vermelden)\b|"
                   r"\bwaar (?:gaat|komt|leer|staat|kom)\b|\bover\b|\bwaarin\b|\bwie\b.*\b(?:doet|organiseert|verzorgt|maakt)\b", _I)
# "waar (in D) gaat het over Y", "waar kom ik Y tegen": every place, not the one best werkproces
WHERE = re.compile(r"\bwaar\b(?! (?:staat|komt|haal|heb) (?:je |jij )?(?:dat|dit)\b)|\bop welke plek\w*\b|"
                   r"\bin welk(?:e)? (?:deel|delen|onderdeel|onderdelen)\b", _I)
TOPIC_KWALIFICATIES = re.compile(r"\bwelk\w* (?:kwalificaties?|opleiding(?:en)?|beroep(?:en)?|profiel(?:en)?|specialist\w*|"
                                 r"assistent\w*|medewerker\w*|richting\w*)\b|\bbij welk\w* (?:kwalificaties?|opleiding(?:en)?|"
                                 r"beroep(?:en)?|profiel(?:en)?)\b|\bwie\b|"
                                 # "ik zoek een opleiding waarbij …", "op zoek naar een beroep met …"
                                 r"\bzoek\w* (?:naar )?(?:een )?(?:opleiding|kwalificatie|beroep|studie)\b", _I)
# Polar questions start with a finite verb ("Is X niveau 4?", "Heeft X ...", "Moet je als X ...").
POLAR = re.compile(r"^(?:(?:yo|hoi|hey|hee|hallo|zeg|nou|oh|he|hé),? )?(?:en |maar |dus |ok[e]?,? |klopt het dat |is het zo dat |)?"
                   r"(?:is|zijn|heeft|hebben|heb|moet|moeten|kan|kun|kunnen|hoort|horen|geldt|gelden|bestaat|"
                   r"bestaan|valt|vallen|zit|zitten|staat|staan|wordt|worden|leer|leert|leren|krijg|krijgt|mag|"
                   r"mogen|bevat|bevatten|komt|komen|gaat|ga|hoef|hoeven|doet|doe|zal|werkt|werk|klopt|telt|ben|"
                   r"biedt|omvat|vraagt|vereist|behoort|noem je|"
                   # the past tense asks yes or no too ("werd D in 2021 gevalideerd?", "was het niveau 3?")
                   r"werd|werden|was|waren|had|hadden|is er|zijn er)\b", _I)
# A yes/no question asked indirectly: the verb of the asked clause comes last ("weet jij of je ... kan doorgroeien?")
INDIRECT_POLAR = re.compile(r"^(?:en |maar )?(?:(?:weet|zeg|vertel) (?:je|jij|u) (?:mij |me )?(?:ook |soms )?of|"
                            r"(?:kun|kan|kunt) (?:je|jij|u) (?:mij |me )?(?:zeggen|vertellen) of|mag ik weten of|"
                            r"ik vraag me af of|ik wil weten of|klopt het dat|is het zo dat|"
                            # a claim put forward to be confirmed ("ik neem aan dat X ook Y doet?")
                            r"ik neem aan dat|ik ga ervan uit dat|ik denk dat|ik dacht dat|volgens mij)\b", _I)
# A claim put up to be judged ("klopt het dat X geen Y doet?"): a negation in it belongs to the claim
CLAIM = re.compile(r"^(?:en |maar )?(?:klopt het dat|is het zo dat|ik neem aan dat|ik denk dat|volgens mij)\b", _I)
# Words that ask where or whether something is said, never what it is about ("wordt Y ergens genoemd?").
ASKING_WORDS = re.compile(r"^(?:ergens|nergens|genoemd|noemen|vermeld|vermelden|beschreven|beschrijven|"
                          r"voorkomen|terugkomen|behandeld|behandelen|besproken|bespreken|bod|orde|sprake|"
                          # "verstand hebben van Y", "thuis zijn in Y", "weet hebben van Y": whether Y is
                          # knowledge asked for, in words no dossier uses for it ("heeft kennis van Y")
                          r"verstand|benul|thuis|onderlegd|bedreven|weet|"
                          r"officiele|officieel|officiële|"
                          # how a count adds up ("in totaal", "opgeteld", "bij elkaar"): no subject of its own
                          r"totaal|opgeteld|gezamenlijk|samen|meetellen|meetelt|meegeteld|meerekenen|meerekent|meegerekend|"
                          # whether it is required ("is Y verplicht voor X?"): the asking, Y is the subject
                          r"verplicht|verplichte|nodig|vereist|vereiste|noodzakelijk|"
                          # "klopt het dat …", "hoeft X geen …": how a claim is asked, never its subject
                          r"klopt|kloppen|hoeft|hoeven|hoef|"
                          # "ik zoek iets met Y, welke opleiding past daarbij?": Y is the subject
                          r"zoek|zoeken|past|passen|passend|passende|zegt|zeggen|"
                          r"heet|heten|behalve|naast)$", _I)  # "hoe heten de andere, naast X?"  # "aan bod komen"; "de officiële naam"
# Words a student uses for the kind of thing asked about ("het vak Engels", "de lessen marketing"): school
# words, not what the dossiers describe, so a yes/no is decided by the rest of its subject.
SCHOOL_WORDS = re.compile(r"^(?:vak|vakken|les|lessen|cursus|cursussen|module|modules|leerstof|onderwerp|onderwerpen)$",
                          _I)
# Words for doing something in general ("logistiek werk", "administratieve dingen"): what kind is the subject
WORK_WORDS = re.compile(r"^(?:werk|werkje|werkzaamheid|werkzaamheden|ding|dingen|zaak|zaken|klus|klussen|klusje|"
                        r"klusjes|activiteit|activiteiten|bezigheid|bezigheden)$", _I)
# "alles met Y (erin)", "alles over Y": every place Y occurs (not "alles over X" of a qualification's card)
TOPIC_ALL = re.compile(r"\balles (?:met|waar|wat)\b", _I)
# The same title in several profiles ("welk werkproces komt in meerdere profielen voor?").
REPEATED_TITLE = re.compile(r"\b(?:de|het)? ?(?:zelfde|dezelfde) (?:titel|naam)\b|"
                            r"\bin (?:meerdere|verschillende|meer dan (?:een|één)) (?:profielen|kwalificaties)\b", _I)
# "Kun je X samenvatten?", "wil je de kwalificaties op een rijtje zetten?": a request, not a yes/no
REQUEST = re.compile(r"^(?:en |maar )?(?:kun|kan|kunt|wil|wilt|zou|zoudt) (?:je|jij|u)\b.*\b(?:samenvatten|geven|"
                     r"noemen|opnoemen|opsommen|zetten|vertellen|uitleggen|laten zien|tonen|beschrijven|"
                     r"toelichten|vergelijken|sturen)\b|"
                     r"^(?:en |maar )?(?:kun|kan|kunt|wil|wilt|zou|zoudt) (?:je|jij|u) (?:me |mij |ons )?(?:even )?helpen (?:met|bij)\b",
                     _I)
WH_START = re.compile(r"^(?:en )?(?:wat|wie|welk|welke|waar|wanneer|hoe|hoeveel|waarom|noem|geef|vertel|leg)\b", _I)
LEVEL = re.compile(r"\bni?v(?:eau|oo?)\s*(\d)\b|\blevel\s*(\d)\b|\b(\d)\s*(?:e )?ni?veau\b|\bmbo[- ]?([1-4])\b", _I)
PROFILE_TYPES = re.compile(r"\b(basisberoeps|vak|middenkader|specialisten)opleiding(?:en)?\b", _I)
FOLLOW_UP = re.compile(r"^(?:en|ok[e]?|oke|oké|dus|maar|en dan|verder|dan)\b|\b(?:dat|die|deze|daarvan|daarbij|"
                       r"hiervan|erbij|ervan|hem|haar|daarvoor|ervoor|daarin|daar\b.{0,40}\bvoor)\b", _I)
BASISDEEL = re.compile(r"\bbasisdeel\b|\bgemeenschappelijk\w*\b", _I)
# Asking whether one may ask ("goedemorgen, kun je me helpen met een vraag over X?", "ik heb een vraag"):
# no question yet, whatever X is
_GREETING = r"(?:hallo|hoi|hey|hi|goedemorgen|goedemiddag|goedenavond|dag)\b[ ,!.]*"
HELP_REQUEST = re.compile(rf"^(?:{_GREETING})?"
                          r"(?:(?:kun|kan|kunt|wil|wilt) (?:je|jij|u) (?:me |mij |ons )?(?:even |misschien )?helpen|"
                          r"(?:waarmee|waarbij|hoe) (?:kun|kan|kunt) (?:je|jij|u) (?:me |mij |ons )?(?:allemaal )?helpen|"
                          # (who asks first, "ik ben docent … en heb …", then the same)
                          r"(?:ik ben [^,.?!]{1,60}?,? en )?(?:ik )?heb (?:een|wat|enkele|een paar|nog (?:een|wat)) vra(?:ag|gen)|"
                          r"mag ik (?:je |u )?(?:een|wat) vra(?:ag|gen) stellen)"
                          r"(?: (?:met|bij|over) (?:een|mijn|wat|enkele|een paar) vra(?:ag|gen))?(?: (?:over|bij|voor|om)\b[^?]*)?"
                          r"[?!. ]*$", _I)
# Thanks, whatever it thanks for ("top, bedankt voor de hulp!", "dank je wel voor de uitleg")
THANKS_ONLY = re.compile(r"^(?:\w+[,!.]*\s+)?(?:heel |super |hartelijk |erg )?(?:bedankt|dankjewel|dankuwel|dank je(?: wel)?|"
                         r"dank u(?: wel)?|thanks|thank you|thx|merci)\b(?:\s+(?:voor|hoor|man|allemaal)\b[^?]*)?[!.\s]*$", _I)
GREETING_ONLY = re.compile(rf"^{_GREETING}$", _I)


# "de tweede", "nummer 3", "de laatste": an item of the list just given
ORDINAL = re.compile(r"\b(?:de |het )?(eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|laatste)\b"
                     r"|\bnummer (\d{1,2})\b|\bnr\.? ?(\d{1,2})\b|\b(?:de |het )(\d{1,2})(?:e|ste|de)\b", _I)  # "de 3e"
ORDINALS = {w: i for i, w in enumerate("eerste tweede derde vierde vijfde zesde zevende achtste negende tiende".split())}


# Where the profession is practised: the dossiers' "context" section ("Beroepscontext / werkzaamheden").
CONTEXT = re.compile(r"\b(?:werk)?omgeving\b|\bwerkveld\b|\bwerkterrein\b|\bwerkplek\b|"
                     r"\bwaar (?:\w+ ){0,3}(?:werken|terecht|aan de slag)\b|"
                     r"\b(?:wat voor|welke|soort(?:en)?) (?:bedrijven|organisaties|werkgevers|sectoren)\b", _I)


# Words that soften or stress a question without changing what it asks ("wat houdt X nou precies in?",
# "hoeveel zijn het er nou precies?"); the cues below are read with them left out.
# A judgement no dossier makes ("is X leuk?", "is dat een goede keuze?", "is het wat voor mij?"): the dossiers
# describe the work, so the answer says that instead of "ja" or "nee". "Moeilijk", "zwaar" are not here: the
# complexity of the work is a part of every kerntaak (onderdeel complexiteit).
OPINION = re.compile(r"\b(?:leuk\w*|saai\w*|interessant\w*|boeiend\w*|populair\w*|gezellig\w*|aanrader|aan te raden|"
                     r"(?:de )?moeite waard|(?:een )?(?:goede|slechte|verstandige|slimme) (?:keuze|opleiding|studie|beroep)|"
                     r"(?:is|zijn) (?:het|dat|die|deze|dit) (?:iets|wat) voor (?:mij|mijn)|past? (?:\w+ )?bij mij|"
                     r"beste (?:opleiding|keuze|studie)|zou (?:jij|je|u) (?:\w+ )?(?:kiezen|aanraden))\b", _I)
# "noem ze", "welke zijn dat?", "laat maar zien": the list of what was just counted
SHOW_THEM = re.compile(r"^(?:en )?(?:noem|geef|toon|laat)\b.*\b(?:ze|die|deze|dan|maar|zien|op)\b|"
                       r"^(?:en )?welke zijn (?:dat|het|die)\b|^(?:en )?(?:welke|wat) dan\b", _I)
FILLERS = re.compile(r"\b(?:eigenlijk|precies|nou|eens|even|toch|zoal|ongeveer|allemaal|trouwens|nogmaals)\b\s*", _I)


def plain(folded: str) -> str:
    """A folded question without its filler words."""
    return FILLERS.sub("", folded)


def question_sentence(folded: str) -> str:
    """The sentence that asks: the last one with a question mark, else the last one ("Ik ben ouder. Wat doe
    je als X?", "Mijn dochter wil X doen. Zit daar iets over Y in?")."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", folded) if s.strip()]
    asking = [s for s in sentences if s.endswith("?")]
    if len(asking) > 1 and re.match(r"^(?:en )?zo (?:ja|nee|niet)\b", asking[-1]):
        return asking[-2]  # "Doet X ook Y? Zo ja, onder welke code?": the first asks, the second asks for more
    return (asking or sentences or [""])[-1]


def ordinal(text: str) -> Optional[int]:
    """The 0-based position an ordinal names (-1 for "laatste"), or None."""
    m = ORDINAL.search(text)
    if not m:
        return None
    if m.group(1):
        return -1 if m.group(1).lower() == "laatste" else ORDINALS[m.group(1).lower()]
    return int(m.group(2) or m.group(3) or m.group(4)) - 1


def found(cues: list[tuple[str, re.Pattern]], text: str) -> list[str]:
    """The names of every cue that occurs in `text`, in the order of the table."""
    return [name for name, pattern in cues if pattern.search(text)]


# "het profiel <naam>": a profile is its own part (the profieldeel); the qualification is basisdeel + profiel
PROFIELDEEL = re.compile(r"\bprofieldee?l(?:en)?\b|\beigen (?:kerntaken|werkprocessen)\b|\bspecifieke? (?:kerntaken|werkprocessen)\b|"
                         r"\b(?:zijn|haar|hun|zn|z n|z'n|mijn|jouw|de eigen) (?:eigen )?(?:kerntaak|profiel)\b|"
                         r"\bhet profiel (?:van (?:de |het |een )?)?(?!p\d)[a-z]", _I)
BASISDEEL_ONLY = re.compile(r"\bbasisdeel\b(?!\s*(?:inbegrepen|erbij|meegerekend|meegeteld|meetel\w*|meerekent))", _I)
# "profiel P6": the profile's own part, as SBB uses the word (the qualification is basisdeel + profiel)
PROFIEL_BY_CODE = re.compile(r"\bprofiel\s+p\d+\b", _I)
BASISDEEL_INCLUDED = re.compile(r"\b(?:inclusief|met|ook|plus) (?:het )?basisdeel\b|\bbasisdeel (?:inbegrepen|erbij|meegerekend)|"
                                r"\bbasisdeel (?:\+|en|plus) (?:het |de |alle )?profiel|\bin totaal\b|\bsamen\b|\balles bij elkaar\b|"
                                r"\boptel\w*|\bopgeteld\b|\bhet hele dossier\b|"
                                # "als je het basisdeel meetelt", "het basisdeel meegeteld"
                                r"\bbasisdeel\b(?![^.?!]{0,20}\b(?:niet|zonder|geen)\b)[^.?!]{0,20}"
                                r"\b(?:mee ?tel\w*|meegeteld|meerekent|meerekenen|bij ?telt|erbij)\b", _I)


def first(cues: list[tuple[str, re.Pattern]], text: str) -> Optional[str]:
    """The cue that occurs earliest in `text`."""
    hits = [(m.start(), name) for name, pattern in cues for m in [pattern.search(text)] if m]
    return min(hits)[1] if hits else None


def level(text: str) -> Optional[int]:
    m = LEVEL.search(text)
    return int(next(g for g in m.groups() if g)) if m else None
