"""The cooperation areas of the Cluj-Napoca ↔ Dortmund agreement, in three languages."""

from django.db import migrations

# slug, parent slug, English, German, Romanian
AREAS = [
    (
        "new-technologies",
        None,
        "New technologies",
        "Neue Technologien",
        "Tehnologii noi",
    ),
    ("ai-data", "new-technologies", "AI and data", "KI und Daten", "IA și date"),
    (
        "iot",
        "new-technologies",
        "Internet of Things",
        "Internet der Dinge",
        "Internetul lucrurilor",
    ),
    (
        "cybersecurity",
        "new-technologies",
        "Cybersecurity",
        "Cybersicherheit",
        "Securitate cibernetică",
    ),
    (
        "robotics-logistics",
        "new-technologies",
        "Robotics and logistics",
        "Robotik und Logistik",
        "Robotică și logistică",
    ),
    (
        "software-it-services",
        "new-technologies",
        "Software and IT services",
        "Software und IT-Dienstleistungen",
        "Software și servicii IT",
    ),
    (
        "life-sciences",
        "new-technologies",
        "Life sciences and health technology",
        "Lebenswissenschaften und Medizintechnik",
        "Științele vieții și tehnologie medicală",
    ),
    ("start-ups", None, "Start-ups", "Start-ups", "Start-up-uri"),
    (
        "founding-support",
        "start-ups",
        "Founding and incubation",
        "Gründung und Inkubation",
        "Înființare și incubare",
    ),
    (
        "investment",
        "start-ups",
        "Investment and funding",
        "Investitionen und Finanzierung",
        "Investiții și finanțare",
    ),
    ("agriculture", None, "Agriculture", "Landwirtschaft", "Agricultură"),
    ("agritech", "agriculture", "Agritech", "Agrartechnik", "Agritech"),
    (
        "food-processing",
        "agriculture",
        "Food processing",
        "Lebensmittelverarbeitung",
        "Procesarea alimentelor",
    ),
    (
        "rural-development",
        "agriculture",
        "Rural development",
        "Ländliche Entwicklung",
        "Dezvoltare rurală",
    ),
    (
        "municipal-innovation",
        None,
        "Innovative municipal action",
        "Innovatives kommunales Handeln",
        "Acțiune municipală inovatoare",
    ),
    (
        "smart-city",
        "municipal-innovation",
        "Smart city",
        "Smart City",
        "Oraș inteligent",
    ),
    ("mobility", "municipal-innovation", "Mobility", "Mobilität", "Mobilitate"),
    (
        "energy-climate",
        "municipal-innovation",
        "Energy and climate",
        "Energie und Klima",
        "Energie și climă",
    ),
    (
        "e-government",
        "municipal-innovation",
        "E-government",
        "E-Government",
        "Guvernare electronică",
    ),
    (
        "knowledge-transfer",
        None,
        "Knowledge transfer",
        "Wissenstransfer",
        "Transfer de cunoștințe",
    ),
    (
        "research-cooperation",
        "knowledge-transfer",
        "Research cooperation",
        "Forschungskooperation",
        "Cooperare în cercetare",
    ),
    (
        "education-skills",
        "knowledge-transfer",
        "Education and skills",
        "Bildung und Qualifizierung",
        "Educație și competențe",
    ),
]


def add_areas(apps, schema_editor):
    Area = apps.get_model("partnerships", "Area")
    by_slug = {}
    for position, (slug, parent, en, de, ro) in enumerate(AREAS):
        area, _ = Area.objects.update_or_create(
            slug=slug,
            defaults={
                "parent": by_slug.get(parent),
                "name_en": en,
                "name_de": de,
                "name_ro": ro,
                "position": position,
            },
        )
        by_slug[slug] = area


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(add_areas, migrations.RunPython.noop)]
