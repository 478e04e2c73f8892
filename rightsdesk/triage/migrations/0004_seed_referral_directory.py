from django.db import migrations

# Names and kinds only: contact details are for admins to fill in from the organisations.
DIRECTORY = [
    ("Mississippi Center for Legal Services", "Civil legal aid",
     ["housing", "employment", "other"], ["en"]),
    ("North Mississippi Rural Legal Services", "Civil legal aid",
     ["housing", "employment", "education", "other"], ["en"]),
    ("Mississippi Volunteer Lawyers Project", "Pro bono referral", ["other"], ["en"]),
    ("The Mississippi Bar Lawyer Referral Service", "Lawyer referral", ["other"], ["en"]),
    ("Mississippi Center for Justice", "Public interest law",
     ["housing", "education", "public_accommodations", "other"], ["en"]),
    ("Southern Poverty Law Center (Mississippi office)", "Public interest law",
     ["detention", "education", "immigration_enforcement", "policing"], ["en", "es"]),
    ("Mississippi Immigrants Rights Alliance", "Immigrant rights advocacy",
     ["immigration_enforcement", "employment", "policing"], ["en", "es"]),
    ("U.S. Equal Employment Opportunity Commission", "Federal agency", ["employment"],
     ["en", "es"]),
    ("U.S. Department of Housing and Urban Development, Office of Fair Housing and Equal "
     "Opportunity", "Federal agency", ["housing"], ["en", "es"]),
    ("U.S. Department of Education, Office for Civil Rights", "Federal agency", ["education"],
     ["en", "es"]),
    ("U.S. Department of Justice, Civil Rights Division", "Federal agency",
     ["policing", "detention", "voting", "public_accommodations"], ["en", "es"]),
]


def seed(apps, schema_editor):
    Organisation = apps.get_model("triage", "ReferralOrganisation")  # noqa: N806
    for name, kind, areas, languages in DIRECTORY:
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "areas": areas, "languages": languages})


class Migration(migrations.Migration):
    dependencies = [("triage", "0003_referralorganisation_decision")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
