"""Word lists for complaint tagging, in English and Spanish.

Every pattern is matched against *normalised* text: casefolded, accents stripped (ñ -> n), curly
quotes straightened, with the same length as the original so that spans map back one to one. Write
patterns in plain lowercase ASCII ("detencion", "dueno"), never with accents. A `Cue` marked
`cased=True` is matched against the original text instead (for acronyms such as "ICE" that are
ordinary words in lowercase).

The lists are deliberately broad in vocabulary (Mississippi vernacular, common misspellings,
Spanish as written by people from Mexico and Central America) and narrow in construction: a class
word alone ("Mexican", "Black") is not enough, it has to appear in a construction that says the
treatment was because of it (LABELLING.md).
"""

from __future__ import annotations

from typing import NamedTuple


def _alt(*alternatives: str) -> str:
    """One regex alternation from clusters of alternatives (keeps the word lists readable)."""
    return "|".join(alternatives)


class Cue(NamedTuple):
    """One pattern and how to read it.

    negatable: drop the match when the start of its sentence denies or doubts it ("I'm not saying
        it was because...", "no nos preguntaron nada de papeles").
    hedgeable: drop the match when the start of its sentence makes it a fear, threat or
        possibility rather than an event ("afraid they will share it with immigration").
    weak: counts only where a government actor or an employer is responsible (an insult in a
        private dispute is not a class claim).
    skip_before: drop the match when the text just before it matches this (end-anchored) pattern.
    skip_sentence: drop the match when its sentence matches this pattern.
    skip_complaint: drop the match when any part of the complaint's story matches this pattern.
    """

    pattern: str
    negatable: bool = True
    hedgeable: bool = False
    weak: bool = False
    cased: bool = False
    skip_before: str | None = None
    skip_sentence: str | None = None
    skip_complaint: str | None = None


# Speed: start every top-level alternative with \b. Python's re scans an alternation of \b-led
# branches about ten times faster than one where a single branch starts otherwise.

# --- Shared fragments -------------------------------------------------------------------------

MONTHS_ES = _alt(
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre",
    r"diciembre",
)
WEEKDAYS_EN = _alt(
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday",
)
WEEKDAYS_ES = _alt(
    r"lunes|martes|miercoles|jueves|viernes|sabados?|domingos?",
)
RELATIVES_EN = _alt(
    r"son|daughter|husband|wife|brother|sister|mother|mom|mama|father|dad|nephew|niece|cousin",
    r"grandson|granddaughter|grandmother|grandfather|grandma|grandpa|uncle|aunt|partner|boyfriend",
    r"girlfriend|child|kid|fiance|fiancee|stepson|stepdaughter|baby|children|kids|parents?",
)
RELATIVES_ES = _alt(
    r"hij[oa]s?|espos[oa]|herman[oa]s?|mama|madre|papa|padre|sobrin[oa]|prim[oa]|niet[oa]|ti[oa]",
    r"pareja|novi[oa]|abuel[oa]|cunad[oa]|yerno|nuera|suegr[oa]|bebe|muchacho|muchacha|chamaco",
)

# Sentence openings that deny or doubt what follows.
NEGATION = _alt(
    (
        r"(?:\bnot|n't|\bnever)\s+(?:\w+\s+){0,2}(?:saying|say|said|claim\w*|think\w*|believe|sure|"
        r"know|suggest\w*|asked?|mention\w*)\b"
    ),
    r"\bnot\s+(?:because|about|due to|over)\b|\bnothing to do with\b",
    (
        r"\b(?:no one|nobody|nadie|nunca)\s+(?:\w+\s+){0,2}(?:asked|ask|said|mentioned|pregunt\w*|"
        r"pidi\w*|dijo|menciono)\b"
    ),
    (
        r"\bno\s+(?:\w+\s+){0,2}(?:digo|creo|se si|pienso|estoy segur\w+|pregunt\w*|pidi\w*|"
        r"pidieron|mencion\w*)\b"
    ),
    r"\bnada (?:de|sobre|acerca)\b|\bno (?:fue|es|era) por\b",
)

# Sentence openings that turn an event into a fear, a threat or a possibility.
HEDGE = _alt(
    (
        r"\b(?:afraid|fear\w*|scared|worr\w+|miedo|temor|tem\w+ que|could|might|may|would|"
        r"threat\w*|amenaz\w+|if|si|podria\w*|pueden|puede|quizas|tal vez)\b"
    ),
    r"\bno\s+(?:\w+\s+){0,2}(?:pase|pasen|compart\w+|share|give)\b",
)

# Sentences where an officer or clerk is only a bystander (LABELLING: do not tag them).
BYSTANDER = _alt(
    (
        r"\b(?:served|delivered|handed)\s+(?:me|us|him|her|"
        r"them)?\s*(?:with\s+)?(?:the\s+)?(?:papers|notice|summons|eviction)\b"
    ),
    r"\bstamped\b|\bsello\b|\bme entreg\w+ (?:los papeles|la notificacion|la demanda)\b",
    r"\bnotari\w+",
)

# --- Actors -----------------------------------------------------------------------------------
# Checked in this order; the first tag whose pattern matches a responsible party's name wins.
# `name` patterns read a responsible party's name (or role); `text` patterns read the narrative
# when the form names nobody usable, so they avoid words that are usually just places ("Scott
# County") or victims ("my husband").

ACTOR_ORDER = (
    "jail_prison",
    "federal_immigration",
    "school",
    "police",
    "state_government",
    "federal_other",
    "local_government",
    "housing_provider",
    "employer",
    "business",
    "individual",
)

_JAIL = _alt(
    r"\bjails?\b|\bprisons?\b|\bpenitentiary\b|\bparchman\b|\bcorrectional\b|\bcorrections\b",
    r"\bdetention\b|\bdetencion\b|\bcarcel\w*|\bprision\w*|\bpenal\b|\bcorecivic\b|\bgeo group\b",
    r"\bmdoc\b|\bwardens?\b|\bguards?\b|\bguardias?\b|\bchaplain\w*|\bcapellan\w*|\bcustodios?\b",
    r"\bwork center\b|\bprocessing center\b|\bholding (?:facility|cell)\b|\bbooking\b",
    r"\bdetainees?\b|\binmates?\b|\bpresos\b|\breos\b|\bcell ?block\b|\bcelda\w*|\bpods?\b",
    r"\bjuvenile (?:detention|justice|center|hall)\b|\bjustice center\b|\btraining school\b",
    r"\bcorreccional\w*|\bdetencion juvenil\b|\bcentro juvenil\b",
)

_ICE_LOWER = _alt(
    (
        r"\b(?:agentes?|oficiales?|officers?|agents?|migra|de|del|a|al|la|called|call|calling|"
        r"llam\w+|entreg\w+|to|with|by|and|y|por)\s+ice\b"
    ),
    (
        r"\bice (?:agents?|officers?|officials?|came|showed|arrested|detained|took|picked|raid\w*|"
        r"detainer|hold|facility|custody|office|checked|agentes|llego|llegaron|vino|vinieron)\b"
    ),
    r"\bice\b(?=\s*(?:$|[(,;/-]|y\b|and\b))",
)

_FED_IMM = _alt(
    r"\bi\.c\.e\b|\bimmigration and customs\b|\bhsi\b|\bhomeland security\b|\bdhs\b|\bcbp\b",
    r"\bcustoms and border\b|\bborder patrol\b|\bpatrulla fronteriza\b|\bla migra\b|\bmigra\b",
    r"\buscis\b",
    (
        r"\b(?:agentes?|oficiales?|agents?|officers?|oficina|departamento|"
        r"servicio)\s+(?:de\s+)?(?:inmigracion|immigration)\b"
    ),
    r"\b(?:inmigracion|imigracion|inmigrasion|imigrasion)\b(?!\s+(?:court|judge|lawyer|attorney))",
    r"\bimmigration\b(?!\s+(?:court|judge|lawyer|attorney|papers|status|documents?))",
    r"\benforcement and removal\b|\bfederales de inmigracion\b|\bmigracion\b",
)

_SCHOOL = _alt(
    r"\bschools?\b|\bschool district\b|\bdistrito escolar\b|\bescuelas?\b|\bcolegio\b",
    r"\buniversi(?:ty|ties|dad)\b|\bcolleges?\b|\bboard of education\b|\bprincipal\b|\bteachers?\b",
    r"\bmaestr[oa]s?\b|\bprofesor(?:a|es)?\b|\bprofessors?\b|\bsuperintendent\b|\bhead start\b",
    r"\bpreparatoria\b|\bsecundaria\b|\bprimaria\b|\bkindergarten\b|\bkinder\b|\bhigh school\b",
    r"\bmiddle school\b|\belementary\b|\bacademy\b|\bacademia\b|\bcounselor\b",
)

_POLICE_TEXT = _alt(
    r"\bpolice\b|\bpolicias?\b|\bpolicia\w*|\bofficers?\b|\bcops?\b|\bsheriff\w*|\bsherif[fe]?\b",
    r"\bcherif\w*|\bdeput(?:y|ies)\b|\balguacil\w*|\bhighway patrol\b|\bpatrulla de caminos\b",
    r"\btroopers?\b|\bpatrol(?:man|men)?\b|\bpatrulla\b(?!\s+fronteriza)|\bpatrullas\b",
    r"\bconstables?\b|\bmarshals?\b|\bdetectives?\b|\bk-?9\b|\bswat\b|\bnarcotics\b|\bmbi\b",
    r"\bbureau of investigation\b|\btask force\b|\bjpd\b|\blos del sheriff\b",
    r"\bla ley\b(?=\s+(?:me|nos|lo|la|los|les|llego|vino|vinieron|paro))",
    r"\bthe law\b(?=\s+(?:came|showed|pulled|stopped|arrested|took|picked|was))",
)
_POLICE_NAME = _POLICE_TEXT + r"|\bthe law\b|\bla ley\b|\bpd\b|\bsheriff'?s?\b"

_STATE = _alt(
    r"\bmississippi department of\b|\bms department of\b",
    (
        r"\bdepartment of (?:human services|public safety|health|revenue|employment security|"
        r"child protection|rehabilitation|motor vehicles|mental health)\b"
    ),
    r"\bmdhs\b|\bmdes\b|\bmississippi division of\b|\bdivision de medicaid\b|\bmedicaid\b",
    r"\bstate of mississippi\b",
    r"\bstate (?:agency|office|department|board|government|officials?|employees?|caseworker)\b",
    r"\bsecretary of state\b|\battorney general\b|\bgovernor\b",
    r"\bdepartamento (?:estatal|del estado)\b|\bdepartamento de [\w ]{1,40} de mississippi\b",
    r"\bdel estado de mississippi\b|\bgobierno del estado\b|\boficina (?:estatal|del estado)\b",
    r"\bdriver'?s? licen[cs]e (?:office|station|bureau)\b|\boficina de licencias\b",
    r"\bchild protective services\b|\bcps\b|\bsnap office\b|\bunemployment office\b",
    r"\bwin job center\b",
)

_FED_OTHER = _alt(
    r"\bfema\b|\bsocial security\b|\bseguro social\b|\bssa\b|\bhud\b|\bhousing and urban\b",
    r"\busda\b|\birs\b|\binternal revenue\b|\bveterans affairs\b",
    r"\bva (?:hospital|clinic|office|medical)\b|\busps\b|\bpost office\b|\bpostal service\b",
    r"\bfbi\b|\batf\b|\bdea\b|\bu\.?s\.? marshals?\b|\bfederal\b|\bfederales\b|\beoir\b",
    r"\bimmigration court\b|\bcorte de inmigracion\b|\bu\.?s\.? department of\b",
    r"\bdepartment of (?:labor|justice|agriculture|veterans)\b|\beeoc\b|\bosha\b|\btsa\b",
    r"\bgobierno federal\b",
)
_FED_OTHER_TEXT = _FED_OTHER.replace(
    r"\bsocial security\b|\bseguro social\b",
    r"\bsocial security (?:administration|office)\b|\boficina del seguro social\b",
)

_LOCAL_TEXT = _alt(
    r"\bcity council\b|\bconcejo\b|\bcabildo\b|\bcouncil\b|\bmayor\b|\balcalde\w*",
    r"\bboard of supervisors\b|\bsupervisores del condado\b|\bmunicipal court\b|\bjustice court\b",
    r"\bcounty court\b|\bcircuit court\b|\bchancery court\b|\bcorte municipal\b",
    r"\bcorte (?:del|de justicia)\b|\bjudges?\b|\bjuez\w*|\bjueces\b|\bcircuit clerk\b",
    r"\bchancery clerk\b|\bcourt clerk\b|\bcity clerk\b|\bcounty clerk\b|\bclerk'?s office\b",
    r"\belection commission\w*|\bcomision electoral\b|\bpoll(?:ing)? workers?\b",
    r"\btrabajador(?:a)? de la casilla\b|\belection officials?\b|\bhousing authority\b",
    r"\bautoridad de vivienda\b|\bparatransit\b|\bpublic works\b|\bparks and recreation\b",
    r"\bwater department\b|\bcode enforcement\b|\banimal control\b|\bpublic defender\b",
    r"\bdefensor(?:a)? public[oa]\b|\bdistrict attorney\b|\bprosecutor\b|\bcity hall\b",
    r"\bayuntamiento\b",
    (
        r"\bthe city\b(?=\s+(?:of\s+\w+\s+)?(?:refused|denied|won'?t|will not|told|says|said|cut|"
        r"shut))"
    ),
    r"\bla ciudad\b(?=\s+(?:de\s+\w+\s+)?(?:no|nos|me|dijo|corto|nego))|\bcity of\b|\bciudad de\b",
)
_LOCAL_NAME = _LOCAL_TEXT + (
    r"|\bcity\b|\bciudad\b|\btown\b|\bpueblo\b|\bvillage of\b|\bmunicipal\w*|\bcounty\b|"
    r"\bcondado\b|"
    r"\bcourts?\b|\bcortes?\b|\bcasilla\b|\bregistrar\b|\btax (?:collector|assessor)\b|"
    r"\bhealth department\b"
)

_HOUSING = _alt(
    r"\blandlords?\b|\blandlady\b|\bcaser[oa]\b|\barrendador\w*|\bproperty manag\w*",
    r"\bmanagement company\b|\bapartments?\b|\bapartamentos?\b|\bapts?\b|\bcomplex\b",
    r"\btrailer park\b|\bmobile home\b|\btrailas?\b|\brental (?:office|company|property|agency)\b",
    r"\brealty\b|\bleasing\b",
    (
        r"\bdueno de (?:la|las|los) (?:casa|traila|trailas|propiedad|vivienda|apartamentos?|"
        r"traileras?)\b"
    ),
    r"\bdueno del (?:apartamento|traila|trailer|parque de trailas|edificio)\b",
    r"\bowner of the (?:house|home|apartment|property|trailer|building)\b",
    r"\bhomeowners? association\b|\bhoa\b|\bpropietari[oa]\b",
    r"\bhousing\b(?!\s+(?:help|assistance|aid))|\bvivienda\b",
    (
        r"\b(?:rent|rents|renta|rentaba|rento|alquila|alquilaba)\s+(?:out\s+)?(?:la|una|the|a|el|"
        r"his|her|su)?\s*(?:casa|house|home|apartment|apartamento|traila|trailer|cuartos?|rooms?)\b"
    ),
    r"\b(?:i|we) rent (?:\w+ ){0,3}from\b|\brent(?:ing)? from\b|\b(?:me|nos|le) renta\b",
)
# In the narrative a building is usually just a place; only people who let housing count.
_HOUSING_TEXT = _alt(
    r"\blandlords?\b|\blandlady\b|\bcaser[oa]\b|\barrendador\w*|\bproperty manag\w*",
    r"\bmanagement company\b",
    r"\bdueno de (?:la|las|los) (?:casa|traila|trailas|propiedad|vivienda|apartamentos?)\b",
    r"\bowner of the (?:house|home|apartment|property|trailer|building)\b",
    (
        r"\b(?:rent|renta|rentaba|alquila|alquilaba)\s+(?:la|una|the|a)\s+(?:casa|house|apartment|"
        r"apartamento|traila|trailer)\b"
    ),
)

_EMPLOYER = _alt(
    r"\bemployer\b|\bempleador\w*|\bpatron\b|\bcompany\b|\bcompania\b|\bempresa\b|\bcorporation\b",
    r"\bcorp\b|\binc\b|\bllc\b|\bplants?\b|\bplanta\b|\bprocessing\b|\bprocesadora\b|\bfactory\b",
    r"\bfabrica\b|\bwarehouse\b|\bbodega\b|\bfarms?\b|\bgranja\b|\brancho\b|\bcontractor\b",
    r"\bcontratista\b|\bsupervisor\w*|\bforem[ae]n\b|\bmayordomo\b|\bcapataz\b|\bencargad[oa]\b",
    r"\bboss\b|\bjef[ea]\b|\bhr\b|\bhuman resources\b|\brecursos humanos\b|\bstaffing\b",
    r"\btemp agency\b|\bagencia de (?:trabajo|empleo)\b|\bcall center\b|\bconstruction\b",
    r"\bconstruccion\b|\blandscaping\b|\bjardineria\b|\bpoultry\b|\bcatfish\b|\bsawmill\b",
    r"\baserradero\b|\bshipyard\b|\bastillero\b|\bmill\b|\bprocessor\b|\bempacadora\b",
    r"\bdistribution center\b|\bfulfillment center\b|\bshift lead\b|\bcentro de distribucion\b",
)

_BUSINESS = _alt(
    r"\bstores?\b|\bshops?\b|\btiendas?\b|\brestaurant\w*|\bhotel\w*|\bmotel\w*|\bpharmac\w+",
    r"\bfarmacia\w*|\bbarber\w*|\bbarberia\b|\bsalon\w*|\bpeluqueria\b|\bbanks?\b|\bbanco\b",
    r"\bgas station\b|\bgasolinera\b|\bwalmart\b|\bdollar general\b|\bdollar tree\b|\bkroger\b",
    r"\bdealership\b|\bcar lot\b|\btaller\w*|\bmechanic\w*|\bmecanic\w*|\bclinics?\b|\bclinica\b",
    r"\bhospital\w*|\bbusiness\w*|\bnegocio\b|\bowner\b|\bdueno\b|\bduena\b|\bmanager\b",
    r"\bgerente\b|\bfront desk\b|\bcashier\b|\bcajer[oa]\b|\bmostrador\b|\bclub\b|\bgym\b",
    r"\bgimnasio\b|\btheat(?:er|re)\b|\bcine\b|\binsurance\b|\baseguranza\b",
    r"\btow(?:ing)? company\b|\bgrua\b|\blaundromat\b|\blavanderia\b|\bsupermarket\b",
    r"\bsupermercado\b|\bmercado\b|\bvenue\b|\bevent hall\b|\bcasino\b|\buber\b|\blyft\b|\btaxi\b",
    r"\bbar\b|\bcantina\b|\bfunerari\w+|\bfuneral home\b|\bnursing home\b|\bpay ?day loan\b",
    r"\bused car\w*|\bcar dealer\w*|\bvendedor de (?:carros|autos|trocas)\b|\bcarros usados\b",
    r"\btitle loan\b|\bmotor company\b|\bmanagement\b|\badministracion\b",
    r"\bpower company\b|\bmississippi power\b|\bentergy\b|\batmos\b|\butilit(?:y|ies)\b",
    r"\belectric\w*|\bgas company\b|\bwater company\b|\bphone company\b|\bcable company\b",
    r"\bcompania de (?:luz|gas|agua|telefono|cable)\b",
)

_INDIVIDUAL_TEXT = _alt(
    r"\bneighbou?rs?\b|\bvecin[oa]s?\b|\bfriend\b|\bamig[oa]\b",
    r"\bprivate (?:person|individual|party|seller)\b|\bseller\b|\bvendedor\b",
    r"\bex-?(?:husband|wife|boyfriend|girlfriend|esposo|esposa|novio|novia|pareja)\b|\bstranger\b",
    r"\bdesconocido\b|\broommate\b|\bcompanero de cuarto\b|\bpersona particular\b|\bbuyer\b",
    r"\bcomprador\b|\ba man down the road\b",
    r"\bdivorc\w+|\bcustody of\b|\bchild support\b|\bcustodia de\b|\bpension alimenticia\b",
)
_INDIVIDUAL_NAME = _INDIVIDUAL_TEXT + (
    r"|\bamig[oa]s?\b|\bhusband\b|\besposo\b|\bwife\b|\besposa\b|\bcousin\b|\bprim[oa]\b|"
    r"\bbrother\b|\bhermano\b|\bsister\b|\bhermana\b|\buncle\b|\btio\b|\btia\b|\bfather\b|\bmother"
    r"\b"
    r"|\bpadre\b|\bmadre\b|\bsuegr[oa]\b|\ba man\b|\ba woman\b|\bun senor\b|\buna senora\b|"
    r"\bparticular\b|\bguy\b"
)

ACTOR_NAME: dict[str, str] = {
    "jail_prison": _JAIL,
    "federal_immigration": _FED_IMM + "|" + _ICE_LOWER,
    "school": _SCHOOL,
    "police": _POLICE_NAME,
    "state_government": _STATE,
    "federal_other": _FED_OTHER,
    "local_government": _LOCAL_NAME,
    "housing_provider": _HOUSING,
    "employer": _EMPLOYER,
    "business": _BUSINESS,
    "individual": _INDIVIDUAL_NAME,
}

ACTOR_TEXT: dict[str, str] = {
    "jail_prison": _JAIL,
    "federal_immigration": _FED_IMM + "|" + _ICE_LOWER,
    "school": _SCHOOL,
    "police": _POLICE_TEXT,
    "state_government": _STATE,
    "federal_other": _FED_OTHER_TEXT,
    "local_government": _LOCAL_TEXT,
    "housing_provider": _HOUSING_TEXT,
    "employer": _EMPLOYER,
    "business": _BUSINESS,
    "individual": _INDIVIDUAL_TEXT,
}

# "ICE" in capitals is the agency; in lowercase it is usually frozen water.
ICE_CASED = r"\bICE\b|\bI\.C\.E\b"

# A sheriff also runs the county jail: that sheriff is jail_prison, deputies on patrol are police.
SHERIFF = r"\bsheriff\w*|\bsherif[fe]?\b|\bcherif\w*"
RUNS_JAIL = _alt(
    (
        r"\b(?:runs?|running|operates?|in charge of|manages?|administra|encargad[oa] de|"
        r"dirige)\s+(?:the\s+|la\s+|el\s+)?(?:county\s+)?(?:jail|detention|carcel|prision|"
        r"centro de detencion)\b"
    ),
    r"\b(?:jail|detention center|carcel)\b",
)
PATROL = _alt(
    r"\bpatrol\w*|\bpulled (?:me|him|her|us|them) over\b|\btraffic stop\b|\bcheckpoint\b",
    r"\broadblock\b|\breten\b|\b(?:me|nos|lo|la|los|las) (?:pararon|paro|detuvieron)\b|\bstopped\b",
    r"\barrest\w*|\barrest\w*|\bon the road\b|\bcarretera\b|\bhighway\b",
)

# Words that leave an actor ambiguous between a business, an employer and a landlord.
AMBIGUOUS_OWNER = _alt(
    r"\bowner\b|\bdueno\b|\bduena\b|\bmanager\b|\bgerente\b|\badministra\w*|\bmanagement\b",
)

# Responsible-party names that name nobody.
NOBODY = _alt(
    (
        r"^\s*(?:them|they|him|her|he|she|it|ellos|ellas|el|ella|unknown|desconocido|n/?a|none|"
        r"no se|i don'?t know|idk|\?+|-+|\.+)\s*$"
    ),
)

# --- Context (not tags by themselves) --------------------------------------------------------

# The writer (or the person written for) works there: the business is an employer.
EMPLOYMENT = _alt(
    r"\bi (?:work|worked|was working|have worked|had worked|used to work|teach|taught)\b",
    r"\bwe (?:work|worked)\b",
    (
        r"\bmy (?:job|boss|supervisor|manager|employer|shifts?|paycheck|wages?|pay|hours|contract|"
        r"position|principal|foreman)\b"
    ),
    (
        r"\bi (?:was|am|'m) (?:a|an|the) (?:\w+ )?(?:cook|waitress|waiter|server|cashier|"
        r"dishwasher|"
        r"driver|nurse|aide|cleaner|housekeeper|worker|employee|laborer|mechanic|clerk|teacher|"
        r"stocker|janitor|custodian|welder|operator|supervisor) (?:at|for|in)\b"
    ),
    (
        r"\b(?:fired|terminated|laid off|let (?:me|him|her|us) go|demoted|rehired|not hired|"
        r"wrongful termination)\b"
    ),
    r"\bhired\b|\bunpaid (?:leave|wages|overtime)\b|\bovertime\b|\blight duty\b",
    r"\bpromot(?:ion|ed)\b|\bwages?\b|\bpaycheck\b|\bon the (?:line|floor|job)\b|\beeoc\b",
    r"\bcontract (?:would|will|was|is) not\b|\bnot (?:be )?renewed\b|\bsalesman\b|\bsaleswoman\b",
    r"\bcall center\b|\btrabaj(?:o|e|aba|abamos|amos|an|ando)\s+(?:en|para|de|con|como)\b",
    (
        r"\bmi (?:trabajo|jefe|jefa|supervisor|supervisora|patron|turno|sueldo|salario|cheque|"
        r"empleo|puesto|encargado)\b"
    ),
    r"\b(?:me|nos|lo|la|los|las) (?:despidi\w*|corri\w*|corre\w*)\b|\bdespid\w+|\bdespido\b",
    r"\bsin (?:pago|paga|goce de sueldo)\b|\bhoras extras?\b",
    (
        r"\b(?:nos|me) (?:pagan|paga|pago|descuentan|descontaron|quit\w+ (?:las|mis|"
        r"todas las) horas)\b"
    ),
    r"\bcompaneros de trabajo\b|\buniforme\b|\bsueldo\b|\bsalario\b|\bcamarist\w+",
    r"\bme contrataron\b|\bmi contrato\b|\bno (?:lo|me) van a renovar\b",
    (
        r"\b(?:soy|i am an?|i'm an?|work as an?|trabajo como)\s+(?:\w+\s+)?(?:maestr[oa]|teacher|"
        r"aide|asistente|cook|cocinera|driver|chofer|nurse|enfermera|custodian|conserje|"
        r"secretary|secretaria|bus driver|cashier|cajera)\b"
    ),
    r"\bour (?:new )?(?:supervisor|manager|boss|shift lead|team lead|foreman|jefe|mayordomo)\b",
)

# The writer or their child is a pupil: a school that is also an employer is still `education`.
STUDENT = _alt(
    r"\bstudents?\b|\bestudiantes?\b|\balumn[oa]s?\b|\bsophomore\b|\bfreshman\b|\bmidterms?\b",
    r"\bexams?\b|\btextbooks?\b|\bclassmates?\b|\benroll\w*|\binscrib\w+|\binscripcion\b",
    r"\bexpell?ed\b|\bexpuls\w+|\bdiploma\b|\bhomework\b|\bfield trip\b|\bin-school suspension\b",
    r"\bsuspended from school\b",
    r"\bmy (?:son|daughter|child|children|kids?)'?s? (?:school|teacher|class)\b",
    r"\b(?:mi|mis) (?:hij[oa]s?|nin[oa]s?) (?:esta|estan|va|van) (?:en|a) la escuela\b",
    (
        r"\b(?:is|are) in (?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
        r"eighth|ninth|tenth|eleventh|twelfth) grade\b"
    ),
    r"\bcourse (?:readings|materials)\b|\bschool lunch\b|\balmuerzo\b|\bpublic university\b",
    r"\bcampus\b",
)

# A jail, prison or detention centre is being talked about.
JAIL_CONTEXT = _JAIL + (
    r"|\bincarcerated\b|\blocked up\b|\bbehind bars\b|\bencerrad[oa]s?\b|\bdetenid[oa]s?\b"
)

# Complaints about how people are held (LABELLING: `detention` is about conditions).
CONDITIONS = _alt(
    r"\bmedication\w*|\bmedicine\b|\bmedical\b|\bdoctor\w*|\bnurse\w*|\bsick call\b|\btreatment\b",
    r"\bwithdrawal\b|\bfood\b|\bmeals?\b|\bdiet\b|\bhungry\b|\bstarv\w+|\bfreezing\b|\bcold\b",
    r"\bno (?:heat|air)\b|\bheat\b|\btoilets?\b|\bshowers?\b|\bmold\b|\brats\b|\broach\w*",
    r"\block ?down\b|\blocked down\b|\b23 hours\b|\bsolitary\b|\bsegregation\b|\bbeat(?:en|ing)?\b",
    r"\bassault\w*|\bovercrowd\w*|\bsleep(?:ing)? on the floor\b|\bmattress\w*|\bphone calls?\b",
    r"\bcall (?:home|family|his family|her family)\b|\bvisits?\b|\bvisitation\b|\bgrievance\w*",
    r"\bprayers?\b|\bpray\b|\bworship\b|\bhygiene\b|\bpads\b|\bblankets?\b|\bconditions\b",
    r"\babuse\w*|\bsmell\b|\bsewage\b|\bunsanitary\b|\bfilthy\b|\bno water\b|\bdrinking water\b",
    r"\bsick\b|\bmedicin\w+|\bmedicamento\w*|\bmedic[oa]s?\b|\benfermer\w+|\bcomida\b|\bhambre\b",
    r"\bfrio\b|\bcalor\b|\bbanos?\b|\bduchas?\b|\bmoho\b|\bratas\b|\bcucarachas\b|\baislamiento\b",
    r"\bgolpe\w*|\bllamadas\b|\bllamar a (?:sus|su|mi|nuestra|nuestras) famili\w+|\bvisitas?\b",
    r"\bcondiciones\b|\bcobijas?\b|\bcolchon\w*|\bgusanos\b|\bmaltrat\w+|\brezar\b|\bdieta\b",
    r"\benferm[oa]\b|\bse enfermo\b|\bpresion\b|\binsulin\w*|\binsulina\b",
    r"\bencerrad[oa]s? sol[oa]s?\b|\bno (?:ha ido|va) a (?:clases|la escuela)\b|\bno school\w*\b",
)

# --- Areas ------------------------------------------------------------------------------------

HOUSING = _alt(
    r"\blandlord\w*|\blandlady\b|\blease\b|\btenants?\b|\bevict\w*|\bdesalojo\w*|\bdesalojar\w*",
    r"\bcaser[oa]\b|\barrendador\w*|\binquilin\w+|\bapartments?\b|\bapartamentos?\b|\bhousing\b",
    r"\bvivienda\b|\brental\b|\brented (?:house|home|apartment|trailer)\b|\btrailas?\b",
    r"\btrailer (?:park|home)\b|\bmobile home\b|\bsection 8\b|\bsecurity deposit\b",
    r"\brent(?:ing)? (?:a|the) room\b|\brent(?:ing)? from\b|\brent(?:a|o) (?:un )?cuarto\b",
    r"\bfair housing\b|\bcasa de renta\b|\bfor rent\b|\bse renta\b|\brentaba a\b",
    r"\brent (?:to|out to)\b|\brent (?:is|was) due\b|\bpay(?:ing)? (?:the )?rent\b",
    r"\bdueno de la (?:casa|traila|propiedad|vivienda)\b|\bcontrato de renta\b",
    r"\brentar(?:nos|me|le)? (?:la|una) (?:casa|traila|apartamento)\b|\bwon'?t rent\b",
    r"\bdon'?t rent\b|\bmortgage\b|\bhipoteca\b|\bforeclos\w+",
)

EDUCATION = STUDENT + (
    r"|\buniversity\b|\bcollege\b|\buniversidad\b|\bdistrito escolar\b|\bschool district\b|"
    r"\bescuela\b|\bschool\b"
)

EMPLOYMENT_AREA = EMPLOYMENT

PUBLIC_SERVICE = _alt(
    r"\bparks?\b|\bparque\w*|\bpools?\b|\bpiscina\b|\balberca\b|\blibrar(?:y|ies)\b|\bbiblioteca\b",
    r"\bbus(?:es)?\b|\bparatransit\b|\btransit\b|\btransporte\b|\bcommunity center\b",
    r"\bcentro comunitario\b|\brecreation\b|\bwater (?:park|service|bill)\b|\bservicio de agua\b",
    r"\bgarbage\b|\bbasura\b|\bsidewalks?\b|\bbanquetas?\b|\bzoo\b|\bmuseum\b|\bsenior center\b",
    r"\bservices?\b|\bservicios?\b",
)

REFUSAL = _alt(
    r"\brefused (?:to )?(?:serve|service|sell|seat|rent|let|help|cut)\b",
    r"\brefused (?:me|us) service\b|\bdenied (?:us |me )?(?:service|entry|a room|rooms)\b",
    r"\bwouldn'?t (?:serve|seat|let (?:us|me) in|sell)\b",
    r"\bwould not (?:serve|seat|sell|let (?:us|me) in)\b|\btold (?:us|me) to leave\b",
    r"\basked (?:us|me) to leave\b|\bturned (?:us|me|them) away\b|\bkicked (?:us|me) out\b",
    r"\bthrown out\b|\bwe were full\b|\bthey were full\b|\bonly (?:cut|serve|rent)\b",
    r"\bno (?:me|nos|le|les) (?:quiso|quisieron) (?:atender|servir|vender|rentar|dejar entrar)\b",
    r"\bno (?:me|nos|le|les) (?:atendio|atendieron|dejo entrar|dejaron entrar|vendieron|vendio)\b",
    r"\bnos (?:sacaron|corrieron) de\b|\bno (?:me|nos) dej\w+ (?:entrar|pasar)\b",
    r"\b(?:nos|las|los|me) regres\w+ (?:el deposito|ese dia|a la casa)\b",
    r"\bno (?:las|los) (?:hace|hacen|atiende|atienden)\b",
)

POLICING = _alt(
    r"\bpulled (?:me|him|her|us|them) over\b|\btraffic stop\b|\bstopped\b|\bcheckpoint\b",
    r"\broadblock\b|\bsearch\w*|\barrest\w*|\bhandcuff\w*|\bcuffed\b|\btas(?:er|ed)\b",
    r"\bpepper spray\b|\bchoke\w*|\bshot\b|\bk-?9\b|\bpolice dog\b|\bticket\w*|\bcitation\b",
    r"\breten\w*",
    (
        r"\b(?:me|nos|lo|la|los|las) (?:pararon|paro|esposaron|espos[oa]|arrestaron|arresto|"
        r"revisaron|reviso|golpearon|detuvieron)\b"
    ),
    r"\bmultas?\b|\bforce\b|\bbeat\w*|\bkick\w*|\bpate\w+",
)

IMMIGRATION_ENFORCEMENT = (
    _FED_IMM + "|" + _ICE_LOWER + r"|\bdetainers?\b|\bimmigration (?:hold|detainer|detention|"
    r"judge|court|hearing|officers?|agents?|raid)\b|\b(?:corte|juez|audiencia) de inmigracion\b|"
    r"\bdetenid[oa] por (?:inmigracion|migracion|la migra)\b|\braids?\b|\bredadas?\b|"
    r"\bdeport\w*|\bremoval\b|\b(?:orden|ordenes) de (?:deportacion|remocion|expulsion)\b|"
    r"\bfinal order\b|\b(?:van|va) a deportar\w*"
)

# Any enforcement cue contains one of these; texts without them skip the long alternation.
IMMIGRATION_ENFORCEMENT_NEEDLES = (
    "ice",
    "i.c.e",
    "hsi",
    "dhs",
    "cbp",
    "migra",
    "border",
    "fronteriza",
    "uscis",
    "homeland",
    "customs",
    "immigration",
    "inmigra",
    "imigra",
    "inmigrasion",
    "enforcement",
    "detainer",
    "raid",
    "redada",
    "deport",
    "removal",
    "orden",
    "final order",
)

# Status asked by police: LABELLING counts it as enforcement, a checkpoint alone is not.
STATUS_ASKED = _alt(
    (
        r"\b(?:asked|ask|asking|asks|questioned|pregunt\w+|pid\w+|pedian|piden|demand\w+|"
        r"exig\w+)\b[^.?!]{0,40}\b(?:papers|papeles|legal|status|estatus|immigration|inmigracion|"
        r"pasaporte|passport|green card|visa|citizen\w*|ciudadan\w+|seguro social|social "
        r"security|ssn|pais|country|where (?:he|she|i|"
        r"we|they) (?:was|were|are|is) from)\b"
    ),
)

DETENTION_CONDITIONS = CONDITIONS

SURVEILLANCE = _alt(
    r"\bsurveillance\b|\bvigilancia\b|\bfacial recognition\b|\breconocimiento facial\b",
    r"\blicense[- ]plate (?:readers?|cameras?)\b|\bplate readers?\b|\blector(?:es)? de placas\b",
    (
        r"\b(?:installed|put up|puso|pusieron|instalaron|mounted)\s+(?:\w+\s+){0,3}(?:cameras?|"
        r"camaras?)\b"
    ),
    r"\bcameras? on (?:a|the) poles?\b",
    r"\bfilm(?:s|ed|ing)? (?:us|me|every\w*|people|protesters|the crowd)\b",
    r"\b(?:photograph\w*|took (?:photos|pictures) of) (?:us|me|every\w*|people|protesters)\b",
    r"\b(?:le|me|nos|les) tom\w+ fotos?\b|\btomaron fotos\b|\bdata sharing\b",
    (
        r"\bshar\w+ (?:my|our|their|his|her|the|victims'?|that|this) (?:\w+ )?(?:data|information|"
        r"info|address|records)\b"
    ),
    r"\b(?:pas\w+|dio|dieron|compart\w+|entreg\w+) (?:los|mis|sus|nuestros|tus|esos) datos\b",
    r"\bdatos (?:personales|de las victimas)\b|\bapunt\w+ mi direccion\b|\btracking\b",
    r"\btrack(?:ed|s) (?:us|me|our|people)\b|\bdatabas\w+|\bspy\w*|\bespia\w*|\bwe know who\b",
    r"\bsabemos quien\w*|\bmonitor(?:ed|ing|s) (?:us|me|our|people|social)\b",
    r"\bgave (?:my|our|his|her) (?:information|info|address|data) to\b",
    r"\b(?:writ\w+|took|taking) down (?:\w+ )?(?:license )?plates?\b|\bapunt\w+ las placas\b",
)

COURTS = _alt(
    r"\bfalse(?:ly)? (?:charges?|charged|arrest\w*|accus\w+)\b",
    r"\bcharges? (?:is|are|was|were) false\b|\bcargos? falsos?\b|\bpublic defender\b",
    r"\bdefensor(?:a)? public[oa]\b",
    r"\b(?:appoint\w*|assign\w*) (?:me |him |her |us )?(?:a )?(?:lawyer|attorney)\b",
    r"\babogado de oficio\b|\bability to pay\b|\bdebtors'? prison\b",
    r"\bbail\b(?! from ice)|\bfianza\b(?! de (?:ice|inmigracion|migracion|la migra))",
    r"\b(?:jailed|jail|locked up|carcel) (?:for|por) (?:not paying|no pagar|unpaid|fines|multas)\b",
    r"\bpor no pagar\b|\bdue process\b|\bdebido proceso\b|\bwithout a hearing\b|\bsin audiencia\b",
    r"\bfines and fees\b|\bcourt costs\b|\bwrongful(?:ly)? (?:convicted|charged|arrested)\b",
    r"\bwithout (?:letting|allowing) me to (?:speak|talk|explain)\b",
    r"\bno me dej\w+ (?:hablar|explicar)\b|\bnot let(?:ting)? me (?:speak|talk|explain)\b",
    r"\bbefore i could (?:say|speak)\b",
)
# A responsible party that is a court or a judge (a clerk who runs elections is not).
COURT_PARTY = _alt(
    r"\bcourts?\b|\bcortes?\b|\bjudges?\b|\bjuez\w*|\bjueces\b|\bmagistrate\b|\bpublic defender\b",
    r"\bdefensor(?:a)? public[oa]\b|\bprosecutor\b|\bdistrict attorney\b|\bfiscal\b",
)

SPEECH = _alt(
    r"\bfree speech\b|\bfreedom of (?:speech|expression|the press|assembly|religion)\b",
    r"\bfirst amendment\b|\bprimera enmienda\b",
    r"\blibertad de (?:expresion|prensa|reunion|culto|religion)\b|\bpublic comment\b",
    r"\bcomentarios? public\w+|\bprotest(?:s|ed|ers?|ing)?\b|\bprotesta\w*|\bmanifestacion\w*",
    r"\bdemonstrat(?:ion|ions|ors?)\b|\brall(?:y|ies)\b|\bmitin\b",
    r"\b(?:a|the|our|peaceful|protest|pacifica|una|la|nuestra) march\w*",
    r"\b(?:una|la|nuestra) marcha\b|\bmarcha (?:pacifica|por)\b|\bmarched\b|\bmarching\b",
    r"\bpetition\w*|\bboycott\w*|\bcarteles\b|\bpancartas\b|\bprotest signs\b",
    r"\b(?:our|their|my) signs\b|\bcriticiz\w+|\bcriticar\w*|\bcritic\w+ (?:al|a la)\b",
    (
        r"\bbanned (?:me |us |him |her )?from (?:speaking|public comment|the meeting|meetings|"
        r"city hall)\b"
    ),
    r"\bnot allowed to speak\b|\bno me dej\w+ hablar en la junta\b|\bjournalists?\b",
    r"\bperiodistas?\b|\breporters?\b|\bfacebook posts?\b|\bsocial media posts?\b",
    r"\b(?:record\w*|film\w*|video\w*) (?:the |an? )?(?:police|officers?|cops?|deput\w+|arrest)\b",
    r"\bgrab\w+ a (?:la policia|los policias|el policia)\b|\b(?:le|les) estaba grabando\b",
    r"\b(?:deleted?|borr\w+) (?:my |the |mi |el )?(?:video|grabacion)\b",
)

VOTING = _alt(
    r"\bvot(?:e|es|ed|ing|ers?)\b|\bballots?\b",
    r"\bpoll(?:ing)? (?:place|station|workers?|site|books?)\b|\bpolls\b|\belections?\b",
    r"\babsentee\b|\bvotar\b|\bvoto\w*|\bvotante\w*|\bvotacion\w*|\bcasilla\b",
    r"\belecci(?:on|ones)\b|\bregistr\w+ (?:to vote|para votar)\b",
)

# --- Classes ----------------------------------------------------------------------------------

_BLACK = _alt(
    r"black|african[- ]americans?|negr[oa]s|afroamerican[oa]s?|morenos",
)
_HISPANIC = _alt(
    r"hispan\w+|latin[oa]s?|latinx|mexican\w*|guatemaltec\w+|salvadoren\w+|hondurenn?\w+",
    r"centroamerican\w+|puerto ?rican\w*|vietnam\w+|asian\w*|asiatic\w+|arab\w*|foreign\w*",
    r"extranjer\w+|immigrants?|inmigrantes?|indigen\w+|spanish[- ]speak\w*|hispanohablante\w*",
)
_GROUP_NOUNS = _alt(
    r"students?|families|family|guests?|customers?|people|tenants?|workers?|employees?|drivers?",
    r"residents?|kids|children|men|women|applicants?|neighborhoods?|voters?|patients?|girls?|boys?",
    r"folks|parents?|mothers?|riders?|inmates?|renters?|couples?|clients?",
)
_BECAUSE = _alt(
    (
        r"\b(?:because|since|for being|just for being|due to|por ser|porque (?:soy|somos|es|son|"
        r"era|eran))\b[^.?!]{0,25}"
    ),
)

RACE = (
    Cue(_BECAUSE + r"\b(?:" + _BLACK + r")\b"),
    Cue(r"\b(?:black|african[- ]american|afroamerican[oa]s?)\s+(?:" + _GROUP_NOUNS + r")\b"),
    Cue(
        _alt(
            (
                r"\b(?:i am|i'm|we are|we're|he is|he's|she is|she's|they are|they're|soy|"
                r"somos)\s+(?:a\s+)?(?:black|african[- ]american|negr[oa]s?|"
                r"afroamerican[oa]s?)\b(?!\s+like\b)"
            ),
        )
    ),
    Cue(r"\b(?:a los|a las|los|las) (?:negros|morenos|afroamericanos)\b"),
    Cue(
        _alt(
            r"\brac(?:e|ial|ially|ist|ism)\b|\braza\b|\bracis(?:ta|tas|mo)\b|\bjim crow\b",
        )
    ),
    # In a jail "segregation" is solitary confinement, not racial segregation.
    Cue(r"\bsegregat\w+", skip_complaint=JAIL_CONTEXT),
    Cue(r"\bn-?word\b|\bnigg\w+|\bcoons?\b", weak=True),
)
# A white comparator supports race only when the complaint is by or about Black people.
WHITE_COMPARATOR = (
    r"\bwho (?:is|was|are|were) white\b|\bwhite (?:" + _GROUP_NOUNS + r"|cousin|coworker|co-worker|"
    r"friend|neighbou?r|man|woman|couple|caller|person|guy|lady|teammates?)\b|\ba los blancos\b|"
    r"\blos blancos\b|\blas blancas\b"
)
BLACK_IDENTITY = r"\b(?:" + _BLACK + r"|negro|negra|african american)\b"

COLOR = (
    Cue(
        _alt(
            r"\b(?:light|dark|lighter|darker|fair|brown)[- ]skin(?:ned)?\b",
            r"\bskin (?:tone|color|colour)\b|\bcomplexion\b|\bcolou?rism\b",
            r"\bcolor de (?:su |mi |la )?piel\b|\bpiel (?:mas )?(?:clara|oscura|morena|blanca)\b",
            (
                r"\bmas (?:prietos?|prietas?|morenos?|morenas?|oscuros?|oscuras?|claritos?|"
                r"claritas?|gueros?|gueras?)\b"
            ),
            r"\bprietos?\b|\bprietas?\b",
        )
    ),
)

NATIONAL_ORIGIN = (
    Cue(_BECAUSE + r"\b(?:" + _HISPANIC + r")\b"),
    Cue(
        _alt(
            (
                r"\b(?:a|para|contra) (?:l[oa]s )?(?:\w+ )?(?:hispan[oa]s|latin[oa]s|mexican[oa]s|"
                r"extranjer[oa]s|inmigrantes)\b"
            ),
        )
    ),
    Cue(
        r"\b(?:hispanic|latino|latina|latinx|mexican|spanish[- ]speaking|immigrant|foreign(?:-born)"
        r"?|asian|vietnamese|arab)\s+(?:" + _GROUP_NOUNS + r")\b"
    ),
    Cue(
        r"\b(?:only|just|solo|nomas|nada mas|puros?)\s+(?:(?:to|for|a|para|los|las|a los|a las|"
        r"con|the)\s+)*(?:" + _HISPANIC + r")\b"
    ),
    # Language: limited English, an accent, English-only rules.
    Cue(
        _alt(
            r"\bspeak (?:english|ingles)\b|\blearn english\b",
            r"\b(?:only|solo|nomas|nada mas|puro)\s+(?:in\s+|en\s+)?(?:english|ingles)\b",
            r"\benglish[- ]only\b|\blimited english\b|\bse vota en ingles\b|\baccent\b|\bacento\b",
            r"\b(?:nobody|no one|nadie)\s+(?:\w+\s+){0,4}(?:spanish|espanol)\b",
            r"\b(?:nobody|no one|nadie)\s+(?:\w+\s+){0,4}(?:talk to|understand\w*|entiende)\b",
            r"\b(?:someone|somebody|alguien) (?:who|que) (?:speaks|hable|habla) "
            r"(?:english|ingles)\b",
            r"\b(?:not|no)\s+(?:\w+\s+){0,3}(?:in|en) (?:spanish|espanol)\b",
            # Mayan and other Indigenous languages spoken by Mississippi's Guatemalan workers.
            (
                r"\b(?:mam|k'?iche'?|quiche|q'?anjob'?al|kanjobal|akateko|chuj|ixil|q'?eqchi'?|"
                r"kekchi|mixteco|mixtec|zapoteco|zapotec|triqui|nahuatl|tzotzil|tzeltal)\b"
            ),
            r"\bno\s+(?:\w+\s+){0,4}(?:el\s+)?ingles\b",
            (
                r"\b(?:don'?t|doesn'?t|didn'?t|couldn'?t|can'?t|do not|does not|did not|could not|"
                r"cannot)\s+(?:\w+\s+){0,2}(?:speak|understand|read)\s+(?:\w+\s+){0,1}english\b"
            ),
        ),
        negatable=False,
    ),
    Cue(
        _alt(
            r"\binterpreters?\b|\binterpretes?\b|\btraductor\w*|\btranslat\w+|\btraduc\w+",
        ),
        skip_complaint=r"\basl\b|\bsign language\b|\bsenas\b|\bdeaf\b|\bsord[oa]s?\b",
    ),
    # Foreign documents refused.
    Cue(
        _alt(
            (
                r"\b(?:foreign|mexican|guatemalan|honduran|salvadoran|out-of-country|"
                r"extranjer\w+)\s+(?:birth certificates?|ids?|identification|licen[sc]es?|"
                r"documents?)\b"
            ),
            r"\bbirth certificates? from\b|\bmatricula\b|\bconsular (?:id|card)\b",
            (
                r"\bacta de nacimiento (?:de alla|de (?:mexico|guatemala|honduras|el salvador|"
                r"otro pais)|extranjera|americana|de aqui|de estados unidos)\b"
            ),
            r"\bidentificacion(?:es)? (?:de estados unidos|americanas?|de mississippi|de aqui)\b",
            r"\bonly (?:accept|take)s? (?:u\.?s\.?|american)\b|\bnaturaliz\w+",
        ),
        negatable=False,
    ),
    Cue(
        _alt(
            r"\bde que pais\b|\bwhere (?:are|were|was|is) (?:you|we|they|he|she|i) from\b",
            r"\bwhat country\b|\bcountry of origin\b|\bpais de origen\b",
            r"\bde donde (?:eres|es|son|somos|venimos|vienes|viene)\b",
            r"\bwhere (?:i|he|she|we|they) (?:was|am|were|are|is) from\b",
            r"\bwhere (?:i|he|she|we|they|you) (?:was|were) born\b|\bdonde (?:naci\w*|nacio)\b",
        )
    ),
    Cue(
        _alt(
            r"\b(?:my|his|her|our|mi|su|nuestro) (?:last name|surname|apellido)\b",
            r"\bcon (?:mi|su|ese) apellido\b|\bspanish (?:last )?names?\b",
            r"\bapellidos? (?:hispano|latino)s?\b",
        )
    ),
    Cue(
        _alt(
            r"\bgo back to (?:your|my|his|her|their) (?:own )?country\b",
            r"\bregres\w+ a (?:tu|mi|su|nuestro|sus) pais\b|\bvete a tu pais\b",
            r"\bwetbacks?\b|\bbeaners?\b",
            r"\bmojad[oa]s?\b|\bspics?\b",
        ),
        weak=True,
    ),
)
# Whites or "Americans" treated better counts when Hispanic workers or families are the subject.
ANGLO_COMPARATOR = (
    r"\b(?:a los|los|las|the)\s+(?:blancos|blancas|gringos|americanos|americanas|white (?:"
    + _GROUP_NOUNS
    + r")|americans)\b"
)
HISPANIC_IDENTITY = r"\b(?:hispan\w+|latin[oa]s?|latinx|mexican\w*)\b"

IMMIGRATION_STATUS = (
    # "papeles" as immigration papers: had, lacked or asked for, not papers handed over to sign.
    Cue(
        _alt(
            (
                r"\b(?:tiene|tienen|tengo|tenia|tenian|tenemos|tener|tengan|traia|traian|sin|con|"
                r"pidieron|pidio|piden|pedian|preguntaron|pregunto|preguntan|nada de|sus|mis|"
                r"tus) papeles\b(?!\s+(?:para|de la corte|de divorcio|del carro|de la casa))"
            ),
            r"\bpapeles (?:migratorios|de inmigracion)\b",
        )
    ),
    Cue(
        r"\b(?:immigration|his|her|my|your|their|our|any|no|without|had|have|has|the) papers\b",
        skip_before=r"(?:served|court|divorce|eviction|legal|sign\w*|the)\s+(?:\w+\s+)?$",
    ),
    Cue(
        _alt(
            r"\b(?:immigration|migratori[oa]|legal) status\b|\bestatus\b|\bstatus migratorio\b",
            r"\bestado migratorio\b|\bsituacion migratoria\b",
            r"\bimmigration (?:documents?|paperwork|papers)\b",
            r"\bdocumentos? (?:de estatus|migratorios?)\b",
        )
    ),
    Cue(
        _alt(
            r"\bundocumented\b|\bindocumentad\w+|\bsin documentos\b|\bqualified alien\b",
            r"\baliens?\b|\bmixed[- ]status\b|\bdaca\b|\bdreamers?\b|\bgreen card\b|\bresidencia\b",
            r"\bvisas?\b|\btps\b|\basylum\b|\basilo\b|\bcitizenship\b|\bciudadania\b|\bitin\b",
        )
    ),
    Cue(
        _alt(
            r"\bsocial security (?:numbers?|cards?|no\.?|#)|\bssns?\b|\bnumero de seguro social\b",
            r"\bseguro social\b",
        ),
        skip_before=r"(?:oficina|administracion|office) del?\s+$",
    ),
    Cue(
        _alt(
            (
                r"\b(?:si|if)\s+(?:yo\s+|he\s+|she\s+|i\s+|we\s+|they\s+)?(?:era|eras|es|soy|somos|"
                r"eran|was|were|am|is|are)\s+\W?legal(?:es)?\b"
            ),
            r"\b(?:are you|eres|es usted|son) \W?legal(?:es)?\b",
        )
    ),
    # ICE called or threatened: status used against the person even if nobody came.
    Cue(
        _alt(
            (
                r"\b(?:call\w*|report\w*|llam\w+|reporta\w*|amenaz\w+|threat\w*|turn\w* (?:us|them|"
                r"me|him|her) (?:in|over)|entreg\w+|hand\w* (?:him|her|them|us|"
                r"me) (?:over )?to)\b[^.?!]{0,30}\b(?:ice|la migra|inmigracion|immigration)\b"
            ),
        ),
        negatable=False,
    ),
)

SEX = (
    Cue(
        _alt(
            r"\bpregnan\w+|\bembarazad[ao]s?\b|\bembarazo\b|\bmaternity\b|\bmaternidad\b",
            r"\bbreast[- ]?(?:feed|pump)\w*|\blactan\w+|\bmiscarriage\b|\bdespues del parto\b",
        ),
        skip_before=r"\b(?:wife|esposa|girlfriend|novia|mujer|pareja|partner|spouse)\s+(?:\w+\s+){0,2}$",
    ),
    Cue(
        _alt(
            r"\bsexual(?:ly)? harass\w*|\bacoso sexual\b|\bhostigamiento sexual\b",
            r"\bsexual advances\b|\bpropositioned\b|\bgrop\w+|\bmanose\w+|\bsex discrimination\b",
            r"\bsexis[mt]\w*|\btouch(?:es|ed|ing)? me\b|\bme toca\w*|\bsexual favors?\b",
            r"\bfavores sexuales\b",
            (
                r"\b(?:pay|pagar)\s+(?:the\s+|la\s+)?(?:rent|renta)\s+(?:another|some other|"
                r"de otra)\s+(?:way|forma|manera)\b"
            ),
            r"\bme dice cosas\b|\bsexual comments?\b|\bmachista\b",
            r"\bdiscrimina\w+ (?:por|because of|based on) (?:mi |my )?(?:sexo|sex|genero|gender)\b",
        )
    ),
    Cue(_BECAUSE + r"\b(?:a )?(?:woman|women|girl|female|mujer|mujeres|muchacha)\b"),
    Cue(
        _alt(
            (
                r"\b(?:women|mujeres)\b[^.?!]{0,40}\b(?:paid less|less pay|"
                r"menos que (?:a )?los hombres|ganan menos|les pagan menos)\b"
            ),
            r"\bonly (?:hire|hires|hired|promote\w*) men\b|\bsolo contratan hombres\b",
            r"\bno (?:women|mujeres) allowed\b",
        )
    ),
)

RELIGION = (
    Cue(
        _alt(
            r"\bmuslims?\b|\bmusulman\w*|\bislam\w*|\bhijab\w*|\bniqab\b|\bheadscar(?:f|ves)\b",
            r"\bhead ?coverings?\b|\bturban\w*|\bturbante\b|\bkippah\b|\byarmulke\b|\bjewish\b",
            r"\bbibles?\b|\bbiblia\b|\bquran\b|\bkoran\b|\bcoran\b|\btorah\b",
            r"\b(?:church|worship|religious) services?\b|\bservicios? religios\w+",
            r"\bjudi[oa]s?\b|\bsikh\w*|\bhindu\w*|\bramadan\b|\bsabbath\b|\bhalal\b|\bkosher\b",
            r"\bprayers?\b|\bpraying\b|\brezar\b|\borar\b|\breligio\w+|\bmy faith\b|\bour faith\b",
            r"\bmi fe\b|\bsu fe\b|\bnuestra fe\b|\bpentecostal\w*|\bpork[- ]free\b",
            r"\bsin (?:carne de )?puerco\b",
            (
                r"\b(?:i am|i'm|we are|soy|somos)\s+(?:a |an )?(?:christian|cristian[oa]s?|"
                r"catholic|catolic[oa]s?|evangelic\w*|apostolic\w*|atheist|ate[oa]|mormon|"
                r"rastafari\w*|buddhist|budista|jehovah'?s witness\w*|testig[oa]s? de jehova)\b"
            ),
        )
    ),
)

DISABILITY = (
    Cue(
        _alt(
            r"\bblind\b|\bciego\w*|\bdeaf\b|\bsord[oa]s?\b|\bhard of hearing\b|\bwheelchairs?\b",
            r"\bsilla de ruedas\b|\bdisab\w+|\bdiscapacida\w+|\bdiscapacitad\w+|\bhandicap\w*",
            r"\bminusvalid\w*|\baccessib\w+|\baccesib\w+|\binaccessib\w+|\bramps?\b|\brampas?\b",
            r"\basl\b|\bsign language\b|\blenguaje de senas\b|\bservice (?:dog|animal)s?\b",
            r"\bperro de (?:servicio|asistencia)\b|\bautis\w+|\bdown syndrome\b",
            r"\bsindrome de down\b|\bptsd\b|\bmental (?:illness|health condition|disability)\b",
            r"\benfermedad mental\b|\bbipolar\b|\bschizophren\w+|\besquizofren\w+",
            r"\bscreen reader\b|\blector de pantalla\b|\blow[- ]vision\b|\bhearing aids?\b",
            r"\baddiction\b|\badiccion\w*|\bopioid use\b|\bbuprenorphine\b|\bsuboxone\b",
            r"\bmethadone\b|\bmetadona\b|\bin recovery\b|\bamput\w+|\bcrutches\b|\bmuletas\b",
            r"\bparatransit\b|\breasonable accommodations?\b|\bacomodo razonable\b",
            r"\bcerebral palsy\b|\bparalisis cerebral\b|\bparaly\w+|\bparalitic\w+",
        )
    ),
)

# Conditions that are disabilities at work or school; in custody they are a medical-care complaint,
# which LABELLING says is not by itself disability.
_CHRONIC = _alt(
    r"\bepilep\w+|\bseizures?\b|\bconvulsion\w*|\bdiabet\w+|\bcancer\b|\bhiv\b|\bvih\b",
    r"\bmultiple sclerosis\b|\besclerosis\b|\blupus\b|\bsickle cell\b|\bcrohn'?s\b",
    r"\bheart condition\b|\bdepression\b|\bdepresion\b|\banxiety disorder\b|\badhd\b|\bdyslexi\w+",
    r"\blearning disab\w+|\biep\b|\b504 plan\b",
)
DISABILITY = (*DISABILITY, Cue(_CHRONIC, skip_complaint=JAIL_CONTEXT))

GENDER_IDENTITY = (
    Cue(
        _alt(
            r"\btransgen\w+|\btransexual\w*|\btranssexual\w*",
            (
                r"\btrans (?:man|woman|men|women|girl|boy|person|people|student|kid|teen|youth|"
                r"daughter|son)\b"
            ),
            r"\b(?:mujer|hombre|chica|chico|persona|muchacha|muchacho|nina|nino) trans\b",
            r"\bnon-?binary\b|\bno binari[oa]\b|\bgender identity\b|\bidentidad de genero\b",
            r"\bpronouns\b|\bpronombres\b|\bdead ?nam\w+",
            r"\bgender (?:marker|transition|affirming|expression)\b",
        )
    ),
)

SEXUAL_ORIENTATION = (
    Cue(
        _alt(
            r"\bgays?\b|\blesbian\w*|\bbisexual\w*|\bhomosexual\w*|\bqueer\b|\bsame[- ]sex\b",
            r"\bmismo sexo\b|\bsexual orientation\b|\borientacion sexual\b",
            r"\b(?:somos|pareja de) dos (?:hombres|mujeres)\b",
            r"\b(?:we are|we're) two (?:men|women)\b",
            r"\btwo (?:moms|dads)\b|\bthat way\b(?<=\"that way)",
            r"\bese tipo de (?:bodas|parejas|personas)\b",
        )
    ),
    Cue(
        _alt(
            r"\bfag\w*|\bmaricon\w*|\bjoto\w*|\bdyke\b",
        ),
        weak=True,
    ),
)
# "my boyfriend" from a man (the form does not record sex, so read the narrative).
PARTNER_SAME_SEX = r"\b(?:my|mi) (?:boyfriend|novio)\b"
MALE_WRITER = _alt(
    r"\bsalesman\b|\bi am a (?:man|guy)\b|\bi'm a (?:man|guy)\b|\bsoy hombre\b|\bas a man\b",
)

CLASSES: dict[str, tuple[Cue, ...]] = {
    "race": RACE,
    "color": COLOR,
    "sex": SEX,
    "religion": RELIGION,
    "national_origin": NATIONAL_ORIGIN,
    "immigration_status": IMMIGRATION_STATUS,
    "disability": DISABILITY,
    "gender_identity": GENDER_IDENTITY,
    "sexual_orientation": SEXUAL_ORIENTATION,
}

# --- Urgency ----------------------------------------------------------------------------------

DETAINED_NOW = _alt(
    (
        r"\b(?:is|are|am|remains?|has been|have been|'s|'m)\s+(?:still\s+|now\s+|"
        r"currently\s+)?(?:in jail|in prison|in custody|in detention|detained|being held|held|"
        r"locked up|incarcerated|behind bars)\b"
    ),
    r"\bi am incarcerated\b",
    (
        r"\b(?:esta|estan|estoy|sigue|siguen|continua|lleva|llevamos)\s+(?:todavia\s+|aun\s+|"
        r"ahora\s+)?(?:detenid[oa]s?|pres[oa]s?|encerrad[oa]s?|en la carcel|en prision|"
        r"en el centro de detencion|en (?:la )?detencion|en custodia)\b"
    ),
    (
        r"\b(?:is|esta)\s+(?:now\s+|ahora\s+)?(?:at|en)\s+(?:the\s+|el\s+|"
        r"la\s+)?[\w ]{0,40}(?:jail|facility|detention|carcel|prision|centro de detencion|"
        r"penitentiary|ice office|ice custody|oficina de (?:ice|inmigracion))\b"
    ),
    (
        r"\b(?:lo|la|los|las|me|nos|le)\s+tienen\s+(?:todavia\s+|aun\s+)?(?:en\s+(?:el|"
        r"la)\s+(?:centro|carcel|prision|detencion)|detenid|pres|encerrad)\w*"
    ),
    r"\b(?:he'll be|she'll be|will be|is being|going to be) transferred\b",
    r"\b(?:lo|la|me) van a (?:trasladar|transferir|mover|llevar a)\b",
)
# Taken by ICE or the police; counts as "held now" unless a release follows.
ARRESTED = _alt(
    r"\b(?:took|picked up|arrested|detained|grabbed|handcuffed)\b",
    r"\b(?:se llevaron|agarraron|arrestaron|detuvieron|levantaron|llevaron)\b",
)
RELEASED = _alt(
    r"\breleased\b|\blet (?:him|her|them|me|us) go\b|\bout on bond\b|\bsoltaron\b",
    r"\bsali[oa]?\b|\bya esta afuera\b|\bcon fianza\b|\bdeported\b|\bdeportaron\b",
)
RELATIVE = (
    r"\b(?:my|our)\s+(?:\w+\s+)?(?:" + RELATIVES_EN + r")\b|\b(?:mi|mis|nuestro|nuestra)\s+"
    r"(?:" + RELATIVES_ES + r")\b|\bi am\b|\bi'm\b|\bestoy\b"
)
NOT_RELATIVE = _alt(
    r"\bfriend\b|\bamig[oa]s?\b|\bneighbou?r\w*|\bvecin[oa]s?\b|\bcoworkers?\b|\bcompaner[oa]s?\b",
    r"\bpeople\b|\bpersonas\b",
)

COURT_TEXT = _alt(
    (
        r"\b(?:my|his|her|our|the|mi|su|la|el)\s+(?:next\s+|proxima\s+|primera\s+|"
        r"first\s+)?(?:trial|hearing|court date|arraignment|audiencia|juicio|cita (?:en|"
        r"de) (?:la )?corte)\s+(?:is|es|sera|will be|esta programad[ao]|is set|is scheduled)\b"
    ),
    (
        r"\b(?:tiene|tengo|tenemos|tienen)\s+(?:su |mi |una )?(?:primera |proxima )?(?:audiencia|"
        r"corte|cita en la corte|juicio)\b"
    ),
    r"\bi have (?:a )?(?:court|hearing|trial)\b",
    r"\b(?:has|have) (?:a |his |her |my )?(?:court date|hearing|trial)\b",
    r"\bupcoming (?:hearing|trial|court)\b",
    (
        r"\b(?:hearing|trial|court date|audiencia|juicio) (?:is |es )?(?:set |scheduled |"
        r"programad[ao] )?(?:for|para) (?:next|la proxima|el proximo|tomorrow|manana)\b"
    ),
)

REMOVAL = _alt(
    r"\bfinal (?:order|removal order|order of (?:removal|deportation))\b",
    r"\borden (?:final )?de (?:deportacion|remocion|expulsion)\b|\b(?:deportation|removal) order\b",
    r"\border of (?:removal|deportation)\b",
    r"\b(?:is|are|am|will be|to be|going to be|gonna be|being) deported\b",
    r"\b(?:van|va) a (?:deportar\w*|sacar del pais)\b",
    r"\b(?:going to|gonna|about to|will|are|is) deport(?:ing)? (?:him|her|me|them|us|my \w+)\b",
    (
        r"\b(?:bus|plane|flight|avion|vuelo)\b[^.?!]{0,40}\b(?:deport\w*|removal|honduras|"
        r"guatemala|mexico|el salvador|his country|her country|su pais)\b"
    ),
    r"\b(?:suben|subir|montan|montar|ponen|poner) al avion\b|\bstay of (?:removal|deportation)\b",
    r"\bsuspension de (?:la )?deportacion\b|\bremoval (?:flight|is scheduled|date)\b",
    r"\bdeportation (?:is )?(?:imminent|scheduled|date|tomorrow|flight)\b",
    r"\btransfer\w* (?:for|to be) (?:removal|deport\w+)\b",
    r"\b(?:lo|la|los|las|me|nos|le|les) deport(?:an|aran|ara)\b",
    r"\bdeported (?:tomorrow|today|next|this)\b|\bvoluntary departure\b|\bsalida voluntaria\b",
    r"\bfirm\w+ su (?:salida|deportacion)\b",
)

ONGOING = _alt(
    # "lying still" is motionless, "still has an F" describes a thing: neither says harm goes on.
    (
        r"\bstill\b(?<!lying still)(?<!lay still)(?<!lie still)(?<!sat still)(?<!sit still)"
        r"(?<!stood still)(?<!stand still)(?<!stay still)(?<!stayed still)(?<!hold still)"
        r"(?<!held still)(?<!kept still)(?<!keep still)(?<!sitting still)(?<!standing still)"
        r"(?!\s+ha(?:s|ve)\s+(?:an?|the|my|his|her)\b)"
    ),
    r"\bevery (?:day|week|month|night|morning|time|shift|weekend|" + WEEKDAYS_EN + r")s?\b",
    r"\bkeeps\b|\bkeep (?:on|\w+ing)\b|\bcontinu(?:es|e|ing)\b|\bongoing\b|\bto this day\b",
    (
        r"\b(?:has|have|'s|'ve) been (?:\w+ ){0,4}for (?:\d+|a|two|three|four|five|six) "
        r"(?:days|weeks|months)\b"
    ),
    r"\bas of (?:today|now)\b|\bright now\b|\bcurrently\b",
    r"\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) time (?:this|in a|in the last) "
    r"(?:week|month)\b",
    r"\bover and over\b|\bagain and again\b",
    (
        r"\b(?:is|are|am|'s|'re|'m)\s+(?:being|getting|missing|making|refusing|denying|"
        r"charging|harassing|threatening|living|waiting|suffering|losing|bullying|ignoring|"
        r"withholding|blocking)\b"
    ),
    (
        r"\b(?:haven'?t|hasn'?t|have not|has not)\s+(?:\w+\s+){0,4}(?:for|in)\s+(?:\w+\s+)?"
        r"(?:days?|weeks?|months?|years?)\b"
    ),
    (
        r"\bsince (?:january|february|march|april|may|june|july|august|september|october|"
        r"november|december|last (?:week|month|year))\b"
    ),
    r"\btodavia\b|\baun\b|\bsigue\b|\bsiguen\b|\bseguimos\b|\bcontinua\w*",
    r"\bcada (?:dia|semana|mes|vez|noche|" + WEEKDAYS_ES + r")\b",
    r"\btodos los (?:dias|meses|" + WEEKDAYS_ES + r")\b|\blos (?:" + WEEKDAYS_ES + r")\b",
    r"\bla (?:segunda|tercera|cuarta) vez (?:este|esta|en el|en la) (?:mes|semana)\b",
    r"\buna y otra vez\b|\b(?:me|nos|le|les|lo|la)\s+(?:esta|estan)\s+\w+(?:ando|iendo)\b",
    r"\bhasta (?:hoy|ahora|la fecha)\b|\bya van\b",
    r"\blleva(?:mos|n)? \w+ (?:dias|semanas|meses|anos)\b",
    r"\bdesde (?:" + MONTHS_ES + r"|hace|que)\b",
)
# "que no lo deporten todavia": "not yet", not "still".
NOT_YET = r"\bno\s+(?:\w+\s+){1,3}$"

# --- Scope ------------------------------------------------------------------------------------

POLICY = _alt(
    r"\beveryone\b|\beverybody\b",
    r"\ball (?:the|of us|of them|of the|hispanic|black|latino|women|workers|tenants|students)\b",
    (
        r"\bother (?:\w+ ){0,2}(?:workers|employees|women|men|tenants|families|students|parents|"
        r"riders|people|drivers|customers|residents|inmates|prisoners|detainees|guests|patients|"
        r"mothers|teachers|members|neighbors|children|kids|girls)\b"
    ),
    r"\bothers\b|\bseveral (?:\w+ )?(?:people|riders|workers|families|students|women|tenants)\b",
    r"\bmany (?:people|families|workers|students|women|of us)\b",
    r"\bsame (?:thing|problem|situation|denial|treatment|reason)\b",
    r"\b(?:a|the|their|company|store|school|new|unwritten) (?:rule|policy|practice)\b",
    r"\bpolic(?:y|ies)\b|\bpolitica\b|\bregla\b|\bpractica\b|\btodos los\b|\btodas las\b",
    r"\ba los demas\b|\ba las demas\b|\blos demas\b",
    (
        r"\botr[oa]s (?:\w+ )?(?:trabajadores|familias|mujeres|mamas|personas|companer[oa]s|"
        r"muchachos|presos|hispanos|latinos|senoras|padres|estudiantes|ninos|vecin[oa]s|empleados)\b"
    ),
    r"\bmucha gente\b|\bmuchas (?:personas|familias)\b|\bsiempre\b|\bsomos como \d+\b",
    (
        r"\b\d+ (?:of us|workers|families|people|students|tenants|trabajadores|familias|personas|"
        r"companeros)\b"
    ),
    r"\bpara nadie\b|\bfor (?:anyone|everyone)\b|\blo mismo\b",
)
