"""Conflict-of-interest name matching without storing names.

Before taking a client, staff check that the organisation does not already act for or against
the same person or organisation. Names are stored encrypted, so the check works on *match keys*:
short normalised strings derived from a name, which the database stores only as keyed HMACs
(:func:`blind_keys`). Two names are compared by intersecting their keys.

A key is ``<kind>:<body>``. The kind stays outside the HMAC so a match's strength is known
without decrypting anything; only the body is hashed.

====  =====================  ======================================================  ==========
kind  body                   made from                                               matches
====  =====================  ======================================================  ==========
s     ``family|given``       each family-name candidate x each given-name group      s (strong)
o     ``sorted org words``   an organisation name without suffixes/abbreviations     o (strong)
m     ``family|given``       an ambiguous reading (middle name used as the given     s (weak)
                             name, or a middle word that may be a first surname)
w     ``family|initial``     a name given only with an initial, or ``family|*``      w, i (weak)
                             when there is no given name at all
i     ``family|initial``     every person name's initials and ``family|*``, only     w (weak)
                             so that ``w`` keys can find it (``i`` never matches ``i``)
u     ``sorted words``       a person's name read as words, so "John Smith LLC"      o (weak)
                             can be found from "John Smith"
====  =====================  ======================================================  ==========

Given-name groups come from a table of English and Spanish nicknames and translations
(Bob/Robert/Roberto, Pepe/José/Joseph): a name in several groups (Beto: Alberto, Roberto...)
gets a key for each, so it matches all of them while Alberto and Roberto do not match each other.

Deliberately NOT matched: spelling variants and typos of either name (Maria/Mario, Garcia/Garza,
Connor/Conner). Fuzzy matching cannot survive HMACs (equal inputs are all a blind index can
find), and an edit-distance-1 rule would flag Maria/Mario, which are different people.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from rightsdesk.vault.crypto import blind_index, normalise_name

# Which key kinds match which, and how strongly (both orders are listed, so lookups are simple).
STRONG_PAIRS: frozenset[tuple[str, str]] = frozenset({("s", "s"), ("o", "o")})
WEAK_PAIRS: frozenset[tuple[str, str]] = frozenset(
    {("m", "s"), ("s", "m"), ("w", "w"), ("w", "i"), ("i", "w"), ("u", "o"), ("o", "u")}
)

# Domain separation: these HMACs must never equal an "exact" blind index stored for another
# purpose, or a row's conflict key could be linked to that other column.
_BLIND_DOMAIN = "conflict-key:"

# --- Given names -------------------------------------------------------------------------------
# canonical -> variants (nicknames, short forms, abbreviations, English/Spanish equivalents).
# Spellings are as normalise_name leaves them: lower case, no accents (Toño -> tono).
_NICKNAMES: dict[str, str] = {
    # English
    "john": "jon johnny jonny johnnie jack jonathan jonathon jno juan juanito",
    "william": "will bill billy willy willie liam wm guillermo memo",
    "robert": "rob robbie bob bobby bert robt roberto beto",
    "albert": "al bert bertie alberto beto",
    "alfred": "al alf fred freddie alfredo fredo",
    "alan": "al allan allen",
    "frederick": "fred freddie freddy federico fede",
    "elizabeth": (
        "liz lizzie lizzy beth betsy betty bette eliza libby lisa elisa isabel isabella chabela"
    ),
    "james": "jim jimmy jimmie jamie jas jaime",
    "michael": "mike mikey mick mickey micky miguel",
    "anthony": "tony toni antonio tono",
    "antonia": "toni tonia",
    "joseph": "joe joey jos jose pepe pepito chepe",
    "josephine": "jo josie josefina fina pepa pepita",
    "francisco": "paco pancho frank frankie fran francis fco kiko curro",
    "franklin": "frank frankie",
    "frances": "fran frannie francisca panchita paquita",
    "edward": "ed eddie eddy ted ned eduardo lalo",
    "edwin": "ed eddie",
    "henry": "hank harry hal enrique quique kike",
    "harold": "harry hal",
    "richard": "rick ricky rich richie dick ricardo rico",
    "charles": "charlie chuck chas chaz carlos carlitos",
    "thomas": "tom tommy thos tomas",
    "daniel": "dan danny",
    "david": "dave davey davy",
    "margaret": "maggie meg peggy marge margie greta margarita",
    "katherine": "catherine kathryn kate katie kathy cathy kat kitty catalina",
    "patricia": "pat patty patti tricia trish",
    "patrick": "pat paddy patricio",
    "christopher": "chris kit topher cristobal",
    "christina": "chris chrissy tina christine cristina kristina",
    "alexander": "alex alec xander alejandro jandro",
    "alexandra": "alex lexi alejandra",
    "andrew": "andy drew andres",
    "benjamin": "ben benny benji",
    "samuel": "sam sammy",
    "samantha": "sam sammy",
    "stephen": "steven steve stevie esteban",
    "timothy": "tim timmy",
    "matthew": "matt matty mateo",
    "nicholas": "nick nicky nico nicolas",
    "gregory": "greg gregorio goyo",
    "joshua": "josh",
    "kenneth": "ken kenny",
    "lawrence": "larry laurence lorenzo",
    "ronald": "ron ronnie",
    "donald": "don donnie",
    "gerald": "gerry jerry",
    "jerome": "jerry",
    "jennifer": "jen jenny jenn",
    "jessica": "jess jessie",
    "susan": "sue susie suzy susana",
    "deborah": "deb debbie debra",
    "rebecca": "becky becca rebeca",
    "victoria": "vicky vicki tori",
    "abigail": "abby gail",
    "barbara": "barb babs",
    "dorothy": "dot dottie dolly",
    "theodore": "ted teddy theo",
    "peter": "pete pedro perico",
    "paul": "pablo",
    "mary": "maria marie molly polly mae mari ma",
    "george": "jorge geo",
    "arthur": "art artie arturo",
    "leonard": "leo len lenny leonardo",
    "vincent": "vince vinny vicente chente",
    "walter": "walt wally",
    "eugene": "gene",
    "sarah": "sara sally sadie",
    "helen": "helena elena",
    "ann": "ana anna anne annie anita",
    "teresa": "theresa tere terry tess tessa",
    "terrence": "terry terence",
    "cynthia": "cindy",
    "kimberly": "kim",
    "pamela": "pam",
    "judith": "judy",
    "jacqueline": "jackie",
    "alice": "alicia licha",
    # Spanish
    "guadalupe": "lupe lupita gpe",
    "jesus": "chuy chucho",
    "ignacio": "nacho",
    "rosario": "charo chayo",
    "concepcion": "concha conchita chona",
    "rafael": "rafa rafi",
    "manuel": "manolo manny",
    "ramon": "moncho",
    "gonzalo": "chalo",
    "fernando": "nando",
    "luis": "lucho louis lou",
    "salvador": "chava chavo sal",
    "dolores": "lola lolita",
    "mercedes": "meche",
    "socorro": "coco",
    "consuelo": "chelo",
    "graciela": "chela",
    "soledad": "sole chole",
    "refugio": "cuca cuco",
    "gilberto": "beto gil",
    "humberto": "beto",
    "heriberto": "beto",
    "norberto": "beto",
    "anastasio": "tacho",
    "eusebio": "chevo",
    "pilar": "pili",
    "cecilia": "chila ceci",
    "alfonso": "poncho",
    "rodolfo": "fito rudy rudolph",
    "adolfo": "fito",
}

# name -> the canonical groups it belongs to. A name absent from the table is its own group.
_GROUPS: dict[str, frozenset[str]] = {}
for _canonical, _variants in _NICKNAMES.items():
    for _variant in (_canonical, *_variants.split()):
        _GROUPS[_variant] = _GROUPS.get(_variant, frozenset()) | {_canonical}

# Common given names beyond the nickname table. Used only to tell a middle name from a first
# surname ("Maria Elena Lopez" vs "Maria Lopez Garcia"); a wrong guess only turns a strong
# match into a weak one (see the "m" keys), never loses it.
_MORE_GIVEN = """
aaron adam adrian adriana alejandro alma amanda amy andrea angel angela angelica arturo
ashley beatriz blanca brandon brenda brian carl carmen carol carolina cesar claudia
cristian daniela denise diana diego edgar elena elsa emilio emily emma erica erik esperanza
esther eva evelyn fabiola felipe gabriel gabriela gloria grace hector hugo irma isaac ivan
javier jean jesse jorge juana julia julian julio karen kevin laura leticia lilia linda lorena
lucia luisa luz marco marcos mario marisol marta martha martin melissa miriam monica nancy
natalia nicole noemi norma olga omar oscar paula raquel raul rebeca ricardo rocio rosa ruben
ruth sandra sergio silvia sofia sonia stephanie tyrone valentina valeria veronica victor
yesenia yolanda
""".split()
_KNOWN_GIVEN: frozenset[str] = frozenset(_GROUPS) | frozenset(_MORE_GIVEN)

# --- Words that are not part of the name ------------------------------------------------------
_TITLES = frozenset(
    "mr mrs ms miss mx dr dra doctor prof professor rev reverend fr father pastor hon honorable "
    "judge justice sr sra srta senor senora senorita don dona lic licenciado licenciada ing sir "
    "dame officer ofc deputy sgt sergeant det detective lt lieutenant capt captain cpl corporal "
    "chief sheriff warden trooper agent atty attorney mayor gov governor commissioner "
    "superintendent principal".split()
)
# "Don"/"Doña" are also given names: only a title when a full name follows.
_TITLES_NEEDING_TWO = frozenset({"don", "dona"})
_SUFFIXES = frozenset(
    "jr jnr junior sr snr senior ii iii iv 2nd 3rd esq esquire md phd dds dmd rn cpa jd mba ret "
    "hijo".split()
)
# Surname particles: "de la Cruz" is stored as both "cruz" and "delacruz" (people and clerks
# write it every way: de la Cruz, De La Cruz, DelaCruz, Cruz).
_PARTICLES = frozenset(
    "de del della dela la las los da das dos di du van von der den ter y mc mac st".split()
)

# --- Organisations -----------------------------------------------------------------------------
_LEGAL_FORMS = frozenset(
    "inc incorporated llc llp lp ltd limited corp corporation company plc pllc gmbh".split()
)
_ORG_WORDS = _LEGAL_FORMS | frozenset(
    """
    department county city town village state federal government sheriff police pd fire office
    apartments university college school district hospital clinic center bank association
    agency authority board commission council services management properties property realty
    housing group holdings partners foundation church ministries jail prison corrections
    correctional detention court bureau administration restaurant hotel motel store stores
    market insurance enterprises industries international national parish municipal division
    academy institute library organization society union club fund towing motors dealership
    financial credit loans lending mortgage capital ventures solutions systems technologies
    logistics trucking construction contractors homes residences estates townhomes lofts plaza
    towers landlord employer corrections transit co
    """.split()
)
# Org words that are also common surnames: with a known given name first, "Mary Church" or
# "Margaret Court" stays a person.
_AMBIGUOUS_ORG_WORDS = frozenset({"church", "court", "bank", "union", "plaza", "towers", "estates"})
_ORG_ABBREVIATIONS = {
    "dept": "department",
    "dpt": "department",
    "depto": "department",
    "cnty": "county",
    "condado": "county",
    "pd": "police",
    "policia": "police",
    "fd": "fire",
    "alguacil": "sheriff",
    "sheriffs": "sheriff",
    "assn": "association",
    "assoc": "association",
    "univ": "university",
    "hosp": "hospital",
    "apt": "apartments",
    "apts": "apartments",
    "apartment": "apartments",
    "mgmt": "management",
    "svc": "services",
    "svcs": "services",
    "service": "services",
    "intl": "international",
    "natl": "national",
    "ctr": "center",
    "centre": "center",
    "govt": "government",
    "dist": "district",
    "mt": "mount",
    "ft": "fort",
    "st": "saint",
    "bros": "brothers",
    "mfg": "manufacturing",
    "ofc": "office",
    "oficina": "office",
    "departamento": "department",
    "correctional": "corrections",
}
# Dropped from organisation keys: legal forms and filler, so "Acme, Inc." = "ACME LLC".
_ORG_DROP = _LEGAL_FORMS | frozenset({"the", "of", "and", "na", "sa", "cv", "de", "del", "la"})
# "Sheriff's Office", "Sheriff's Department", "Office of the Sheriff" and "SO" are one agency.
_AGENCY_HEADS = frozenset({"sheriff", "police", "fire", "constable", "marshal"})
_AGENCY_FILLER = frozenset({"office", "department"})
# Each ambiguous "Co." doubles the keys: bound it so a pasted "Co. Co. Co. ..." cannot blow up.
_MAX_AMBIGUOUS = 3

_AKA = re.compile(
    r"\s+(?:a\.?\s?k\.?\s?a\.?|a/k/a|f\.?\s?k\.?\s?a\.?|d\.?\s?b\.?\s?a\.?|alias|also known as)"
    r"\s+",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"[\"“”]([^\"“”]+)[\"“”]|\(([^)]*)\)")
_MAIDEN = re.compile(r"^\s*(?:nee|née|born|formerly)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’`´ʼ]s\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['’`´ʼ]")
_HYPHEN = re.compile(r"\s*[-‐‑]\s*")


class _Why(NamedTuple):
    """Where a key came from, for explain() only."""

    family: str
    given: str
    note: str
    compound: bool = False


@dataclass
class _Unit:
    """One written word of a name: its hyphen pieces and the family-name spellings it gives."""

    pieces: list[str]
    forms: list[str]
    marked_family: bool  # hyphenated or after a particle, so certainly (part of) a surname

    @property
    def initial(self) -> bool:
        return len(self.pieces) == 1 and len(self.pieces[0]) == 1 and not self.marked_family


@dataclass
class _Person:
    givens: list[str] = field(default_factory=list)
    initial: str = ""
    families: list[str] = field(default_factory=list)
    middles: list[str] = field(default_factory=list)
    middle_families: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    titled: bool = False
    compound: bool = False  # more than one surname ("López García"), for explain()


# --- Public API --------------------------------------------------------------------------------
def name_keys(name: str) -> set[str]:
    """Match keys for a person's or organisation's name (see the module docstring)."""
    return set(_analyse(name))


def blind_keys(name: str) -> set[str]:
    """name_keys with each body replaced by its keyed HMAC; the kind prefix stays readable."""
    return {_blind(key) for key in name_keys(name)}


def match_strength(a_keys: set[str], b_keys: set[str]) -> str | None:
    """ "strong", "weak" or None for two key sets (plain or blind: both work the same way)."""
    best: str | None = None
    for kind_a, kind_b, _body in _shared(a_keys, b_keys):
        if (kind_a, kind_b) in STRONG_PAIRS:
            return "strong"
        best = "weak"
    return best


def explain(a: str, b: str) -> str:
    """A short English reason two plaintext names do or do not match. For authorised staff only:
    the reason can repeat parts of the names."""
    keys_a, keys_b = _analyse(a), _analyse(b)
    shared = list(_shared(keys_a, keys_b))
    strong = [s for s in shared if (s[0], s[1]) in STRONG_PAIRS]
    for kind_a, kind_b, body in strong or shared:
        why_a, why_b = keys_a[f"{kind_a}:{body}"], keys_b[f"{kind_b}:{body}"]
        prefix = "strong match: " if strong else "weak match: "
        return prefix + _reason(kind_a, kind_b, body, why_a, why_b)
    return "no match: " + _difference(keys_a, keys_b)


# --- Matching ----------------------------------------------------------------------------------
def _split(key: str) -> tuple[str, str]:
    kind, _, body = key.partition(":")
    return kind, body


def _shared(a_keys: Iterable[str], b_keys: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """(kind in a, kind in b, body) for every pair of keys that counts as a match."""
    kinds_by_body: dict[str, set[str]] = {}
    for key in b_keys:
        kind, body = _split(key)
        kinds_by_body.setdefault(body, set()).add(kind)
    for key in a_keys:
        kind_a, body = _split(key)
        for kind_b in kinds_by_body.get(body, ()):
            if (kind_a, kind_b) in STRONG_PAIRS or (kind_a, kind_b) in WEAK_PAIRS:
                yield kind_a, kind_b, body


def _blind(key: str) -> str:
    kind, body = _split(key)
    return f"{kind}:{blind_index('exact', _BLIND_DOMAIN + body)}"


def _reason(kind_a: str, kind_b: str, body: str, why_a: _Why, why_b: _Why) -> str:
    kinds = {kind_a, kind_b}
    if kinds == {"o"}:
        return (
            "the same organisation once abbreviations, legal suffixes and word order are set aside"
        )
    if kinds == {"u", "o"}:
        return "the same words, read once as a person's name and once as an organisation's"
    family = "same family name"
    if why_a.compound or why_b.compound:
        family += f" ({why_a.family}, one part of a double surname)"
    if kinds == {"s"}:
        if why_a.given == why_b.given:
            return f"{family} and given name"
        return f"{family} and a nickname of the same given name ({why_a.given} ~ {why_b.given})"
    if kinds == {"m", "s"}:
        middle = why_a if kind_a == "m" else why_b
        if middle.note == "middle-family":
            return "same given name, and one name's middle word is the other's family name"
        return f"{family}, and one name's middle name is the other's given name"
    if body.endswith("|*"):
        return f"{family}; one of the names has no given name"
    return f"{family} and initial"


def _difference(keys_a: dict[str, _Why], keys_b: dict[str, _Why]) -> str:
    def families(keys: dict[str, _Why]) -> set[str]:
        return {_split(k)[1].split("|")[0] for k in keys if k[0] in "iw"}

    def is_org(keys: dict[str, _Why]) -> bool:
        return bool(keys) and not families(keys)

    if not keys_a or not keys_b:
        return "nothing in one of the names to compare"
    if is_org(keys_a) and is_org(keys_b):
        return "different organisation names"
    if is_org(keys_a) or is_org(keys_b):
        return "one reads as a person and the other as an organisation"
    if families(keys_a) & families(keys_b):
        return "same family name but different given names"
    return "different family names"


# --- Analysis ----------------------------------------------------------------------------------
def _analyse(name: str) -> dict[str, _Why]:
    keys: dict[str, _Why] = {}
    for alias in _AKA.split(name or ""):
        _analyse_one(alias, keys)
    return keys


def _analyse_one(text: str, keys: dict[str, _Why]) -> None:
    text = _clean(text)
    if not normalise_name(text):
        return
    without_asides = _ASIDE.sub(" ", text)
    if _looks_like_org(text) or _looks_like_org(without_asides):
        # For organisations an aside is part of the name ("Department of Corrections
        # (Mississippi)"), or a qualifier that may be missing elsewhere: key both readings.
        for body in _org_bodies(text) | _org_bodies(without_asides):
            keys.setdefault(f"o:{body}", _Why("", "", "org"))
        return
    # Person asides: 'Robert "Bobby" Smith', 'Maria Lopez (née Garcia)', 'Juan Perez (Juan
    # Sanchez)': a nickname, a maiden name, or a whole other name.
    extra_givens: list[str] = []
    extra_families: list[str] = []
    for quoted, bracketed in _ASIDE.findall(text):
        aside = (quoted or bracketed).strip()
        if _MAIDEN.match(aside):
            extra_families += normalise_name(_MAIDEN.sub("", aside)).split()
        elif len(normalise_name(aside).split()) == 1:
            extra_givens.append(normalise_name(aside))
        elif aside:
            _analyse_one(aside, keys)
    person = _parse_person(without_asides)
    if person is None:
        return
    person.givens += [g for g in extra_givens if len(g) > 1]
    person.families += extra_families
    _person_keys(person, keys)


def _clean(text: str) -> str:
    # Possessives and apostrophes: "Sheriff's" -> "Sheriff", "O'Brien" -> "OBrien".
    return _APOSTROPHE.sub("", _POSSESSIVE.sub("", text))


def _words(text: str) -> list[list[str]]:
    """Normalised words, each as its hyphen-joined pieces ("López-García" -> [lopez, garcia])."""
    text = _HYPHEN.sub("-", text).replace(".", ". ")
    words = []
    for raw in text.split():
        pieces = [w for piece in raw.split("-") for w in normalise_name(piece).split()]
        if pieces:
            words.append(pieces)
    return words


def _single(word: list[str], vocabulary: frozenset[str]) -> bool:
    return len(word) == 1 and word[0] in vocabulary


def _strip(words: list[list[str]]) -> tuple[list[list[str]], bool]:
    """Drop leading titles and any later suffixes; also report whether there was a title."""
    titled = False
    while len(words) > 1 and _single(words[0], _TITLES):
        if _single(words[0], _TITLES_NEEDING_TWO) and len(words) < 3:
            break
        words, titled = words[1:], True
    kept = [w for i, w in enumerate(words) if i == 0 or not _single(w, _SUFFIXES)]
    return kept, titled


def _units(words: list[list[str]]) -> list[_Unit]:
    """Surname-side words grouped with their particles (never called on the given name)."""
    units: list[_Unit] = []
    pending: list[str] = []
    for i, word in enumerate(words):
        if _single(word, _PARTICLES) and i < len(words) - 1:
            pending.append(word[0])
            continue
        forms = list(word)
        if pending:
            forms.append("".join(pending) + "".join(word))
        units.append(_Unit(pieces=word, forms=forms, marked_family=bool(pending) or len(word) > 1))
        pending = []
    return units


def _given_spellings(word: list[str]) -> list[str]:
    # "Jean-Luc" is written "Jean-Luc", "Jeanluc" and "Jean": keep the joined and first piece.
    return list(dict.fromkeys([word[0], "".join(word)])) if len(word) > 1 else [word[0]]


def _parse_person(text: str) -> _Person | None:
    parts = [p for p in text.split(",") if _strip(_words(p))[0]]
    # A part that is only "Jr." or "Esq." is not a given name ("John Smith, Jr.").
    parts = [p for p in parts if not all(_single(w, _SUFFIXES) for w in _words(p))] or parts
    if not parts:
        return None
    person = _Person()
    if len(parts) >= 2:
        # "Lopez Garcia, Maria Elena": everything before the comma is family name.
        family_words, titled_f = _strip(_words(parts[0]))
        given_words, titled_g = _strip(_words(parts[1]))
        person.titled = titled_f or titled_g
        person.words = [p for w in family_words + given_words for p in w]
        family_units = [u for u in _units(family_words) if not u.initial]
        person.families = [f for u in family_units for f in u.forms]
        _set_given(person, given_words[0])
        person.middles = [w[0] for w in given_words[1:] if len(w[0]) > 1]
        person.compound = len(family_units) > 1 or any(len(u.pieces) > 1 for u in family_units)
        return person
    words, person.titled = _strip(_words(parts[0]))
    if not words:
        return None
    person.words = [p for w in words for p in w]
    if len(words) == 1:
        person.families = list(dict.fromkeys([*words[0], "".join(words[0])]))
        return person
    _set_given(person, words[0])
    units = _units(words[1:])
    # "María López G.": a trailing initial is an abbreviated second surname, not a family name.
    while len(units) > 1 and units[-1].initial:
        units.pop()
    # Walk back from the last word: earlier words are surnames too ("López García") until a
    # known given name or an initial says the middle names have started ("María Elena López").
    first_family = len(units) - 1
    while first_family > 0:
        unit = units[first_family - 1]
        if unit.initial or (not unit.marked_family and unit.pieces[0] in _KNOWN_GIVEN):
            break
        first_family -= 1
    family_units = units[first_family:]
    person.families = list(dict.fromkeys(f for u in family_units for f in u.forms))
    person.compound = len(family_units) > 1 or any(len(u.pieces) > 1 for u in family_units)
    middle_units = [u for u in units[:first_family] if not u.initial]
    person.middles = [u.pieces[0] for u in middle_units]
    person.middle_families = [f for u in middle_units for f in u.forms]
    return person


def _set_given(person: _Person, word: list[str]) -> None:
    if len(word) == 1 and len(word[0]) == 1:
        person.initial = word[0]
    else:
        person.givens = _given_spellings(word)


def _groups(given: str) -> frozenset[str]:
    return _GROUPS.get(given, frozenset({given}))


def _person_keys(person: _Person, keys: dict[str, _Why]) -> None:
    compound = person.compound
    given_groups = [(g, group) for g in person.givens for group in sorted(_groups(g))]

    def add(key: str, why: _Why) -> None:
        keys.setdefault(key, why)

    for family in person.families:
        add(f"i:{family}|*", _Why(family, "", "family", compound))
        if given_groups:
            for given, group in given_groups:
                add(f"s:{family}|{group}", _Why(family, given, "given", compound))
                add(f"i:{family}|{given[0]}", _Why(family, given, "initial", compound))
                add(f"i:{family}|{group[0]}", _Why(family, given, "initial", compound))
        elif person.initial:
            add(f"w:{family}|{person.initial}", _Why(family, person.initial, "initial", compound))
            add(f"i:{family}|{person.initial}", _Why(family, person.initial, "initial", compound))
        else:
            add(f"w:{family}|*", _Why(family, "", "family", compound))
        # Ambiguous reading 1: the person goes by a middle name ("J. Robert Smith").
        for middle in person.middles:
            for group in sorted(_groups(middle)):
                add(f"m:{family}|{group}", _Why(family, middle, "middle-given", compound))
    # Ambiguous reading 2: a "middle name" was really the first surname ("Ana Sofía Rivera"
    # may be Ana, of the Sofía and Rivera families, in a register that splits names oddly).
    for family in person.middle_families:
        for given, group in given_groups:
            add(f"m:{family}|{group}", _Why(family, given, "middle-family"))
    # The whole name as a word set, so it can meet an organisation's key: strong ("o") when it
    # may well be an organisation ("Acme Widgets", "Walmart"), weak ("u") for a clear person.
    plausible_person = (
        person.titled or bool(person.initial) or any(g in _KNOWN_GIVEN for g in person.givens)
    )
    kind = "u" if plausible_person else "o"
    for body in _org_bodies(" ".join(person.words), person=True):
        add(f"{kind}:{body}", _Why("", "", "words"))


def _org_tokens(text: str) -> list[str]:
    tokens = normalise_name(_clean(text)).split()
    # "L.L.C." and "U.S." come out as runs of single letters: join each run back up.
    joined: list[str] = []
    in_run = False
    for token in tokens:
        if len(token) == 1 and in_run:
            joined[-1] += token
        else:
            joined.append(token)
            in_run = len(token) == 1
    return joined


def _looks_like_org(text: str) -> bool:
    tokens = [_ORG_ABBREVIATIONS.get(t, t) for t in _org_tokens(text)]
    if not tokens:
        return False
    if set(tokens) & _LEGAL_FORMS:
        return True
    # A leading title is a person's ("Sheriff Tyrone Lewis"), unless organisation words follow.
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens = tokens[1:]
    hits = {t for i, t in enumerate(tokens) if t in _ORG_WORDS and (i > 0 or t != "co")}
    if not hits:
        return False
    # "Mary Church", "Margaret Court": a known given name and a surname-like org word.
    return not (tokens[0] in _KNOWN_GIVEN and len(tokens) <= 4 and hits <= _AMBIGUOUS_ORG_WORDS)


def _org_bodies(text: str, *, person: bool = False) -> set[str]:
    """Organisation keys' bodies; person=True for a person's words (where "So" is a surname)."""
    options: list[list[str]] = []
    for word in _org_tokens(text):
        if person:
            options.append([word])
        elif word == "co" and sum(len(o) > 1 for o in options) < _MAX_AMBIGUOUS:
            # "Hinds Co. Sheriff" means county; "Acme Co." means company (dropped): keep both.
            options.append(["county", ""])
        elif word == "co":
            options.append(["county"])
        elif word == "so":
            options.append(["sheriff"])
        else:
            mapped = _ORG_ABBREVIATIONS.get(word, word)
            options.append(["" if mapped in _ORG_DROP else mapped])
    bodies: set[str] = set()
    for choice in itertools.product(*options):
        words = {w for w in choice if w}
        if words & _AGENCY_HEADS:
            words -= _AGENCY_FILLER
        if words:
            bodies.add(" ".join(sorted(words)))
    if not bodies:
        fallback = normalise_name(text)
        if fallback:
            bodies.add(" ".join(sorted(set(fallback.split()))))
    return bodies
