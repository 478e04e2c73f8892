"""The letter templates a new installation starts with, in English and Spanish.

These are data, not interface text: admins edit them in the database, so they are not marked
for gettext. Letters to the person are short and plain (about a 12-year-old's reading level);
the inquiry letter is formal and goes to the responsible party.

Rules the texts keep:
- nothing the person wrote is ever quoted: placeholders carry only names, the reference and
  what staff write for the letter;
- the inquiry names the person only through {person_name} and says they authorised the letter;
- {reason} sits in a paragraph of its own, so a decline without a reason reads normally.

The texts use US spelling (organization, authorized): they go to people and offices in the US.
"""

from __future__ import annotations

# Every placeholder a template may use, and which kinds fill which.
COMMON_PLACEHOLDERS = ("person_name", "reference", "date", "organisation")
KIND_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "acknowledgment": (),
    "need_info": ("question",),
    "referral": ("referral_name", "referral_contact"),
    "decline": ("reason",),
    "inquiry": ("party_name", "incident_summary", "requested_action"),
}

_ACKNOWLEDGMENT_EN = """\
Dear {person_name},

Thank you for writing to {organisation}. We received your complaint. Your reference number is \
{reference}. Please use this number when you contact us.

We will read what you sent us with care. We will contact you after we review it. This can take \
some time.

We are not your lawyer unless we tell you so in writing. Sending us a complaint does not mean \
we will take your case.

If you have a court date, go to court on that date. Writing to us does not change it.

Sincerely,
{organisation}"""

_ACKNOWLEDGMENT_ES = """\
Estimado/a {person_name}:

Gracias por escribir a {organisation}. Recibimos su queja. Su número de referencia es \
{reference}. Por favor, use este número cuando se comunique con nosotros.

Vamos a leer con cuidado lo que nos envió. Nos comunicaremos con usted después de revisarlo. \
Esto puede tardar un tiempo.

No somos sus abogados a menos que se lo digamos por escrito. Enviarnos una queja no significa \
que vamos a tomar su caso.

Si tiene una fecha de corte, vaya a la corte ese día. Escribirnos no cambia esa fecha.

Atentamente,
{organisation}"""

_NEED_INFO_EN = """\
Dear {person_name},

Thank you for writing to {organisation} about your complaint, reference number {reference}.

We need more information before we can review it. Please tell us:

{question}

Please send us your answer soon, and write your reference number on it. If we do not hear \
from you, we may not be able to review your complaint.

We are not your lawyer unless we tell you so in writing. If you have a court date, go to court \
on that date.

Sincerely,
{organisation}"""

_NEED_INFO_ES = """\
Estimado/a {person_name}:

Gracias por escribir a {organisation} sobre su queja, número de referencia {reference}.

Necesitamos más información antes de poder revisarla. Por favor, díganos:

{question}

Por favor, envíenos su respuesta pronto y escriba en ella su número de referencia. Si no \
sabemos de usted, es posible que no podamos revisar su queja.

No somos sus abogados a menos que se lo digamos por escrito. Si tiene una fecha de corte, vaya \
a la corte ese día.

Atentamente,
{organisation}"""

_REFERRAL_EN = """\
Dear {person_name},

Thank you for writing to {organisation} about your complaint, reference number {reference}.

We are not able to help you with this ourselves. We think this organization may be able to help:

{referral_name}
{referral_contact}

Please contact them yourself as soon as you can. They are not part of {organisation}, and we \
cannot promise that they will take your case.

We are not your lawyer. There may be time limits for taking action about your problem, so \
please do not wait. If you have a court date, go to court on that date.

Sincerely,
{organisation}"""

_REFERRAL_ES = """\
Estimado/a {person_name}:

Gracias por escribir a {organisation} sobre su queja, número de referencia {reference}.

Nosotros no podemos ayudarle con esto. Creemos que esta organización tal vez pueda ayudarle:

{referral_name}
{referral_contact}

Por favor, comuníquese usted con ellos lo antes posible. No forman parte de {organisation} y no \
podemos prometer que tomarán su caso.

No somos sus abogados. Puede haber plazos para actuar sobre su problema, así que por favor no \
espere. Si tiene una fecha de corte, vaya a la corte ese día.

Atentamente,
{organisation}"""

_DECLINE_EN = """\
Dear {person_name},

Thank you for writing to {organisation} about your complaint, reference number {reference}.

We have reviewed it. We are sorry, but we are not able to take your case.

{reason}

This does not mean that your problem is not real or not important.

We are not your lawyer. There may be time limits for taking action about your problem. If you \
want to take action, please get other legal help soon, for example from a legal aid office or \
a private lawyer. If you have a court date, go to court on that date.

Sincerely,
{organisation}"""

_DECLINE_ES = """\
Estimado/a {person_name}:

Gracias por escribir a {organisation} sobre su queja, número de referencia {reference}.

La revisamos. Lo sentimos, pero no podemos tomar su caso.

{reason}

Esto no significa que su problema no sea real o no sea importante.

No somos sus abogados. Puede haber plazos para actuar sobre su problema. Si quiere actuar, \
por favor busque otra ayuda legal pronto, por ejemplo en una oficina de ayuda legal o con un \
abogado privado. Si tiene una fecha de corte, vaya a la corte ese día.

Atentamente,
{organisation}"""

_INQUIRY_EN = """\
Dear {party_name}:

{person_name} has authorized {organisation} to write to you about the matter described \
below and to use their name in this letter. Please refer to our reference, {reference}, in any \
reply.

The concern, as it has been reported to us, is as follows:

{incident_summary}

We respectfully request the following:

{requested_action}

We ask that you respond in writing within thirty (30) days of the date of this letter. We \
also ask that you preserve all documents, recordings, electronic communications and other \
records related to this matter.

This letter is an inquiry. It is not a complete statement of the facts, and nothing in it \
waives any right, claim or remedy available to {person_name}.

Sincerely,
{organisation}"""

_INQUIRY_ES = """\
Estimado/a {party_name}:

{person_name} autorizó a {organisation} a escribirle sobre el asunto que se describe a \
continuación y a usar su nombre en esta carta. Por favor, indique nuestra referencia, \
{reference}, en cualquier respuesta.

El asunto, según se nos ha informado, es el siguiente:

{incident_summary}

Respetuosamente solicitamos lo siguiente:

{requested_action}

Le pedimos que responda por escrito dentro de los treinta (30) días siguientes a la fecha de \
esta carta. También le pedimos que conserve todos los documentos, grabaciones, comunicaciones \
electrónicas y demás registros relacionados con este asunto.

Esta carta es una consulta. No es una relación completa de los hechos, y nada de lo que dice \
supone una renuncia a ningún derecho, reclamo o recurso que le corresponda a {person_name}.

Atentamente,
{organisation}"""

DEFAULT_TEMPLATES: list[dict[str, str]] = [
    {
        "kind": "acknowledgment",
        "language": "en",
        "subject": "We received your complaint",
        "body": _ACKNOWLEDGMENT_EN,
    },
    {
        "kind": "acknowledgment",
        "language": "es",
        "subject": "Recibimos su queja",
        "body": _ACKNOWLEDGMENT_ES,
    },
    {
        "kind": "need_info",
        "language": "en",
        "subject": "We need more information from you",
        "body": _NEED_INFO_EN,
    },
    {
        "kind": "need_info",
        "language": "es",
        "subject": "Necesitamos más información",
        "body": _NEED_INFO_ES,
    },
    {
        "kind": "referral",
        "language": "en",
        "subject": "Another organization may be able to help you",
        "body": _REFERRAL_EN,
    },
    {
        "kind": "referral",
        "language": "es",
        "subject": "Otra organización tal vez pueda ayudarle",
        "body": _REFERRAL_ES,
    },
    {
        "kind": "decline",
        "language": "en",
        "subject": "We are not able to take your case",
        "body": _DECLINE_EN,
    },
    {
        "kind": "decline",
        "language": "es",
        "subject": "No podemos tomar su caso",
        "body": _DECLINE_ES,
    },
    {
        "kind": "inquiry",
        "language": "en",
        "subject": "Inquiry concerning {person_name}",
        "body": _INQUIRY_EN,
    },
    {
        "kind": "inquiry",
        "language": "es",
        "subject": "Consulta relativa a {person_name}",
        "body": _INQUIRY_ES,
    },
]
