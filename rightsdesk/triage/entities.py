"""Who a complaint is about: responsible-party names resolved to stable entity keys.

People name the same agency in many ways ("Hinds Co. SO", "HCSO deputies", "los del sheriff de
Hinds", "hinds county sherif"); patterns across complaints are only visible once those collapse to
one key ("sheriff:hinds"). Everything here is pure: no database, no network. The geography comes
from ``rightsdesk.geo.places`` (offline tables).

Keys look like ``"<namespace>:<slug>"``: ``sheriff:hinds``, ``police:jackson``,
``jail:rankin``, ``federal:ice``, ``state:mhp``, ``city:columbus``, ``county:jackson``,
``court:indianola-municipal``, ``school:...``, ``person:...`` and, for everything else,
``org:<normalised name>``. A generic description with no proper name in it ("Catfish processing
plant") only identifies something together with the place, so it is keyed
``org:<county>:<words>``; with no place it is None.

Staff merge and split entities in the database layer; :func:`apply_overrides` applies their
decisions (a mapping of merged key -> canonical key) here, and :class:`EntityIndex` honours them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rightsdesk.geo.places import County, counties, county_by_name, county_for_city, municipalities

__all__ = [
    "KINDS",
    "Entity",
    "EntityIndex",
    "apply_overrides",
    "clear_caches",
    "complaint_entities",
    "fold",
    "resolve_party",
]

KINDS = frozenset(
    {"sheriff", "police", "jail", "federal", "state", "city", "county", "school", "business"}
    | {"person", "org"}
)


@dataclass(frozen=True)
class Entity:
    key: str  # stable identity, e.g. "sheriff:hinds"
    label: str  # readable English name, e.g. "Hinds County Sheriff's Office"
    kind: str  # one of KINDS


# --------------------------------------------------------------------------------------------
# Text normalisation


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces ("Policía de Jackson" -> "policia de
    jackson"). Apostrophes and periods join ("Sheriff's" -> "sheriffs", "H.C.S.O." -> "hcso")."""
    # encode/decode drops combining marks in C; far faster than a per-character filter, which
    # matters for 20,000-character narratives times 100,000 complaints.
    text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    text = re.sub(r"['`.]", "", text).replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _slug(words: Iterable[str]) -> str:
    return "-".join(w for w in words if w)


# Articles, prepositions and possessives (English and Spanish): never identifying.
_STOP = frozenset(
    "the a an la el los las lo un una unos unas del de of al a y and e en in at on from by for "
    "to para por con with my mi mis our nuestro nuestra nuestros su sus their his her its "
    "some algunos algunas that those these ese esa esos esas este esta estos estas who que "
    "former ex old new previous anterior antiguo antigua".split()
)

# A party given only as one of these identifies nobody.
_VAGUE = frozenset(
    "them they ellos ellas he she him her it someone somebody alguien unknown desconocido "
    "desconocidos desconocida nobody nadie everyone everybody todos people gente persona "
    "personas man woman men women guy guys lady hombre hombres mujer mujeres senor senora "
    "senores muchacho muchacha friend friends amigo amiga amigos neighbor neighbour neighbors "
    "vecino vecina vecinos seller buyer vendedor comprador private individual person stranger "
    "extrano relative pariente husband wife esposo esposa boyfriend girlfriend novio novia "
    "landlord landlady casero casera dueno duena owner owners boss jefe jefa patron patrona "
    "coworker coworkers companero companera sir maam na n none nothing no se know sure idk i "
    "dont don t not tipo tipos".split()
)

# Words that describe a kind of place or business but name none in particular.
_GENERIC = frozenset(
    """
    shop store tienda barber barbershop salon beauty hair nail nails restaurant restaurante cafe
    bar grill diner club hotel motel inn front desk clerk cashier counter mostrador employee
    employees empleado empleada empleados staff worker workers trabajador manager managers
    gerente supervisor supervisora foreman capataz owner owners dueno duena company companies
    compania empresa business negocio corporation firm agency agencia plant planta factory
    fabrica processing procesadora processor mariscos seafood catfish poultry chicken pollo
    meat carne packing warehouse almacen distribution center centro farm granja rancho ranch
    field campo dealership car cars auto autos used dealer carros mechanic taller garage gas
    station gasolinera pharmacy farmacia drugstore clinic clinica hospital medical doctor
    doctors nurse nurses dentist office oficina offices bank banco loan loans lender lending
    title pawn insurance aseguradora apartment apartments complex apartamentos apartamento
    housing vivienda rental rentals rent property properties management mobile home homes park
    trailer casa house landlord casero realty real estate church iglesia pastor casino
    grocery supermarket supermercado market mercado mall laundry laundromat lavanderia daycare
    guarderia nursing care facility home cleaning construction construccion contractor
    contratista crew trucking transport transporte delivery school escuela university
    universidad college colegio district distrito disability disabilities services service
    servicios department departamento program programa front main local the private public
    publico publica former my owner's desk staff personnel security guard guards guardia
    seguridad town city county state
    """.split()
)

# Words that mark a business (kind "business" rather than "org" for the fallback).
_BUSINESS_WORDS = frozenset(
    """
    inc llc corp corporation company co ltd lp llp pllc store shop tienda restaurant hotel motel
    apartments apartment plant factory dealership pharmacy farmacia market grocery bank loans
    realty rentals properties management trucking construction foods farms salon barbershop
    """.split()
)

# Abbreviations in business and agency names, expanded before comparing.
_EXPAND: dict[str, tuple[str, ...]] = {
    "co": ("county",),  # "Hinds Co." (undone for businesses: see _org_words)
    "cnty": ("county",),
    "cty": ("county",),
    "condado": ("county",),
    "sheriffs": ("sheriff",),
    "sherif": ("sheriff",),
    "sherifs": ("sheriff",),
    "sherrif": ("sheriff",),
    "sherriff": ("sheriff",),
    "sherrifs": ("sheriff",),
    "sheriffe": ("sheriff",),
    "cherif": ("sheriff",),
    "cherife": ("sheriff",),
    "sherife": ("sheriff",),
    "shf": ("sheriff",),
    "shrf": ("sheriff",),
    "alguacil": ("sheriff",),
    "alguaciles": ("sheriff",),
    "deputies": ("deputy",),
    "deputys": ("deputy",),
    "dep": ("deputy",),
    "diputados": ("deputy",),
    "diputado": ("deputy",),
    "dept": ("department",),
    "dpt": ("department",),
    "depto": ("department",),
    "departamento": ("department",),
    "ofc": ("office",),
    "oficina": ("office",),
    "policia": ("police",),
    "policias": ("police",),
    "cops": ("police",),
    "cop": ("police",),
    "pd": ("police", "department"),
    "carcel": ("jail",),
    "jails": ("jail",),
    "prision": ("prison",),
    "penitenciaria": ("penitentiary",),
    "patrulla": ("patrol",),
    "patrullas": ("patrol",),
    "carreteras": ("highway",),
    "carretera": ("highway",),
    "caminos": ("highway",),
    "hwy": ("highway",),
    "escuela": ("school",),
    "escuelas": ("schools",),
    "escolar": ("school",),
    "distrito": ("district",),
    "universidad": ("university",),
    "univ": ("university",),
    "ciudad": ("city",),
    "alcalde": ("mayor",),
    "corte": ("court",),
    "juzgado": ("court",),
    "tribunal": ("court",),
    "juez": ("judge",),
    "jueza": ("judge",),
    "inmigracion": ("immigration",),
    "agentes": ("agents",),
    "agente": ("agents",),
    "agent": ("agents",),
    "officers": ("officer",),
    "oficiales": ("officer",),
    "oficial": ("officer",),
    "apts": ("apartments",),
    "apt": ("apartments",),
    "aptos": ("apartments",),
    "mgmt": ("management",),
    "mgt": ("management",),
    "svc": ("services",),
    "svcs": ("services",),
    "ctr": ("center",),
    "cntr": ("center",),
    "centre": ("center",),
    "intl": ("international",),
    "bros": ("brothers",),
    "assn": ("association",),
    "assoc": ("association",),
    "natl": ("national",),
    "mfg": ("manufacturing",),
    "hosp": ("hospital",),
    "univ.": ("university",),
    "mt": ("mount",),
    "ft": ("fort",),
}

# Vocabulary that misspellings are corrected towards (first letter must match, see _correct).
_VOCAB = (
    "sheriff county department office deputy police jail detention patrol highway immigration "
    "enforcement customs penitentiary correctional municipal apartments university district "
    "school center management services international association"
).split()

_KNOWN = (
    _STOP
    | _VAGUE
    | _GENERIC
    | _BUSINESS_WORDS
    | frozenset(_EXPAND)
    | frozenset(_VOCAB)
    | frozenset("officer officers agents detention correctional facility schools".split())
)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of neighbours as one edit ("pien" / "pine"), or limit + 1
    as soon as it must exceed limit. Banded, so O(len * limit) rather than O(len^2)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    over = limit + 1
    width = len(b) + 1
    before_previous: list[int] = []
    previous = [min(j, over) for j in range(width)]
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        current = [over] * width
        current[0] = min(i, over)
        best = current[0]
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cb = b[j - 1]
            value = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (0 if ca == cb else 1)
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before_previous[j - 2] + 1)
            current[j] = min(value, over)
            best = min(best, value)
        if best > limit:
            return over
        before_previous, previous = previous, current
    return previous[len(b)]


@lru_cache(maxsize=8192)
def _correct(token: str) -> str:
    """A misspelt agency word corrected ("sherrif" -> "sheriff", "polise" -> "police")."""
    if len(token) < 5 or token in _KNOWN or token.isdigit():
        return token
    limit = 1 if len(token) < 7 else 2
    # Same first letter: people rarely misspell the start of a word, and it keeps
    # proper names such as "Hinds" from drifting into vocabulary.
    for word in _VOCAB:
        if word[0] == token[0] and _edit_distance(token, word, limit) <= limit:
            return word
    return token


def _tokens(folded: str) -> list[str]:
    """Folded words with abbreviations expanded and agency words spelled right (stopwords kept,
    so "sheriff de Hinds" keeps its preposition for _find_county)."""
    words = folded.split()
    out: list[str] = []
    for i, word in enumerate(words):
        if word == "so" and out and (out[-1] == "county" or i == len(words) - 1):
            # "Hinds Co. SO": the sheriff's office, not the English word.
            out.extend(("sheriff", "office"))
            continue
        expanded = _EXPAND.get(word)
        if expanded:
            out.extend(expanded)
        else:
            out.append(_correct(word))
    return out


# --------------------------------------------------------------------------------------------
# Geography


@dataclass(frozen=True)
class _Place:
    key: str  # slug, e.g. "ocean-springs"
    name: str  # display, e.g. "Ocean Springs"


def _place_compact(words: Iterable[str]) -> str:
    expanded = {"st": "saint", "mt": "mount", "ft": "fort"}
    return "".join(expanded.get(w, w) for w in words)


@lru_cache(maxsize=1)
def _municipality_index() -> dict[str, _Place]:
    index: dict[str, _Place] = {}
    for name in municipalities():
        words = fold(name).split()
        index[_place_compact(words)] = _Place(_slug(words), name)
    return index


@lru_cache(maxsize=1)
def _county_initials() -> dict[str, list[County]]:
    """ "h" -> [Hancock, Harrison, Hinds, ...], "jd" -> [Jefferson Davis]."""
    by_initials: defaultdict[str, list[County]] = defaultdict(list)
    for county in counties():
        by_initials["".join(word[0] for word in fold(county.name).split())].append(county)
    return dict(by_initials)


# Agency acronyms whose initial letter fits several counties: the most populous, as people
# in Jackson mean Hinds by "HCSO". Context from incident.where always wins over this.
_DEFAULT_COUNTY_FOR_INITIALS = {
    "h": "Hinds",
    "d": "DeSoto",
    "m": "Madison",
    "r": "Rankin",
    "j": "Jackson",
    "l": "Lee",
    "f": "Forrest",
}
_DEFAULT_CITY_FOR_POLICE_ACRONYM = {
    "jpd": "Jackson",
    "hpd": "Hattiesburg",
    "gpd": "Gulfport",
    "bpd": "Biloxi",
    "spd": "Southaven",
    "mpd": "Meridian",
    "tpd": "Tupelo",
}


@lru_cache(maxsize=512)
def _fuzzy_county(word: str) -> County | None:
    if len(word) < 5:
        return None
    found = [
        c
        for c in counties()
        if fold(c.name).replace(" ", "")[0] == word[0]
        and _edit_distance(fold(c.name).replace(" ", ""), word, 1) <= 1
    ]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=512)
def _fuzzy_place(compact: str) -> _Place | None:
    if len(compact) < 6:
        return None
    index = _municipality_index()
    found = [
        place
        for key, place in index.items()
        if key[0] == compact[0] and _edit_distance(key, compact, 1) <= 1
    ]
    return found[0] if len(found) == 1 else None


# Words after which a county/city name is explicitly "the X one".
_PLACE_PREPOSITIONS = frozenset({"de", "del", "of"})
_AGENCY_WORDS = frozenset(
    "sheriff deputy office police department jail prison detention correctional court city "
    "patrol school schools district mayor council officer agents".split()
)


# How a county is named: with the word "county" ("Hinds County", "condado de Hinds"), next to an
# agency word or after a preposition ("Rankin deputies", "sheriff de Hinds"), or just present.
MARKED, ADJACENT, BARE = 2, 1, 0


def _find_county(tokens: list[str]) -> tuple[County | None, int]:
    """County named in the tokens and how strongly (MARKED, ADJACENT or BARE): "Sheriff Jones"
    may be a sheriff called Jones, so a bare county word loses to incident.where."""
    bare: County | None = None
    adjacent: County | None = None
    n = len(tokens)
    for i, word in enumerate(tokens):
        if word != "county":
            continue
        # "Hinds County" / "Jefferson Davis County", then "condado (de) Attala".
        for size in (2, 1):
            if i - size >= 0:
                found = county_by_name(" ".join(tokens[i - size : i]))
                if found:
                    return found, MARKED
        j = i + 1
        while j < n and tokens[j] in _PLACE_PREPOSITIONS:
            j += 1
        for size in (2, 1):
            if j + size <= n:
                found = county_by_name(" ".join(tokens[j : j + size]))
                if found:
                    return found, MARKED
        for k in (i - 1, j):
            if 0 <= k < n and tokens[k] not in _KNOWN:
                found = _fuzzy_county(tokens[k])
                if found:
                    return found, MARKED
    for i in range(n):
        if tokens[i] in _STOP or tokens[i] in _AGENCY_WORDS:
            continue
        for size in (2, 1):
            if i + size > n:
                continue
            found = county_by_name(" ".join(tokens[i : i + size]))
            if not found:
                continue
            before = tokens[i - 1] if i else ""
            after = tokens[i + size] if i + size < n else ""
            if before in _PLACE_PREPOSITIONS or after in _AGENCY_WORDS:
                adjacent = adjacent or found
            bare = bare or found
            break
    if adjacent is not None:
        return adjacent, ADJACENT
    return bare, BARE


def _find_place(tokens: list[str], *, fuzzy: bool = True) -> _Place | None:
    """First Mississippi place name among the tokens (longest match first)."""
    index = _municipality_index()
    words = [t for t in tokens if t not in _STOP]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            chunk = words[i : i + size]
            if any(w in _AGENCY_WORDS or w in _GENERIC for w in chunk):
                continue
            place = index.get(_place_compact(chunk))
            if place:
                return place
    if fuzzy:
        for word in words:
            if word not in _KNOWN:
                place = _fuzzy_place(word)
                if place:
                    return place
    return None


def _context_place(city: str) -> _Place | None:
    if not city.strip():
        return None
    words = fold(re.sub(r",\s*(ms|miss|mississippi)\.?\s*$", "", city, flags=re.IGNORECASE))
    place = _municipality_index().get(_place_compact(words.split()))
    if place:
        return place
    return _Place(_slug(words.split()), city.strip().title()) if words else None


def _county_slug(county: County) -> str:
    return _slug(fold(county.name).split())


# --------------------------------------------------------------------------------------------
# Agencies


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b")


# Checked in order against the name's words with articles and prepositions removed ("la
# patrulla de carreteras" -> "patrol highway"); more specific phrases first (an immigration
# court is not ICE; CBP mentions "customs" too).
_FEDERAL: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("federal:eoir", "Immigration Court (EOIR)", _rx(r"immigration court|court immigration|eoir")),
    (
        "federal:cbp",
        "U.S. Customs and Border Protection",
        _rx(r"cbp|border patrol|patrol fronteriza|customs border protection|frontera"),
    ),
    (
        "federal:ice",
        "U.S. Immigration and Customs Enforcement (ICE)",
        _rx(
            r"migra|immigration customs enforcement|hsi|homeland security investigations|ero|"
            r"enforcement removal operations|immigration"
        ),
    ),
    (
        "federal:dhs",
        "U.S. Department of Homeland Security",
        _rx(r"dhs|homeland security|seguridad nacional"),
    ),
    ("federal:fbi", "Federal Bureau of Investigation", _rx(r"fbi|federal bureau investigation")),
    ("federal:dea", "Drug Enforcement Administration", _rx(r"dea|drug enforcement")),
    ("federal:atf", "ATF", _rx(r"atf|alcohol tobacco")),
    ("federal:usms", "U.S. Marshals Service", _rx(r"marshals?|us marshal")),
    (
        "federal:fema",
        "Federal Emergency Management Agency (FEMA)",
        _rx(r"fema|federal emergency management"),
    ),
    ("federal:hud", "U.S. Department of Housing and Urban Development", _rx(r"hud|housing urban")),
    ("federal:ssa", "Social Security Administration", _rx(r"ssa|social security|seguro social")),
    ("federal:va", "U.S. Department of Veterans Affairs", _rx(r"veterans affairs|va hospital")),
    ("federal:eeoc", "EEOC", _rx(r"eeoc|equal employment opportunity")),
)

_STATE: tuple[tuple[str, str, str, re.Pattern[str]], ...] = (
    (
        "jail:parchman",
        "Mississippi State Penitentiary (Parchman)",
        "jail",
        _rx(r"parchman|state penitentiary|penitentiary mississippi|msp"),
    ),
    (
        "state:mhp",
        "Mississippi Highway Patrol",
        "state",
        _rx(
            r"mhp|highway patrol|patrol highway|state troopers?|troopers?|state patrol|"
            r"patrol estatal|highway safety patrol"
        ),
    ),
    (
        "state:mdoc",
        "Mississippi Department of Corrections",
        "state",
        _rx(r"mdoc|department corrections|department correcciones|corrections department"),
    ),
    (
        "state:mdhs",
        "Mississippi Department of Human Services",
        "state",
        _rx(r"mdhs|department human services|human services department|servicios humanos"),
    ),
    (
        "state:mdes",
        "Mississippi Department of Employment Security",
        "state",
        _rx(r"mdes|employment security"),
    ),
    ("state:medicaid", "Mississippi Division of Medicaid", "state", _rx(r"medicaid")),
    ("state:mbn", "Mississippi Bureau of Narcotics", "state", _rx(r"mbn|bureau narcotics")),
    (
        "state:dps",
        "Mississippi Department of Public Safety",
        "state",
        _rx(r"department public safety|dps"),
    ),
)

_SHERIFF_WORDS = frozenset({"sheriff", "deputy"})
_POLICE_WORDS = frozenset({"police"})
_JAIL_RX = _rx(
    r"jail|prison|lockup|detention center|detention facility|adult detention|"
    r"correctional center|correctional facility|juvenile detention|detention"
)
_COURT_WORDS = frozenset({"court", "judge"})
_CITY_WORDS = frozenset({"city", "mayor", "council", "aldermen", "town", "municipality"})
_COUNTY_GOV_RX = _rx(
    r"county|supervisors|chancery clerk|circuit clerk|tax assessor|tax collector|coroner|"
    r"constable"
)
_SCHOOL_WORDS = frozenset(
    {"school", "schools", "university", "college", "academy", "district", "campus"}
)
_PERSON_MARKERS = frozenset({"mr", "mrs", "dr", "sr", "sra", "srta", "don", "dona", "miss"})
_LEGAL_SUFFIXES = frozenset(
    "inc incorporated llc lc ltd lp llp pllc corp corporation co company the".split()
)


def _sheriff_acronym(tokens: list[str]) -> str | None:
    """Initials of an "xCSO"-style acronym ("hcso" -> "h", "jdcso" -> "jd")."""
    for token in tokens:
        match = re.fullmatch(r"([a-z]{1,2})cso", token)
        if match:
            return match.group(1)
    return None


def _county_from_initials(initials: str, context: County | None) -> County | None:
    candidates = _county_initials().get(initials, [])
    if context is not None and context in candidates:
        return context
    if len(candidates) == 1:
        return candidates[0]
    default = _DEFAULT_COUNTY_FOR_INITIALS.get(initials)
    return county_by_name(default) if default else None


def _sheriff(county: County) -> Entity:
    return Entity(
        f"sheriff:{_county_slug(county)}", f"{county.name} County Sheriff's Office", "sheriff"
    )


def _pick_county(
    tokens: list[str], context: County | None, city_context: _Place | None
) -> County | None:
    """The county an agency name refers to: explicit in the name, else incident.where, else a
    bare county word in the name, else a city named in it, else the incident city's county."""
    found, strength = _find_county(tokens)
    if found is not None and strength > BARE:
        return found
    if context is not None:
        return context
    if found is not None:
        return found
    place = _find_place(tokens)
    if place is not None:
        return county_for_city(place.name)
    if city_context is not None:
        return county_for_city(city_context.name)
    return None


def _generic_only(words: list[str]) -> bool:
    return all(w in _GENERIC or w in _STOP or w in _VAGUE for w in words)


def _strip_parenthetical(text: str) -> str:
    return re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)


def _org_words(name: str) -> list[str]:
    """Normalised words of a business/organisation name: abbreviations expanded, legal
    suffixes and articles dropped ("The Pine Ridge Apts, LLC" -> pine ridge apartments)."""
    words = fold(_strip_parenthetical(name)).split() or fold(name).split()
    out: list[str] = []
    for word in words:
        if word in _LEGAL_SUFFIXES or word in _STOP:
            continue  # "co" is a legal suffix here, not "county"
        expanded = None if word in {"co", "cnty", "cty", "pd"} else _EXPAND.get(word)
        out.extend(expanded or (word,))
    return out


def _label(name: str) -> str:
    return " ".join(_strip_parenthetical(name).split()) or " ".join(name.split())


def _where_label(county: County | None, city: _Place | None) -> str:
    return f"{county.name} County" if county else city.name if city else ""


def _place_qualifier(county: County | None, city: _Place | None) -> str | None:
    if county is not None:
        return _county_slug(county)
    if city is not None:
        return city.key
    return None


def _school(
    tokens: list[str], name: str, county: County | None, city: _Place | None
) -> Entity | None:
    if "district" in tokens or "schools" in tokens:
        # "Neshoba County School District" / "distrito escolar" in Neshoba: the district.
        named_county, strength = _find_county(tokens)
        place = _find_place(tokens, fuzzy=False)
        target: County | None = named_county if strength == MARKED else None
        if target is None and place is not None:
            return Entity(f"school:{place.key}-district", f"{place.name} School District", "school")
        target = target or county
        if target is not None:
            return Entity(
                f"school:{_county_slug(target)}-county-district",
                f"{target.name} County School District",
                "school",
            )
    words = _org_words(name)
    if not words:
        return None
    if _generic_only(words):
        qualifier = _place_qualifier(county, city)
        if qualifier is None:
            return None
        return Entity(
            f"school:{qualifier}:{_slug(words)}",
            f"{_label(name)} ({_where_label(county, city)})",
            "school",
        )
    return Entity(f"school:{_slug(words)}", _label(name), "school")


# Names that are only these words lean on incident.where for the place ("the city council",
# "the county", "board of supervisors").
_CITY_GOV_ONLY = frozenset(
    "city town mayor council councilman councilwoman aldermen alderman hall president members "
    "board government officials official municipality office department".split()
)
_COUNTY_GOV_ONLY = frozenset(
    "county board supervisors supervisor clerk chancery circuit tax assessor collector coroner "
    "constable government officials official office department road administrator".split()
)
# The capitalised acronym, but not "ICE CREAM" on a shop sign.
_ICE_RX = re.compile(r"\bICE\b(?!\s*(?i:cream))")


# Names that say only "officers"/"agents": the role may say whose ("agents" + "de inmigración").
_UNSPECIFIED_OFFICERS = frozenset({"agents", "officer", "uniformed", "men", "plainclothes"})


def _resolve_uncached(name: str, county: County | None, city: _Place | None) -> Entity | None:
    folded = fold(name)
    if not folded or folded in _VAGUE:
        return None
    tokens = _tokens(folded)
    content = [t for t in tokens if t not in _STOP]
    if not content or all(t in _VAGUE for t in content):
        return None
    if set(content) <= _UNSPECIFIED_OFFICERS:
        return None  # "officers", "los agentes": whose? (resolve_party may ask the role)
    text = " ".join(content)
    content_set = set(content)

    # Federal. "ice" is also a word ("ice cream"): only the capitalised acronym, ICE alone,
    # or ICE next to agent words means the agency.
    if (
        _ICE_RX.search(name)
        or content == ["ice"]
        or re.search(r"\b(?:agents|officer) ice\b|\bice (?:agents|officer)\b", text)
    ):
        return Entity("federal:ice", "U.S. Immigration and Customs Enforcement (ICE)", "federal")
    for key, label, pattern in _FEDERAL:
        if pattern.search(text):
            return Entity(key, label, "federal")

    # State agencies (before police and jails: "highway patrol", "state penitentiary").
    for key, label, kind, pattern in _STATE:
        if pattern.search(text):
            return Entity(key, label, kind)

    named_county, strength = _find_county(tokens)

    # Jails: "Rankin County Jail", "la cárcel de Rankin", "Lowndes County Adult Detention Center".
    if _JAIL_RX.search(text):
        if named_county is not None and strength == MARKED:
            target: County | None = named_county
        elif content_set & {"city", "municipal"} and (_find_place(tokens) or city):
            place = _find_place(tokens) or city
            assert place is not None  # narrowed by the condition above
            return Entity(f"jail:{place.key}-city", f"{place.name} City Jail", "jail")
        else:
            target = _pick_county(tokens, county, city)
        if target is None:
            return None
        return Entity(f"jail:{_county_slug(target)}", f"{target.name} County Jail", "jail")

    # Sheriff: the word, deputies, "xCSO", or "county police" (what many call deputies).
    initials = _sheriff_acronym(content)
    if initials is not None:
        target = named_county if strength == MARKED else _county_from_initials(initials, county)
        return _sheriff(target) if target else None
    county_police = content_set & _POLICE_WORDS and (
        (named_county is not None and strength == MARKED)
        or ("county" in content_set and _find_place(tokens, fuzzy=False) is None)
    )
    if content_set & _SHERIFF_WORDS or county_police:
        target = _pick_county(tokens, county, city)
        return _sheriff(target) if target else None

    # City police: "Jackson Police Department", "JPD", "la policía de Jackson".
    acronym = next((t for t in content if re.fullmatch(r"[a-z]pd", t)), None)
    if acronym is not None:
        place: _Place | None
        if city is not None and city.key.startswith(acronym[0]):
            place = city
        else:
            default = _DEFAULT_CITY_FOR_POLICE_ACRONYM.get(acronym)
            place = _context_place(default) if default else None
        if place is None:
            return None
        return Entity(f"police:{place.key}", f"{place.name} Police Department", "police")
    if content_set & _POLICE_WORDS:
        place = _find_place(tokens) or city
        if place is None:
            rest = [t for t in content if t not in _AGENCY_WORDS and t not in _GENERIC]
            if not rest:
                return None
            place = _Place(_slug(rest), " ".join(rest).title())
        return Entity(f"police:{place.key}", f"{place.name} Police Department", "police")

    # Courts: municipal courts belong to the city, the others to the county.
    if content_set & _COURT_WORDS:
        if content_set & {"municipal", "city"}:
            place = _find_place(tokens) or city
            if place is not None:
                return Entity(
                    f"court:{place.key}-municipal", f"{place.name} Municipal Court", "city"
                )
        target = named_county if strength > BARE else county or named_county
        if target is None:
            return None
        level = next(
            (w for w in ("justice", "youth", "chancery", "circuit") if w in content_set), "county"
        )
        return Entity(
            f"court:{_county_slug(target)}-{level}",
            f"{target.name} County {level.title()} Court",
            "county",
        )

    # City government: "City of Jackson paratransit", "Columbus City Council president".
    if content_set & _CITY_WORDS:
        place = _find_place(tokens, fuzzy=False)
        if place is None and content_set <= _CITY_GOV_ONLY:
            place = city
        if place is not None:
            return Entity(f"city:{place.key}", f"City of {place.name}", "city")

    # Schools and universities.
    if content_set & _SCHOOL_WORDS:
        return _school(tokens, name, county, city)

    # County government: "Jackson County Circuit Clerk", "the board of supervisors".
    if _COUNTY_GOV_RX.search(text):
        target = named_county if strength == MARKED else None
        if target is None and content_set <= _COUNTY_GOV_ONLY:
            target = county
        if target is not None:
            return Entity(f"county:{_county_slug(target)}", f"{target.name} County", "county")

    # People: "Mr. Jones", "Dr. Smith". Unnamed people ("a man") were dropped above.
    words = _org_words(name)
    if content[0] in _PERSON_MARKERS:
        person = [w for w in words if w not in _PERSON_MARKERS]
        if not person or _generic_only(person):
            return None
        return Entity(f"person:{_slug(person)}", " ".join(name.split()), "person")

    words = [w for w in words if w not in _VAGUE] or words
    if not words or all(w in _STOP or w in _VAGUE for w in words):
        return None
    kind = "business" if (set(folded.split()) | set(words)) & _BUSINESS_WORDS else "org"
    if _generic_only(words):
        # "Catfish processing plant" names no plant in particular: with the county it is
        # probably the one plant there; without any place it identifies nothing.
        qualifier = _place_qualifier(county, city)
        if qualifier is None:
            return None
        return Entity(
            f"org:{qualifier}:{_slug(words)}",
            f"{_label(name)} ({_where_label(county, city)})",
            kind,
        )
    return Entity(f"org:{_slug(words)}", _label(name), kind)


@lru_cache(maxsize=65536)
def _resolve(name: str, county_name: str, city_name: str) -> Entity | None:
    county = county_by_name(county_name) if county_name else None
    city = _context_place(city_name)
    if county is None and city is not None:
        county = county_for_city(city.name)
    return _resolve_uncached(name, county, city)


def resolve_party(name: str, role: str = "", *, county: str = "", city: str = "") -> Entity | None:
    """The entity a responsible-party name refers to, or None when it identifies nobody.

    ``county`` and ``city`` come from incident.where and settle names that are ambiguous alone
    ("the sheriff", "deputies", "la policía"). ``role`` is only read when the name is just
    "agents"/"officers": "agents" whose role mentions immigration are ICE.
    """
    if not isinstance(name, str):
        return None
    county = county.strip() if isinstance(county, str) else ""
    city = city.strip() if isinstance(city, str) else ""
    entity = _resolve(name.strip()[:300], county, city)
    if entity is None and isinstance(role, str) and role.strip():
        content = [t for t in _tokens(fold(name)) if t not in _STOP]
        if content and set(content) <= _UNSPECIFIED_OFFICERS:
            return _resolve(f"{name.strip()[:300]} {role.strip()[:300]}", county, city)
    return entity


def _where(complaint: Mapping[str, Any]) -> tuple[str, str]:
    incident = complaint.get("incident")
    where = incident.get("where") if isinstance(incident, Mapping) else None
    if not isinstance(where, Mapping):
        return "", ""
    county = where.get("county")
    city = where.get("city")
    return (county if isinstance(county, str) else ""), (city if isinstance(city, str) else "")


def complaint_entities(complaint: Mapping[str, Any]) -> list[Entity]:
    """The distinct entities among a complaint's responsible parties, in the order named."""
    county, city = _where(complaint)
    parties = complaint.get("responsible_parties")
    seen: dict[str, Entity] = {}
    if not isinstance(parties, list):
        return []
    for party in parties:
        if not isinstance(party, Mapping):
            continue
        name, role = party.get("name"), party.get("role")
        entity = resolve_party(
            name if isinstance(name, str) else "",
            role if isinstance(role, str) else "",
            county=county,
            city=city,
        )
        if entity is not None and entity.key not in seen:
            seen[entity.key] = entity
    return list(seen.values())


def apply_overrides(key: str, overrides: Mapping[str, str]) -> str:
    """The canonical key for ``key`` after staff merges (a mapping merged key -> canonical key).

    Chains are followed ("org:a" -> "org:b" -> "org:c" gives "org:c"); a cycle, which a bad
    edit could create, resolves to its smallest key so the answer is still deterministic. A key
    mapped to itself is pinned: :class:`EntityIndex` will not fuzzy-merge it (a staff "split").
    """
    seen: list[str] = []
    current = key
    while current in overrides and current not in seen:
        seen.append(current)
        nxt = overrides[current]
        if nxt == current:
            return current
        current = nxt
    if current in seen:
        cycle = seen[seen.index(current) :]
        return min(cycle)
    return current


def clear_caches() -> None:
    """Forget memoised resolutions (benchmarks measure a cold start with this)."""
    _resolve.cache_clear()
    _correct.cache_clear()


# --------------------------------------------------------------------------------------------
# Fuzzy clustering of fallback names


def _similarity(a: str, b: str) -> float:
    """1 - edit distance / longer length, on the words as given and sorted (word order varies:
    "Apartments Pine Ridge"). Returns at most 0.85 quickly when the names cannot be close."""
    longest = max(len(a), len(b))
    if not longest:
        return 0.0
    limit = int(longest * 0.15)
    best = _edit_distance(a, b, limit)
    if best > limit:
        sa, sb = " ".join(sorted(a.split())), " ".join(sorted(b.split()))
        best = _edit_distance(sa, sb, limit)
    return 1.0 - best / longest


@lru_cache(maxsize=16384)
def _is_generic(word: str) -> bool:
    """A generic word, also when misspelt or plural ("catfsh", "processors")."""
    if word in _GENERIC or word.rstrip("s") in _GENERIC:
        return True
    if len(word) < 5 or word.isdigit():
        return False
    return any(
        g[0] == word[0] and len(g) >= 5 and _edit_distance(word, g, 1) <= 1 for g in _GENERIC
    )


def _distinctive(text: str) -> str:
    """The words that tell one business from another ("pine ridge" in "pine ridge apartments")."""
    return " ".join(w for w in text.split() if not _is_generic(w))


class EntityIndex:
    """Entities seen so far, with near-duplicate fallback names merged.

    Only ``org:`` keys are fuzzy-matched (agencies already have canonical keys). Each new name
    is compared only with names sharing a block, i.e. its first word or one of its distinctive
    words, within the same place qualifier, so adding is cheap at 100,000 names. The first name
    seen becomes the canonical one. Staff overrides (see :func:`apply_overrides`) are applied
    first and pinned keys are never fuzzy-merged.
    """

    # Bounds the comparisons per block so one very common first word cannot make adding slow.
    MAX_BLOCK_SCAN = 64

    def __init__(
        self, *, threshold: float = 0.85, overrides: Mapping[str, str] | None = None
    ) -> None:
        self.threshold = threshold
        self.overrides: Mapping[str, str] = overrides or {}
        self._canonical: dict[str, str] = {}  # every key seen -> canonical key
        self._entities: dict[str, Entity] = {}  # canonical key -> entity
        self._members: defaultdict[str, set[str]] = defaultdict(set)
        self._blocks: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
        self.counts: defaultdict[str, int] = defaultdict(int)

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, key: object) -> bool:
        return key in self._canonical

    def canonical(self, key: str) -> str:
        """Canonical key for any key seen (or, unseen, after overrides)."""
        return self._canonical.get(key) or apply_overrides(key, self.overrides)

    def entity(self, key: str) -> Entity | None:
        return self._entities.get(self.canonical(key))

    def clusters(self) -> dict[str, list[str]]:
        """Canonical key -> all keys merged into it (itself included), for review screens."""
        return {k: sorted(v) for k, v in self._members.items()}

    def resolve(
        self, name: str, role: str = "", *, county: str = "", city: str = ""
    ) -> Entity | None:
        entity = resolve_party(name, role, county=county, city=city)
        return self.add(entity) if entity is not None else None

    def add(self, entity: Entity) -> Entity:
        """Record an entity and return its canonical form."""
        known = self._canonical.get(entity.key)
        if known is not None:
            self.counts[known] += 1
            return self._entities[known]
        target = apply_overrides(entity.key, self.overrides)
        pinned = entity.key in self.overrides
        if not pinned and entity.key.startswith("org:"):
            target = self._nearest(entity.key) or target
        if target not in self._entities:
            # The canonical entity keeps the label of whichever name founded it.
            self._entities[target] = (
                entity if target == entity.key else Entity(target, entity.label, entity.kind)
            )
            self._canonical.setdefault(target, target)
            self._members[target].add(target)
            if target.startswith("org:"):
                # Only canonical names are compared against, so a chain of small typos
                # cannot drift from "Pine Ridge" to "Pine Grove".
                for block in self._block_keys(target):
                    self._blocks[block].append(target)
        self._canonical[entity.key] = target
        self._members[target].add(entity.key)
        self.counts[target] += 1
        return self._entities[target]

    @staticmethod
    def _split(key: str) -> tuple[str, str]:
        """("warren", "hotel") for "org:warren:hotel"; ("", "pine ridge apartments") otherwise."""
        qualifier, _, words = key[4:].rpartition(":")
        return qualifier, words.replace("-", " ")

    def _block_keys(self, key: str) -> list[tuple[str, str]]:
        qualifier, text = self._split(key)
        words = _distinctive(text).split() or text.split()[:1]
        # Each distinctive word, plus the first one's first two letters, so that one misspelt
        # word ("Pien Ridge", "Pine Rdge") still shares a block with the right name.
        blocks = [(qualifier, "w:" + w) for w in sorted(set(words), key=len, reverse=True)[:3]]
        if words:
            blocks.append((qualifier, "p:" + words[0][:2]))
        return blocks

    def _nearest(self, key: str) -> str | None:
        qualifier, text = self._split(key)
        digits = re.findall(r"\d+", text)
        distinctive = _distinctive(text)
        best_score, best_key = 0.0, None
        checked: set[str] = set()
        for block in self._block_keys(key):
            for other in reversed(self._blocks.get(block, [])[-self.MAX_BLOCK_SCAN :]):
                if other in checked:
                    continue
                checked.add(other)
                other_text = self._split(other)[1]
                # "Store 12" and "Store 13" are different stores however alike the names.
                if re.findall(r"\d+", other_text) != digits:
                    continue
                score = _similarity(text, other_text)
                if score < self.threshold or score <= best_score:
                    continue
                # The telling words must match too: "Magnolia Motors" vs "Magnolia Market"
                # differ only in a generic word but are different businesses, and a long
                # shared generic tail must not hide "Pine Ridge" vs "Pine Grove".
                other_distinctive = _distinctive(other_text)
                if (distinctive or other_distinctive) and (
                    _similarity(distinctive, other_distinctive) < self.threshold
                    # Typos keep a word's first letter; "Oak Hill" / "Oak Mill" are two places.
                    or sorted(w[0] for w in distinctive.split())
                    != sorted(w[0] for w in other_distinctive.split())
                ):
                    continue
                best_score, best_key = score, other
        return self._canonical[best_key] if best_key else None
