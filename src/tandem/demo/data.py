"""The Cluj-Napoca ↔ Dortmund demo data, as plain Python (no Django).

Real institutions are described only with the public facts in
``shared/demo-facts.md`` (websites marked unconfirmed there are left out).
Every invented organisation and every opportunity ends its description with a
sentence that marks it as a fictional example (``EXAMPLE``).  Organisations and
opportunities are rows in the import format (``docs/import-format.md``);
opportunities carry relative dates that the loader turns into real ones.
"""

import datetime
from decimal import Decimal
from typing import Any

PASSWORD = "tandem-demo-2020"

EXAMPLE = {
    "de": "Fiktives Beispiel für die Demo.",
    "ro": "Exemplu fictiv pentru demonstrație.",
    "en": "Fictional example for the demo.",
}

CITIES: list[dict[str, Any]] = [
    {
        "slug": "dortmund",
        "name_translations": {"de": "Dortmund", "ro": "Dortmund", "en": "Dortmund"},
        "country": "DE",
        "languages": ["de"],
        "time_zone": "Europe/Berlin",
    },
    {
        "slug": "cluj-napoca",
        "name_translations": {
            "de": "Klausenburg",
            "ro": "Cluj-Napoca",
            "en": "Cluj-Napoca",
        },
        "country": "RO",
        "languages": ["ro"],
        "time_zone": "Europe/Bucharest",
    },
]

PARTNERSHIP: dict[str, Any] = {
    "slug": "dortmund-cluj-napoca",
    "city_a": "dortmund",
    "city_b": "cluj-napoca",
    "kind": "project",
    "signed_on": "2020-07-31",
    "signing_method": "video_conference",
    "status": "active",
    "focus_areas": [
        "new-technologies",
        "start-ups",
        "agriculture",
        "municipal-innovation",
        "knowledge-transfer",
    ],
    "agreement_summary_translations": {
        "de": (
            "Am 31. Juli 2020 unterzeichneten die Stadtoberhäupter von Dortmund und "
            "Cluj-Napoca per Videokonferenz eine Absichtserklärung für eine kommunale "
            "Projektpartnerschaft. Sie soll Partnerschaften zwischen Akteurinnen und "
            "Akteuren beider Ökosysteme in einem formalen, stärker strukturierten Rahmen "
            "entwickeln: bei neuen Technologien, Start-ups und in der Landwirtschaft, "
            "beim innovativen kommunalen Handeln und im Wissenstransfer."
        ),
        "ro": (
            "La 31 iulie 2020, primarii orașelor Cluj-Napoca și Dortmund au semnat prin "
            "videoconferință o scrisoare de intenție pentru un parteneriat de proiect "
            "între cele două municipii. Scopul este dezvoltarea de parteneriate între "
            "membrii ecosistemelor din Cluj și Dortmund, într-un cadru formal, mai "
            "structurat: în tehnologiile noi, start-up-uri și agricultură, în acțiunea "
            "municipală inovatoare și în transferul de cunoștințe."
        ),
        "en": (
            "On 31 July 2020 the mayors of Dortmund and Cluj-Napoca signed a letter of "
            "intent for a municipal project partnership by video conference. It is to "
            "develop partnerships between members of the ecosystems of Cluj and Dortmund "
            "within a formal, more structured framework: in new technologies, start-ups "
            "and agriculture, in innovative municipal action and in knowledge transfer."
        ),
    },
}


def _org(
    external_id: str,
    name: str,
    kind: str,
    city: str,
    areas: list[str],
    description: str,
    *,
    en: str = "",
    example: bool = False,
    **fields: Any,
) -> dict[str, Any]:
    language = "de" if city == "dortmund" else "ro"
    if example:
        description = f"{description} {EXAMPLE[language]}"
        en = f"{en} {EXAMPLE['en']}" if en else ""
    row: dict[str, Any] = {
        "external_id": external_id,
        "name": name,
        "kind": kind,
        "city": city,
        "areas": areas,
        "description": description,
        "language": language,
        "description_en": en,
        "languages_spoken": [language, "en"],
        "visibility": "public",
        "verification": "verified",
    }
    row.update(fields)
    return row


# Real institutions of Dortmund: public facts only (shared/demo-facts.md, §1).
DORTMUND_INSTITUTIONS = [
    _org(
        "demo-do-tu-dortmund",
        "Technische Universität Dortmund",
        "university",
        "dortmund",
        ["research-cooperation", "education-skills", "robotics-logistics", "ai-data"],
        "Die TU Dortmund wurde 1968 gegründet, um den Strukturwandel nach dem Ende der "
        "Kohle zu begleiten. Sie hat 16 Fakultäten und rund 30.300 Studierende; nach "
        "den Zahlen der DFG gehört sie unter anderem in der Produktionstechnik, den "
        "Materialwissenschaften und der Informatik zu den zehn stärksten Hochschulen. "
        "Ihre Sozialforschungsstelle koordinierte das Klimaanpassungsprojekt "
        "iResilience.",
        en="TU Dortmund University was founded in 1968 to support the structural "
        "change after coal. It has 16 faculties and about 30,300 students; DFG figures "
        "place it among the top ten in fields such as production engineering, "
        "materials science and computer science. Its Social Research Centre "
        "(Sozialforschungsstelle) coordinated the climate-adaptation project "
        "iResilience.",
        website="https://tu-dortmund.de/",
        size_band="large",
        founded_year=1968,
    ),
    _org(
        "demo-do-fh-dortmund",
        "Fachhochschule Dortmund",
        "university",
        "dortmund",
        ["education-skills", "research-cooperation"],
        "Die Fachhochschule Dortmund wurde 1971 gegründet; ihre Wurzeln reichen bis "
        "1890 zurück. Rund 15.000 Studierende lernen hier praxisnah, und Lehre wie "
        "angewandte Forschung entstehen in Zusammenarbeit mit Unternehmen der Region.",
        en="The University of Applied Sciences and Arts was founded in 1971, with "
        "roots going back to 1890. About 15,000 students learn here; its teaching and "
        "applied research work with companies of the region.",
        website="https://fh-dortmund.de/",
        size_band="large",
        founded_year=1971,
    ),
    _org(
        "demo-do-fraunhofer-iml",
        "Fraunhofer-Institut für Materialfluss und Logistik IML",
        "research_institute",
        "dortmund",
        ["robotics-logistics", "ai-data", "research-cooperation", "founding-support"],
        "Das Fraunhofer IML wurde 1981 gegründet und forscht zur Logistik, unter "
        "anderem mit künstlicher Intelligenz und Robotik. Gemeinsam mit Partnern "
        "betreibt es den Start-up-Hub „Digital Hub Logistics“.",
        en="The Fraunhofer Institute for Material Flow and Logistics was founded in "
        "1981 and researches logistics, including artificial intelligence and "
        "robotics. With partners it runs the start-up hub “Digital Hub Logistics”.",
        website="https://iml.fraunhofer.de/",
        size_band="large",
        founded_year=1981,
    ),
    _org(
        "demo-do-fraunhofer-isst",
        "Fraunhofer-Institut für Software- und Systemtechnik ISST",
        "research_institute",
        "dortmund",
        ["ai-data", "software-it-services", "research-cooperation"],
        "Das Fraunhofer ISST wurde 1992 gegründet und forscht zu Datenräumen und "
        "Datensouveränität, etwa im Umfeld von Gaia-X. Rund 150 Beschäftigte arbeiten "
        "seit 2022 am Dortmunder Hafen.",
        en="The Fraunhofer Institute for Software and Systems Engineering was founded "
        "in 1992 and researches data spaces and data sovereignty, for example around "
        "Gaia-X. About 150 staff have worked at Dortmund harbour since 2022.",
        website="https://isst.fraunhofer.de/",
        size_band="medium",
        founded_year=1992,
    ),
    _org(
        "demo-do-mpi-mp",
        "Max-Planck-Institut für molekulare Physiologie",
        "research_institute",
        "dortmund",
        ["life-sciences", "research-cooperation"],
        "Das Institut wurde 1913 in Berlin gegründet und ist seit 1929 in Dortmund. "
        "Rund 150 Forschende untersuchen, wie Zellen wachsen und Signale verarbeiten "
        "und welche Ursachen Krebs hat; das Institut entwickelt auch Wirkstoffe, aus "
        "denen Arzneimittel werden können.",
        en="The Max Planck Institute of Molecular Physiology was founded in Berlin in "
        "1913 and has been in Dortmund since 1929. About 150 researchers study cell "
        "growth, cell signalling and the causes of cancer; the institute also "
        "develops compounds that may lead to drugs.",
        website="https://mpi-dortmund.mpg.de/",
        founded_year=1913,
    ),
    _org(
        "demo-do-isas",
        "Leibniz-Institut für Analytische Wissenschaften – ISAS – e.V.",
        "research_institute",
        "dortmund",
        ["life-sciences", "research-cooperation"],
        "Das ISAS wurde 1952 gegründet und entwickelt analytische Methoden für "
        "Prävention, Diagnose und personalisierte Therapie, zum Beispiel bei "
        "Herz-Kreislauf-Erkrankungen.",
        en="The Leibniz Institute for Analytical Sciences was founded in 1952 and "
        "develops analytical methods for prevention, diagnosis and personalised "
        "therapy, for example of cardiovascular diseases.",
        website="https://isas.de/",
        founded_year=1952,
    ),
    _org(
        "demo-do-tzdo",
        "TechnologieZentrumDortmund",
        "other",
        "dortmund",
        ["founding-support", "new-technologies"],
        "Das TechnologieZentrumDortmund liegt im TechnologiePark Dortmund direkt neben "
        "der TU und der Fachhochschule. Im Park arbeiten rund 300 Unternehmen mit "
        "13.500 Arbeitsplätzen (Stand 2024).",
        en="The TechnologieZentrumDortmund lies in Dortmund's technology park, next to "
        "TU Dortmund and the University of Applied Sciences. About 300 firms with "
        "13,500 jobs work in the park (2024).",
        website="https://tzdo.de/",
    ),
    _org(
        "demo-do-ihk",
        "Industrie- und Handelskammer zu Dortmund",
        "chamber",
        "dortmund",
        ["smart-city", "start-ups"],
        "Die IHK zu Dortmund wurde 1863 gegründet und ist für Dortmund, Hamm und den "
        "Kreis Unna zuständig. Sie hat die Allianz Smart City Dortmund mitbegründet.",
        en="The Chamber of Commerce and Industry was founded in 1863 and covers "
        "Dortmund, Hamm and the district of Unna. It co-founded the Allianz Smart City "
        "Dortmund.",
        size_band="large",
        founded_year=1863,
    ),
    _org(
        "demo-do-wirtschaftsfoerderung",
        "Wirtschaftsförderung Dortmund",
        "municipal",
        "dortmund",
        ["founding-support", "start-ups"],
        "Die Wirtschaftsförderung Dortmund richtet seit 2001 start2grow aus, einen "
        "bundesweiten Gründungswettbewerb, in dem mehr als 600 ehrenamtliche Coaches "
        "die Teams begleiten.",
        en="Dortmund's economic development agency has run start2grow since 2001, a "
        "nationwide start-up competition in which more than 600 volunteer coaches "
        "support the teams.",
        website="https://wirtschaftsfoerderung-dortmund.de/",
    ),
    _org(
        "demo-do-hwk",
        "Handwerkskammer Dortmund",
        "chamber",
        "dortmund",
        ["education-skills"],
        "Die Handwerkskammer Dortmund wurde 1900 gegründet. Als Selbstverwaltung von "
        "rund 19.700 Handwerksbetrieben (Stand 2018) regelt sie Ausbildung und "
        "Prüfungen.",
        en="The Chamber of Crafts was founded in 1900. The self-governing body of "
        "about 19,700 craft firms (2018), it sets the rules for training and exams.",
        website="https://hwk-do.de/",
        founded_year=1900,
    ),
    _org(
        "demo-do-stadt-international",
        "Stadt Dortmund – Büro für Internationale Beziehungen und Nachhaltige "
        "Entwicklung",
        "municipal",
        "dortmund",
        ["municipal-innovation", "energy-climate", "knowledge-transfer"],
        "Das Büro betreut die Projektpartnerschaft mit Cluj-Napoca. Seit November 2021 "
        "teilt es im zweijährigen Projekt „iResilience goes Europe“ Ergebnisse zu "
        "Klimaanpassung und Resilienz, etwa zur Speicherung von Regenwasser, mit "
        "Cluj-Napoca.",
        en="The City of Dortmund's office for international relations and sustainable "
        "development looks after the project partnership with Cluj-Napoca. Since "
        "November 2021, the two-year project “iResilience goes Europe” has shared "
        "results on climate adaptation and resilience, such as rainwater storage, "
        "with Cluj-Napoca.",
        website="https://dortmund.de/",
    ),
    _org(
        "demo-do-stadt-cio",
        "Stadt Dortmund – Chief Information/Innovation Office",
        "municipal",
        "dortmund",
        ["smart-city", "e-government"],
        "Das 2018 eingerichtete Chief Information/Innovation Office steuert die "
        "Smart-City-Strategie der Stadt gemeinsam mit der Allianz Smart City Dortmund, "
        "die im Dezember 2016 mit der IHK gegründet wurde.",
        en="Set up in 2018, the City of Dortmund's Chief Information/Innovation Office "
        "steers the smart-city strategy together with the Allianz Smart City "
        "Dortmund, founded with the Chamber of Commerce in December 2016.",
        website="https://dortmund.de/",
        founded_year=2018,
    ),
    _org(
        "demo-do-wlv-ruhr-lippe",
        "WLV Kreisverband Ruhr-Lippe",
        "cluster",
        "dortmund",
        ["agriculture", "rural-development"],
        "Der landwirtschaftliche Kreisverband ist für den Kreis Unna, Hamm, Dortmund, "
        "Bochum und Herne zuständig. Am Hellweg wird vor allem Ackerbau betrieben; "
        "rund 11 % der Betriebe vermarkten direkt. Allein in Dortmund gibt es mehr "
        "als 100 landwirtschaftliche Betriebe.",
        en="The Ruhr-Lippe farmers' association covers the district of Unna, Hamm, "
        "Dortmund, Bochum and Herne. Along the Hellweg, farming is mainly arable; "
        "about 11% of farms sell directly. Dortmund alone has more than 100 farms.",
        website="https://wlv.de/",
    ),
    _org(
        "demo-do-adesso",
        "adesso SE",
        "it_services",
        "dortmund",
        ["software-it-services"],
        "adesso wurde 1997 in Dortmund gegründet und ist von zwei Gründern auf mehr "
        "als 10.000 Beschäftigte (2024) gewachsen. Das erste Java-Projekt entstand "
        "für Versicherungen.",
        en="adesso was founded in Dortmund in 1997 and has grown from two founders to "
        "more than 10,000 staff (2024). Its first Java project was for insurers.",
        size_band="large",
        founded_year=1997,
    ),
    _org(
        "demo-do-signal-iduna",
        "SIGNAL IDUNA Gruppe",
        "company",
        "dortmund",
        ["software-it-services"],
        "Die Signal wurde 1907 von Dortmunder Handwerkern gegründet und schloss sich "
        "1999 mit der Hamburger Iduna zusammen. In Rumänien ist die Gruppe seit 2006 "
        "tätig, vor allem mit Krankenversicherungen.",
        en="Signal was founded in 1907 by Dortmund craftsmen and merged with Hamburg's "
        "Iduna in 1999. The group has been active in Romania since 2006, mainly in "
        "health insurance.",
        size_band="large",
        founded_year=1907,
    ),
]

# Real institutions of Cluj-Napoca: public facts only (shared/demo-facts.md, §2).
CLUJ_INSTITUTIONS = [
    _org(
        "demo-cj-ubb",
        "Universitatea Babeș-Bolyai",
        "university",
        "cluj-napoca",
        ["research-cooperation", "education-skills"],
        "Înființată în 1919, cu rădăcini care merg până în 1581, Universitatea "
        "Babeș-Bolyai este cea mai mare universitate din România, cu aproximativ "
        "39.600 de studenți. Predă în limbile română, maghiară, germană, engleză și "
        "franceză și este membru fondator al Cluj IT Cluster.",
        en="Founded in 1919, with roots going back to 1581, Babeș-Bolyai University "
        "is Romania's largest university, with about 39,600 students. It teaches in "
        "Romanian, Hungarian, German, English and French and is a founding member of "
        "the Cluj IT Cluster.",
        languages_spoken=["ro", "hu", "de", "en", "fr"],
        website="https://ubbcluj.ro/",
        size_band="large",
        founded_year=1919,
    ),
    _org(
        "demo-cj-utcn",
        "Universitatea Tehnică din Cluj-Napoca",
        "university",
        "cluj-napoca",
        ["research-cooperation", "education-skills", "software-it-services"],
        "Universitatea Tehnică, înființată în 1948, cu rădăcini din 1920, pregătește "
        "aproximativ 21.000 de studenți în inginerie, calculatoare și arhitectură. "
        "Oferă un program de inginerie industrială predat în limba germană, împreună "
        "cu Universitatea din Stuttgart și cu sprijinul DAAD.",
        en="The Technical University, founded in 1948 with roots in 1920, has about "
        "21,000 students in engineering, computing and architecture. It offers an "
        "industrial engineering programme taught in German, with the University of "
        "Stuttgart and the support of the DAAD.",
        languages_spoken=["ro", "de", "en"],
        website="https://utcluj.ro/",
        size_band="large",
        founded_year=1948,
    ),
    _org(
        "demo-cj-usamv",
        "Universitatea de Științe Agricole și Medicină Veterinară Cluj-Napoca",
        "university",
        "cluj-napoca",
        ["agriculture", "agritech", "food-processing", "research-cooperation"],
        "Înființată în 1869, universitatea predă și cercetează în agricultură, "
        "horticultură, zootehnie, biotehnologii și medicină veterinară și are peste "
        "7.000 de studenți. Sprijină clusterul AgroTransilvania.",
        en="Founded in 1869, the university teaches and researches agriculture, "
        "horticulture, animal science, biotechnology and veterinary medicine and has "
        "more than 7,000 students. It backs the AgroTransilvania Cluster.",
        website="https://usamvcluj.ro/",
        size_band="large",
        founded_year=1869,
    ),
    _org(
        "demo-cj-umf",
        "Universitatea de Medicină și Farmacie „Iuliu Hațieganu”",
        "university",
        "cluj-napoca",
        ["life-sciences", "education-skills"],
        "Înființată în 1919, universitatea predă medicină, medicină dentară și "
        "farmacie în limbile română, engleză și franceză. Are peste 7.000 de "
        "studenți, dintre care peste 2.800 sunt internaționali.",
        en="Founded in 1919, the Iuliu Hațieganu University of Medicine and Pharmacy "
        "teaches medicine, dentistry and pharmacy in Romanian, English and French. It "
        "has more than 7,000 students, over 2,800 of them international.",
        languages_spoken=["ro", "en", "fr"],
        website="https://umfcluj.ro/",
        size_band="large",
        founded_year=1919,
    ),
    _org(
        "demo-cj-primaria",
        "Primăria Municipiului Cluj-Napoca",
        "municipal",
        "cluj-napoca",
        ["municipal-innovation", "smart-city", "energy-climate", "e-government"],
        "În octombrie 2017, Primăria a deschis Centrul de Inovare și Imaginație "
        "Civică (CIIC), un loc pentru dezbatere publică. Sprijină Cluj Innovation "
        "City, un district de cercetare și dezvoltare de 202 ha în Lomb. Din 2022, "
        "Clujul face parte din Misiunea UE „100 de orașe inteligente și neutre din "
        "punct de vedere climatic” și a fost printre primele 10 orașe care au primit "
        "eticheta Misiunii.",
        en="In October 2017, Cluj-Napoca City Hall opened the Centre for Innovation "
        "and Civic Imagination (CIIC) for public debate. It backs Cluj Innovation "
        "City, a 202-hectare research and development district in Lomb. Since 2022 "
        "Cluj-Napoca has been part of the EU Mission “100 climate-neutral and smart "
        "cities”, and it was among the first ten cities to receive the Mission Label.",
        website="https://primariaclujnapoca.ro/",
    ),
    _org(
        "demo-cj-cluj-it",
        "Asociația Cluj IT (Cluj IT Cluster)",
        "cluster",
        "cluj-napoca",
        ["software-it-services", "new-technologies", "smart-city"],
        "Clusterul a fost înființat în octombrie 2012 și are peste 90 de membri: "
        "firme IT, universități, organizații de cercetare și instituții publice. A "
        "lansat proiectul Cluj Innovation City și este din 2023 membru al DIGITAL SME "
        "Alliance.",
        en="The cluster was founded in October 2012 and has more than 90 members: IT "
        "companies, universities, research organisations and public bodies. It "
        "launched the Cluj Innovation City project and has been a member of the "
        "DIGITAL SME Alliance since 2023.",
        website="https://clujit.ro/",
        founded_year=2012,
    ),
    _org(
        "demo-cj-itech-transilvania",
        "iTech Transilvania Cluster",
        "cluster",
        "cluj-napoca",
        ["software-it-services"],
        "Clusterul IT al ARIES Transilvania a fost înființat în 2013. În 2018 reunea "
        "71 de firme cu peste 5.000 de angajați și a primit eticheta europeană Gold "
        "Label.",
        en="ARIES Transilvania's IT cluster was founded in 2013. In 2018 it brought "
        "together 71 companies with more than 5,000 staff and received the European "
        "Gold Label.",
        website="https://itech.aries-transilvania.ro/",
        founded_year=2013,
    ),
    _org(
        "demo-cj-innovation-park",
        "Cluj Innovation Park S.A.",
        "other",
        "cluj-napoca",
        ["founding-support", "new-technologies"],
        "Societate a municipiului Cluj-Napoca, cu statut de parc tehnologic din 2017. "
        "Administrează în Lomb Centrul Regional de Excelență pentru Industrii "
        "Creative (CREIC) și centrul de afaceri TEAM, deschise până în 2019.",
        en="A company of the municipality of Cluj-Napoca with technology-park status "
        "since 2017. In Lomb it runs the Regional Centre of Excellence for Creative "
        "Industries (CREIC) and the TEAM business centre, open by 2019.",
    ),
    _org(
        "demo-cj-agrotransilvania",
        "AgroTransilvania Cluster",
        "cluster",
        "cluj-napoca",
        ["agriculture", "food-processing", "agritech"],
        "Primul cluster agroindustrial din România, înființat în 2013 de Consiliul "
        "Județean Cluj împreună cu Universitatea Tehnică și USAMV (Asociația "
        "Agro-Food-Ind Napoca). Leagă fermierii, procesatorii, comerțul și cercetarea.",
        en="Romania's first agro-industrial cluster, set up in 2013 by Cluj County "
        "Council with the Technical University and USAMV (Agro-Food-Ind Napoca "
        "Association). It links farmers, processors, retail and research.",
        website="https://agrocluster.ro/",
        founded_year=2013,
    ),
    _org(
        "demo-cj-cci",
        "Camera de Comerț și Industrie Cluj",
        "chamber",
        "cluj-napoca",
        ["start-ups"],
        "Camera de Comerț și Industrie Cluj a fost înființată în 1851 și reînființată "
        "în 1990.",
        en="The Cluj Chamber of Commerce and Industry was founded in 1851 and "
        "re-founded in 1990.",
        founded_year=1851,
    ),
    _org(
        "demo-cj-tetarom",
        "TETAROM S.A.",
        "other",
        "cluj-napoca",
        ["robotics-logistics", "new-technologies"],
        "TETAROM administrează parcurile industriale Tetarom; principalul acționar "
        "este Consiliul Județean Cluj. Societatea a fost înființată în 2001, iar "
        "parcul Tetarom I a fost construit începând cu 2003.",
        en="TETAROM runs the Tetarom industrial parks; its main shareholder is Cluj "
        "County Council. The company was founded in 2001, and the Tetarom I park was "
        "built from 2003.",
        website="https://tetarom.ro/",
        founded_year=2001,
    ),
    _org(
        "demo-cj-adr-nord-vest",
        "Agenția de Dezvoltare Regională Nord-Vest",
        "other",
        "cluj-napoca",
        ["investment", "municipal-innovation"],
        "Agenția a fost înființată în 1998 și acoperă șase județe, printre care "
        "Clujul. Este Autoritatea de Management a Programului Regional 2021–2027.",
        en="The North-West Regional Development Agency was founded in 1998 and covers "
        "six counties, Cluj among them. It is the Managing Authority of the 2021–2027 "
        "Regional Programme.",
        website="https://nord-vest.ro/",
        founded_year=1998,
    ),
    _org(
        "demo-cj-ccc",
        "Centrul Cultural Clujean",
        "ngo",
        "cluj-napoca",
        ["smart-city", "municipal-innovation"],
        "Centrul Cultural Clujean continuă moștenirea candidaturii Clujului la titlul "
        "de Capitală Europeană a Culturii 2021. Are 117 membri, printre care "
        "universități, clustere, primăria și consiliul județean. În 2022, Divizia sa "
        "de Inovare Urbană s-a alăturat CIIC.",
        en="The Cluj Cultural Centre carries on the legacy of the city's bid for "
        "European Capital of Culture 2021. It has 117 members, among them "
        "universities, clusters, the city and the county. In 2022 its Urban "
        "Innovation Division joined the CIIC.",
        website="https://cccluj.ro/",
    ),
]

# Invented organisations, marked as examples.
DORTMUND_EXAMPLES = [
    _org(
        "demo-do-emscher-data",
        "Emscher Data Labs GmbH",
        "startup",
        "dortmund",
        ["ai-data", "energy-climate"],
        "Wir werten Sensordaten aus Kanalnetzen mit maschinellem Lernen aus und "
        "warnen Stadtwerke vor Starkregen, bevor Keller volllaufen.",
        en="We analyse sensor data from sewer networks with machine learning and warn "
        "utilities of heavy rain before cellars flood.",
        example=True,
        website="https://emscher-data.example.com/",
        size_band="micro",
        founded_year=2021,
    ),
    _org(
        "demo-do-ackerwerk",
        "Ackerwerk Robotics UG",
        "startup",
        "dortmund",
        ["agritech", "robotics-logistics"],
        "Unsere autonomen Hackroboter entfernen Beikraut im Gemüsebau ohne Herbizide. "
        "Wir testen sie mit Betrieben am Dortmunder Stadtrand.",
        en="Our autonomous hoeing robots remove weeds in vegetable farming without "
        "herbicides. We test them with farms on the edge of Dortmund.",
        example=True,
        website="https://ackerwerk.example.com/",
        size_band="micro",
        founded_year=2022,
    ),
    _org(
        "demo-do-cloudwerk",
        "Westfalen Cloudwerk GmbH",
        "it_services",
        "dortmund",
        ["software-it-services", "cybersecurity"],
        "Wir bringen mittelständische Unternehmen in die Cloud und betreiben ihre "
        "Systeme danach sicher weiter.",
        en="We move medium-sized companies to the cloud and then run their systems "
        "securely.",
        example=True,
        website="https://cloudwerk.example.com/",
        size_band="small",
        founded_year=2014,
    ),
    _org(
        "demo-do-hofkaeserei",
        "Hofkäserei am Hellweg",
        "agricultural",
        "dortmund",
        ["food-processing", "rural-development"],
        "Wir verarbeiten die Milch unserer Kühe zu Schnitt- und Frischkäse und "
        "verkaufen ihn im Hofladen und auf Wochenmärkten.",
        example=True,
        languages_spoken=["de"],
        size_band="micro",
    ),
    _org(
        "demo-do-lindenhorst",
        "Gemüsehof Lindenhorst",
        "agricultural",
        "dortmund",
        ["agriculture", "rural-development"],
        "Als solidarische Landwirtschaft versorgen wir rund 200 Haushalte in der Stadt "
        "mit Gemüse; die Mitglieder tragen die Kosten gemeinsam und packen mit an.",
        en="As a community-supported farm we supply about 200 households in the city "
        "with vegetables; members share the costs and help in the fields.",
        example=True,
        size_band="micro",
    ),
    _org(
        "demo-do-makerspace",
        "Nordstadt Makerspace e.V.",
        "ngo",
        "dortmund",
        ["education-skills", "iot"],
        "In unserer offenen Werkstatt lernen Jugendliche und Erwachsene löten, "
        "programmieren und 3D-drucken. Der Verein lebt vom Ehrenamt.",
        en="In our open workshop young people and adults learn soldering, programming "
        "and 3D printing. The association is run by volunteers.",
        example=True,
        website="https://makerspace.example.org/",
    ),
    _org(
        "demo-do-logiport",
        "LogiPort Software GmbH",
        "company",
        "dortmund",
        ["robotics-logistics", "software-it-services"],
        "Unsere Software steuert Lkw-Anfahrten, Rampen und Wechselbrücken auf den "
        "Höfen großer Logistikzentren.",
        en="Our software schedules lorry arrivals, loading docks and swap bodies in "
        "the yards of large logistics centres.",
        example=True,
        website="https://logiport.example.com/",
        size_band="medium",
        founded_year=2009,
    ),
    _org(
        "demo-do-borsig-secure",
        "Borsig Secure IT GmbH",
        "it_services",
        "dortmund",
        ["cybersecurity", "e-government"],
        "Wir prüfen die IT-Sicherheit von Stadtwerken, Kommunen und kritischen "
        "Infrastrukturen und schulen ihre Beschäftigten.",
        en="We test the IT security of utilities, municipalities and critical "
        "infrastructure and train their staff.",
        example=True,
        website="https://borsig-secure.example.com/",
        size_band="small",
        founded_year=2016,
    ),
    _org(
        "demo-do-klimalabor",
        "Stadtgrün Klimalabor gGmbH",
        "ngo",
        "dortmund",
        ["energy-climate", "smart-city"],
        "Wir planen mit Nachbarschaften Regengärten, Baumbeete und begrünte Dächer "
        "und messen, wie sie Hitze und Starkregen abmildern.",
        en="We plan rain gardens, tree beds and green roofs with neighbourhoods and "
        "measure how they soften heat and heavy rain.",
        example=True,
        website="https://klimalabor.example.org/",
        size_band="micro",
    ),
    _org(
        "demo-do-angels",
        "Ruhrtal Business Angels e.V.",
        "cluster",
        "dortmund",
        ["investment", "founding-support"],
        "Rund 40 Unternehmerinnen und Unternehmer investieren gemeinsam in "
        "technologieorientierte Start-ups in der Frühphase.",
        en="About 40 entrepreneurs invest together in early-stage technology start-ups.",
        example=True,
    ),
    _org(
        "demo-do-probenfluss",
        "Probenfluss GmbH",
        "startup",
        "dortmund",
        ["life-sciences", "robotics-logistics"],
        "Wir automatisieren den Probentransport in Laboren mit kleinen mobilen "
        "Robotern.",
        en="We automate sample transport in laboratories with small mobile robots.",
        example=True,
        website="https://probenfluss.example.com/",
        size_band="micro",
        founded_year=2023,
    ),
    _org(
        "demo-do-mobilwerkstatt",
        "Dortmunder Mobilitätswerkstatt GmbH",
        "company",
        "dortmund",
        ["mobility", "smart-city"],
        "Wir entwickeln Software für Lastenrad- und E-Bike-Sharing und betreiben "
        "Stationen für Kommunen und Wohnungsunternehmen.",
        en="We develop software for cargo-bike and e-bike sharing and run stations "
        "for municipalities and housing companies.",
        example=True,
        website="https://mobilwerkstatt.example.com/",
        size_band="small",
        founded_year=2018,
    ),
    _org(
        "demo-do-agrardaten",
        "Agrardaten Westfalen UG",
        "startup",
        "dortmund",
        ["agritech", "ai-data"],
        "Aus Satellitenbildern berechnen wir Ertragskarten und Düngeempfehlungen für "
        "Ackerbaubetriebe.",
        en="We turn satellite images into yield maps and fertiliser recommendations "
        "for arable farms.",
        example=True,
        website="https://agrardaten.example.com/",
        size_band="micro",
        founded_year=2020,
    ),
    _org(
        "demo-do-malzwerk",
        "Malzwerk Dortmund eG",
        "agricultural",
        "dortmund",
        ["food-processing", "agriculture"],
        "Die Genossenschaft mälzt Braugerste aus der Region für kleine Brauereien.",
        example=True,
        languages_spoken=["de"],
        verification="pending",
    ),
    _org(
        "demo-do-sprachbruecke",
        "Sprachbrücke Ruhr",
        "ngo",
        "dortmund",
        ["education-skills", "knowledge-transfer"],
        "Wir bieten Sprachkurse Deutsch–Rumänisch und interkulturelle Trainings für "
        "Teams, die mit Partnern in Rumänien arbeiten.",
        en="We offer German–Romanian language courses and intercultural training for "
        "teams working with partners in Romania.",
        example=True,
        languages_spoken=["de", "ro", "en"],
        verification="pending",
    ),
]

CLUJ_EXAMPLES = [
    _org(
        "demo-cj-somes-analytics",
        "Someș Analytics SRL",
        "startup",
        "cluj-napoca",
        ["ai-data"],
        "Construim modele de inteligență artificială care prognozează cererea pentru "
        "lanțuri de magazine și distribuitori.",
        en="We build AI models that forecast demand for retail chains and "
        "distributors.",
        example=True,
        website="https://somes-analytics.example.com/",
        size_band="small",
        founded_year=2019,
    ),
    _org(
        "demo-cj-codeworks",
        "Transilvania Code Works SRL",
        "it_services",
        "cluj-napoca",
        ["software-it-services"],
        "Echipele noastre dezvoltă și întrețin aplicații Java și .NET pentru clienți "
        "din Germania, Austria și Elveția.",
        en="Our teams build and maintain Java and .NET applications for clients in "
        "Germany, Austria and Switzerland.",
        example=True,
        languages_spoken=["ro", "en", "de"],
        website="https://codeworks.example.com/",
        size_band="medium",
        founded_year=2011,
    ),
    _org(
        "demo-cj-agrosenz",
        "AgroSenz SRL",
        "startup",
        "cluj-napoca",
        ["agritech", "iot"],
        "Producem senzori IoT pentru livezi și sere: umiditatea solului, temperatura "
        "și riscul de îngheț, direct pe telefonul fermierului.",
        en="We make IoT sensors for orchards and greenhouses: soil moisture, "
        "temperature and frost risk, straight to the farmer's phone.",
        example=True,
        website="https://agrosenz.example.com/",
        size_band="micro",
        founded_year=2021,
    ),
    _org(
        "demo-cj-ferma-feleac",
        "Ferma de pe Dealul Feleacului",
        "agricultural",
        "cluj-napoca",
        ["agriculture", "rural-development"],
        "Cultivăm legume ecologice pe 12 hectare lângă Cluj-Napoca și le vindem "
        "direct, prin coșuri săptămânale.",
        en="We grow organic vegetables on 12 hectares near Cluj-Napoca and sell them "
        "directly, in weekly boxes.",
        example=True,
        languages_spoken=["ro"],
        size_band="micro",
    ),
    _org(
        "demo-cj-laptaria",
        "Cooperativa Lăptăria din Apuseni",
        "agricultural",
        "cluj-napoca",
        ["food-processing", "rural-development"],
        "Cooperativa strânge laptele de la 60 de gospodării din Munții Apuseni și îl "
        "transformă în brânzeturi maturate.",
        en="The cooperative collects milk from 60 households in the Apuseni Mountains "
        "and turns it into matured cheeses.",
        example=True,
        size_band="small",
    ),
    _org(
        "demo-cj-cyberguard",
        "CyberGuard Napoca SRL",
        "it_services",
        "cluj-napoca",
        ["cybersecurity"],
        "Facem teste de penetrare și audituri de securitate pentru IMM-uri și "
        "instituții publice.",
        en="We run penetration tests and security audits for SMEs and public bodies.",
        example=True,
        website="https://cyberguard.example.com/",
        size_band="small",
        founded_year=2017,
    ),
    _org(
        "demo-cj-orasul-verde",
        "Asociația Orașul Verde",
        "ngo",
        "cluj-napoca",
        ["energy-climate", "smart-city"],
        "Amenajăm grădini comunitare și plantăm arbori împreună cu locuitorii "
        "cartierelor din Cluj-Napoca.",
        en="We lay out community gardens and plant trees with the residents of "
        "Cluj-Napoca's neighbourhoods.",
        example=True,
        website="https://orasulverde.example.org/",
    ),
    _org(
        "demo-cj-mobicluj",
        "MobiCluj Tech SRL",
        "startup",
        "cluj-napoca",
        ["mobility", "smart-city"],
        "Aplicația noastră arată locurile de parcare libere și permite plata "
        "parcării de reședință de pe telefon.",
        en="Our app shows free parking spaces and lets residents pay for their "
        "parking permits by phone.",
        example=True,
        website="https://mobicluj.example.com/",
        size_band="micro",
        founded_year=2022,
    ),
    _org(
        "demo-cj-robotic-lomb",
        "Robotic Lomb SRL",
        "company",
        "cluj-napoca",
        ["robotics-logistics"],
        "Proiectăm și instalăm celule robotizate de asamblare și paletizare pentru "
        "fabrici din Transilvania.",
        en="We design and install robotic assembly and palletising cells for "
        "factories in Transylvania.",
        example=True,
        website="https://robotic-lomb.example.com/",
        size_band="medium",
        founded_year=2015,
    ),
    _org(
        "demo-cj-starthub",
        "Fundația StartHub Transilvania",
        "ngo",
        "cluj-napoca",
        ["founding-support", "start-ups"],
        "Incubatorul nostru oferă mentorat, birouri și acces la investitori pentru "
        "fondatori aflați la început de drum.",
        en="Our incubator offers mentoring, desks and access to investors for "
        "first-time founders.",
        example=True,
        website="https://starthub.example.org/",
    ),
    _org(
        "demo-cj-bionapoca",
        "BioNapoca Diagnostics SRL",
        "startup",
        "cluj-napoca",
        ["life-sciences", "agritech"],
        "Dezvoltăm teste rapide pentru diagnosticarea bolilor la animalele de fermă, "
        "direct în grajd.",
        en="We develop rapid tests that diagnose diseases of farm animals right in "
        "the barn.",
        example=True,
        website="https://bionapoca.example.com/",
        size_band="micro",
        founded_year=2020,
    ),
    _org(
        "demo-cj-datagov",
        "DataGov Solutions SRL",
        "it_services",
        "cluj-napoca",
        ["e-government", "smart-city"],
        "Construim platforme de servicii online și de date deschise pentru primării "
        "și consilii județene.",
        en="We build online service and open-data platforms for city halls and "
        "county councils.",
        example=True,
        website="https://datagov.example.com/",
        size_band="small",
        founded_year=2016,
    ),
    _org(
        "demo-cj-solar-somes",
        "Energie Solară Someș SRL",
        "company",
        "cluj-napoca",
        ["energy-climate"],
        "Proiectăm și montăm instalații fotovoltaice pe acoperișurile clădirilor "
        "publice și ale firmelor.",
        en="We design and install photovoltaic systems on the roofs of public "
        "buildings and companies.",
        example=True,
        website="https://solar-somes.example.com/",
        size_band="small",
        founded_year=2013,
    ),
    _org(
        "demo-cj-marul",
        "Cooperativa Agricolă Mărul Ardelenesc",
        "agricultural",
        "cluj-napoca",
        ["agriculture", "food-processing"],
        "Cooperativa reunește 25 de pomicultori și produce suc de mere presat la rece.",
        example=True,
        languages_spoken=["ro"],
        verification="pending",
    ),
    _org(
        "demo-cj-cod-comunitate",
        "Asociația Cod pentru Comunitate",
        "ngo",
        "cluj-napoca",
        ["education-skills"],
        "Voluntarii noștri predau programare elevilor din liceele din județul Cluj.",
        en="Our volunteers teach programming to secondary-school pupils in Cluj "
        "County.",
        example=True,
        verification="pending",
    ),
]

ORGANISATIONS = (
    DORTMUND_INSTITUTIONS + CLUJ_INSTITUTIONS + DORTMUND_EXAMPLES + CLUJ_EXAMPLES
)


def _opp(
    external_id: str,
    organisation: str,
    kind: str,
    areas: list[str],
    partner_kinds: list[str],
    title: str,
    summary: str,
    description: str,
    *,
    language: str = "",
    status: str = "published",
    published_days_ago: int | None = None,
    deadline_in_days: int | None = None,
) -> dict[str, Any]:
    """An opportunity row; the loader turns the relative days into dates."""
    language = language or ("de" if organisation.startswith("demo-do-") else "ro")
    return {
        "external_id": external_id,
        "organisation": organisation,
        "kind": kind,
        "title": title,
        "summary": summary,
        "description": f"{description} {EXAMPLE[language]}",
        "language": language,
        "areas": areas,
        "partner_kinds": partner_kinds,
        "status": status,
        "published_days_ago": published_days_ago,
        "deadline_in_days": deadline_in_days,
    }


DORTMUND_OPPORTUNITIES = [
    _opp(
        "demo-opp-do-01",
        "demo-do-emscher-data",
        "technology_offer",
        ["ai-data", "energy-climate"],
        ["municipal", "it_services"],
        "KI-Frühwarnsystem für Starkregen im Kanalnetz",
        "Unser System sagt aus Pegel- und Regendaten voraus, wo das Kanalnetz "
        "überläuft. Wir suchen eine Stadt oder ein Versorgungsunternehmen für einen "
        "Pilotbetrieb.",
        "Das System verbindet Messwerte aus dem Kanalnetz mit Radar-Niederschlagsdaten "
        "und meldet kritische Abschnitte bis zu zwei Stunden im Voraus. Für einen "
        "zwölfmonatigen Pilotbetrieb stellen wir Software und Auswertung; der Partner "
        "liefert Zugang zu den Messdaten.",
        published_days_ago=12,
        deadline_in_days=120,
    ),
    _opp(
        "demo-opp-do-02",
        "demo-do-emscher-data",
        "research_request",
        ["ai-data", "research-cooperation"],
        ["university", "research_institute"],
        "Forschungspartner für Starkregen-Datensätze gesucht",
        "Für ein gemeinsames Förderprojekt suchen wir eine Hochschule, die mit uns "
        "offene Datensätze zu Starkregen und Kanalnetzen aufbaut.",
        "Wir möchten Messreihen aus zwei Städten vergleichbar machen und als offene "
        "Daten veröffentlichen. Gesucht ist ein Lehrstuhl für Hydrologie oder "
        "Informatik, der die Datenaufbereitung wissenschaftlich begleitet.",
        published_days_ago=40,
    ),
    _opp(
        "demo-opp-do-03",
        "demo-do-emscher-data",
        "knowledge_offer",
        ["ai-data", "education-skills"],
        ["municipal", "university", "startup"],
        "Open webinar: machine learning on sewer sensor data",
        "A free one-hour webinar in English on what machine learning can and cannot "
        "do with sewer and rainfall data.",
        "We show our pipeline from raw sensor readings to warnings, with the mistakes "
        "we made along the way. Questions from city utilities and students are "
        "welcome.",
        language="en",
        published_days_ago=5,
        deadline_in_days=30,
    ),
    _opp(
        "demo-opp-do-04",
        "demo-do-ackerwerk",
        "technology_offer",
        ["agritech", "robotics-logistics"],
        ["agricultural", "cluster"],
        "Hackroboter für den Gemüsebau – Pilotbetriebe gesucht",
        "Wir stellen zwei Betrieben eine Saison lang einen autonomen Hackroboter zur "
        "Verfügung und werten die Ergebnisse gemeinsam aus.",
        "Der Roboter erkennt Kulturpflanzen per Kamera und entfernt Beikraut "
        "mechanisch. Er eignet sich für Reihenkulturen wie Möhren, Zwiebeln und "
        "Salat. Wir suchen Betriebe mit mindestens zwei Hektar Gemüsebau.",
        published_days_ago=20,
        deadline_in_days=90,
    ),
    _opp(
        "demo-opp-do-05",
        "demo-do-ackerwerk",
        "business_request",
        ["agritech", "agriculture"],
        ["company", "agricultural", "cluster"],
        "Vertriebspartner für Agrarrobotik in Rumänien",
        "Wir suchen einen Händler oder Dienstleister, der unsere Hackroboter in "
        "Rumänien vertreibt und wartet.",
        "Ideal ist ein Partner mit Erfahrung im Landmaschinenhandel und Kontakten zu "
        "Gemüsebaubetrieben in Siebenbürgen. Wir schulen Ihr Serviceteam in Dortmund.",
        published_days_ago=65,
    ),
    _opp(
        "demo-opp-do-06",
        "demo-do-cloudwerk",
        "business_offer",
        ["software-it-services", "cybersecurity"],
        ["company", "it_services"],
        "Cloud-Migration für mittelständische Unternehmen",
        "Wir planen und begleiten den Umzug Ihrer Anwendungen in die Cloud – mit "
        "festem Budget und deutschsprachiger Betreuung.",
        "Nach einer zweiwöchigen Bestandsaufnahme erhalten Sie einen Migrationsplan "
        "mit Kosten und Risiken. Auf Wunsch betreiben wir die Systeme danach weiter.",
        published_days_ago=33,
    ),
    _opp(
        "demo-opp-do-07",
        "demo-do-cloudwerk",
        "business_request",
        ["software-it-services"],
        ["it_services"],
        "Nearshore development team for Java and Kotlin",
        "We are looking for a team of three to five developers for long-term "
        "customer projects, working in English.",
        "Our customers are insurers and logistics companies. We offer a framework "
        "contract, joint sprints with our Dortmund team and regular visits in both "
        "directions.",
        language="en",
        published_days_ago=8,
        deadline_in_days=60,
    ),
    _opp(
        "demo-opp-do-08",
        "demo-do-hofkaeserei",
        "knowledge_offer",
        ["food-processing", "rural-development"],
        ["agricultural", "ngo"],
        "Hofkäserei und Direktvermarktung: wir teilen unsere Erfahrungen",
        "Wir laden Landwirtinnen und Landwirte zu einem Praxistag in unsere Käserei "
        "ein: von der Milch bis zum Verkauf im Hofladen.",
        "Themen sind Hygieneauflagen, Reifung, Kalkulation und Marketing auf "
        "Wochenmärkten. Eine Übersetzung ins Englische können wir organisieren.",
        published_days_ago=50,
        deadline_in_days=45,
    ),
    _opp(
        "demo-opp-do-09",
        "demo-do-hofkaeserei",
        "business_request",
        ["food-processing"],
        ["agricultural", "company"],
        "Schafkäse aus Siebenbürgen für unseren Hofladen",
        "Wir möchten unser Sortiment um gereiften Schafkäse erweitern und suchen "
        "einen kleinen Erzeuger als Lieferanten.",
        "Gesucht sind zunächst 50 Kilogramm im Monat. Wichtig sind uns handwerkliche "
        "Herstellung und eine nachvollziehbare Herkunft.",
        published_days_ago=18,
    ),
    _opp(
        "demo-opp-do-10",
        "demo-do-lindenhorst",
        "knowledge_offer",
        ["rural-development", "agriculture"],
        ["agricultural", "ngo", "municipal"],
        "Solidarische Landwirtschaft in der Stadt: Hofführungen und Austausch",
        "Wie funktioniert eine Solawi mit 200 Haushalten? Wir zeigen unseren Hof und "
        "unsere Abläufe.",
        "Wir erklären Finanzierung, Bieterrunde, Anbauplanung und die Arbeit mit "
        "Ehrenamtlichen. Besuchsgruppen sind von April bis Oktober willkommen.",
        published_days_ago=75,
    ),
    _opp(
        "demo-opp-do-11",
        "demo-do-makerspace",
        "knowledge_offer",
        ["iot", "education-skills"],
        ["ngo", "university"],
        "Workshopreihe: IoT-Sensoren selbst bauen",
        "Unsere Workshop-Materialien zum Bau eines Feinstaub- und Temperatursensors "
        "stehen offen zur Verfügung; wir schulen gern Trainerinnen und Trainer.",
        "Die Reihe umfasst vier Abende: Löten, Programmieren, Daten ins Netz bringen "
        "und Auswerten. Alle Anleitungen gibt es auf Deutsch und Englisch.",
        published_days_ago=28,
    ),
    _opp(
        "demo-opp-do-12",
        "demo-do-makerspace",
        "knowledge_request",
        ["education-skills"],
        ["ngo", "university"],
        "Partner für einen Jugendaustausch zu Elektronik und Programmieren",
        "Wir suchen einen Verein oder eine Schule in Cluj-Napoca für einen "
        "einwöchigen Austausch von Jugendlichen.",
        "Gemeinsam möchten wir ein kleines Projekt bauen, zum Beispiel eine "
        "Wetterstation für beide Städte. Wir kümmern uns um Förderanträge.",
        published_days_ago=14,
        deadline_in_days=150,
    ),
    _opp(
        "demo-opp-do-13",
        "demo-do-logiport",
        "technology_offer",
        ["robotics-logistics", "software-it-services"],
        ["company"],
        "Software für die Hofsteuerung in Logistikzentren",
        "Unsere Yard-Management-Software verkürzt Wartezeiten von Lkw an den Rampen. "
        "Wir suchen Anwender in Rumänien.",
        "Die Software plant Zeitfenster, weist Rampen zu und zeigt Fahrerinnen und "
        "Fahrern den Weg auf dem Smartphone. Sie ist auf Deutsch, Englisch und "
        "Polnisch verfügbar; eine rumänische Version planen wir mit einem Partner.",
        published_days_ago=90,
    ),
    _opp(
        "demo-opp-do-14",
        "demo-do-logiport",
        "research_offer",
        ["robotics-logistics", "ai-data", "research-cooperation"],
        ["university", "research_institute"],
        "Forschungskooperation: KI für die Planung von Lkw-Zeitfenstern",
        "Wir bieten anonymisierte Betriebsdaten aus zwölf Logistikzentren für eine "
        "gemeinsame Forschungsarbeit an.",
        "Uns interessiert, wie sich Ankunftszeiten besser vorhersagen lassen. Wir "
        "betreuen gern Abschlussarbeiten und beteiligen uns an Förderanträgen.",
        published_days_ago=22,
    ),
    _opp(
        "demo-opp-do-15",
        "demo-do-borsig-secure",
        "business_offer",
        ["cybersecurity", "e-government"],
        ["municipal", "company"],
        "Sicherheitsprüfung für kommunale IT",
        "Wir prüfen Fachverfahren, Netzwerke und Bürgerportale von Kommunen auf "
        "Schwachstellen und schulen die Beschäftigten.",
        "Der Check dauert zwei bis vier Wochen und endet mit einem Bericht und einem "
        "priorisierten Maßnahmenplan. Berichte liefern wir auf Deutsch oder Englisch.",
        published_days_ago=55,
    ),
    _opp(
        "demo-opp-do-16",
        "demo-do-borsig-secure",
        "knowledge_request",
        ["cybersecurity"],
        ["it_services", "chamber", "cluster"],
        "Erfahrungsaustausch zur Umsetzung von NIS2",
        "Wie setzen Unternehmen in Rumänien die NIS2-Richtlinie um? Wir suchen "
        "Partner für einen regelmäßigen Austausch.",
        "Wir möchten Checklisten, Schulungsmaterial und Erfahrungen mit Behörden "
        "vergleichen und daraus gemeinsame Empfehlungen für kleine Firmen machen.",
        published_days_ago=10,
    ),
    _opp(
        "demo-opp-do-17",
        "demo-do-klimalabor",
        "knowledge_offer",
        ["energy-climate", "smart-city"],
        ["municipal", "ngo"],
        "Regenwasser im Quartier halten: unser Vorgehen",
        "Wir zeigen, wie wir mit Anwohnenden Regengärten und Baumbeete planen, und "
        "teilen unsere Vorlagen.",
        "Dazu gehören ein Leitfaden für Beteiligungsworkshops, Pflanzlisten und "
        "Messprotokolle. Gern stellen wir unsere Arbeit auch per Videokonferenz vor.",
        published_days_ago=38,
    ),
    _opp(
        "demo-opp-do-18",
        "demo-do-klimalabor",
        "research_request",
        ["energy-climate", "research-cooperation"],
        ["university", "research_institute"],
        "Messungen zu Stadtbäumen und Hitze – Forschungspartner gesucht",
        "Wir messen seit zwei Sommern Temperaturen unter Straßenbäumen und suchen "
        "eine Hochschule für die Auswertung.",
        "Die Daten stammen von 40 Messpunkten in drei Stadtteilen. Ein Vergleich mit "
        "einer Stadt in einer anderen Klimazone wäre besonders spannend.",
        published_days_ago=16,
        deadline_in_days=100,
    ),
    _opp(
        "demo-opp-do-19",
        "demo-do-angels",
        "business_offer",
        ["investment", "start-ups"],
        ["startup"],
        "Business Angels suchen Start-ups aus Cluj-Napoca",
        "Unser Netzwerk investiert 50.000 bis 250.000 Euro in technologieorientierte "
        "Start-ups, die in Deutschland wachsen wollen.",
        "Zweimal im Jahr laden wir Teams zu einem Pitch-Abend ein, auch per "
        "Videokonferenz. Neben Kapital bieten wir Kontakte zu Kunden im Ruhrgebiet.",
        published_days_ago=26,
        deadline_in_days=75,
    ),
    _opp(
        "demo-opp-do-20",
        "demo-do-probenfluss",
        "technology_request",
        ["life-sciences", "ai-data"],
        ["it_services", "startup"],
        "Bildverarbeitung für Laborroboter gesucht",
        "Unsere Roboter sollen Probenröhrchen und deren Barcodes zuverlässiger "
        "erkennen. Wir suchen einen Partner mit Erfahrung in Computer Vision.",
        "Gesucht ist ein Team, das ein Erkennungsmodell trainiert und auf einer "
        "eingebetteten Plattform betreibt. Bilddaten stellen wir bereit.",
        published_days_ago=31,
    ),
    _opp(
        "demo-opp-do-21",
        "demo-do-mobilwerkstatt",
        "technology_offer",
        ["mobility", "smart-city"],
        ["municipal", "startup"],
        "Software für Lastenrad-Sharing",
        "Unsere Plattform verwaltet Buchung, Schlösser und Wartung von Lastenrädern. "
        "Wir suchen eine Stadt für einen Pilotbetrieb.",
        "Die Software ist mehrsprachig und lässt sich an bestehende Apps des "
        "Nahverkehrs anbinden. Für den Piloten bringen wir zehn Räder mit.",
        published_days_ago=44,
    ),
    _opp(
        "demo-opp-do-22",
        "demo-do-mobilwerkstatt",
        "research_request",
        ["mobility", "robotics-logistics"],
        ["university", "research_institute"],
        "Study partner: cargo bikes in urban deliveries",
        "We are looking for a university team to study how cargo bikes can replace "
        "vans for the last mile in two cities.",
        "We provide trip data from our stations. A comparison between Dortmund and "
        "Cluj-Napoca could show what works in cities of different sizes.",
        language="en",
        published_days_ago=3,
    ),
    _opp(
        "demo-opp-do-23",
        "demo-do-agrardaten",
        "technology_offer",
        ["agritech", "ai-data"],
        ["agricultural", "cluster"],
        "Ertragskarten aus Satellitendaten",
        "Wir berechnen für jede Ackerfläche Ertragskarten und Düngeempfehlungen. "
        "Testbetriebe in Rumänien nutzen den Dienst eine Saison lang kostenlos.",
        "Grundlage sind frei verfügbare Satellitenbilder und Wetterdaten. Die "
        "Ergebnisse lassen sich in gängige Terminals von Landmaschinen übertragen.",
        published_days_ago=60,
    ),
    _opp(
        "demo-opp-do-24",
        "demo-do-agrardaten",
        "technology_request",
        ["agritech", "research-cooperation"],
        ["research_institute", "university", "agricultural"],
        "Bodenlabor für Kalibrierung gesucht",
        "Um unsere Modelle zu prüfen, brauchen wir Bodenproben-Analysen von "
        "Flächen außerhalb Deutschlands.",
        "Gesucht ist ein Labor oder eine Hochschule, die Proben nach Standardverfahren "
        "analysiert und mit uns die Ergebnisse vergleicht.",
        published_days_ago=7,
        deadline_in_days=60,
    ),
    # Not published: the coordinators' queue and the members' drafts.
    _opp(
        "demo-opp-do-25",
        "demo-do-ackerwerk",
        "knowledge_offer",
        ["agritech", "education-skills"],
        ["agricultural", "university"],
        "Feldtag: Hackroboter im Praxiseinsatz",
        "Ein Nachmittag auf dem Feld mit Vorführung und Gespräch.",
        "Wir zeigen den Roboter im Einsatz und sprechen über Kosten und Grenzen.",
        status="submitted",
    ),
    _opp(
        "demo-opp-do-26",
        "demo-do-cloudwerk",
        "knowledge_offer",
        ["cybersecurity"],
        ["company"],
        "Checkliste für sichere Cloud-Konten",
        "Unsere Checkliste für Administratorinnen und Administratoren.",
        "Entwurf: Inhalte folgen.",
        status="draft",
    ),
    _opp(
        "demo-opp-do-27",
        "demo-do-malzwerk",
        "business_request",
        ["food-processing", "agriculture"],
        ["agricultural"],
        "Braugerste aus Siebenbürgen",
        "Wir suchen Landwirtinnen und Landwirte, die Braugerste anbauen.",
        "Entwurf: Mengen und Qualitäten stimmen wir noch ab.",
        status="draft",
    ),
]

CLUJ_OPPORTUNITIES = [
    _opp(
        "demo-opp-cj-01",
        "demo-cj-somes-analytics",
        "technology_offer",
        ["ai-data"],
        ["company"],
        "Prognoza cererii cu inteligență artificială pentru comerț",
        "Modelele noastre reduc stocurile nevândute și rupturile de stoc. Căutăm un "
        "lanț de magazine din Germania pentru un proiect-pilot.",
        "Folosim istoricul vânzărilor, promoțiile, vremea și sărbătorile legale. "
        "Pilotul durează trei luni, iar rezultatele le comparăm cu prognozele "
        "existente ale partenerului.",
        published_days_ago=11,
    ),
    _opp(
        "demo-opp-cj-02",
        "demo-cj-somes-analytics",
        "research_offer",
        ["ai-data", "research-cooperation"],
        ["university", "research_institute"],
        "Cooperare în cercetare: modele lingvistice pentru română și germană",
        "Oferim date anonimizate și timp de calcul pentru un proiect comun despre "
        "modele lingvistice mici, în română și germană.",
        "Ne interesează clasificarea textelor din comerț și traducerea automată a "
        "descrierilor de produse. Putem coordona lucrări de licență și de master.",
        published_days_ago=47,
        deadline_in_days=120,
    ),
    _opp(
        "demo-opp-cj-03",
        "demo-cj-codeworks",
        "business_offer",
        ["software-it-services"],
        ["company", "it_services"],
        "Nearshore software teams for German-speaking clients",
        "Dedicated Java and .NET teams in Cluj-Napoca, with German-speaking project "
        "leads and a two-hour flight to Dortmund.",
        "We start with a paid two-week trial sprint. Teams work in your tools and "
        "your time zone, minus one hour.",
        language="en",
        published_days_ago=19,
    ),
    _opp(
        "demo-opp-cj-04",
        "demo-cj-codeworks",
        "knowledge_request",
        ["education-skills", "software-it-services"],
        ["company", "university"],
        "Căutăm parteneri pentru stagii de practică în Germania",
        "Vrem să trimitem anual patru tineri programatori la stagii de trei luni la "
        "firme sau universități din Dortmund.",
        "Stagiarii vorbesc engleză, iar unii și germană. Acoperim costurile de "
        "călătorie; căutăm mentori și proiecte reale.",
        published_days_ago=36,
        deadline_in_days=90,
    ),
    _opp(
        "demo-opp-cj-05",
        "demo-cj-agrosenz",
        "technology_offer",
        ["agritech", "iot"],
        ["agricultural", "cluster"],
        "Senzori IoT pentru livezi și sere",
        "Senzorii noștri măsoară umiditatea solului și avertizează la risc de îngheț. "
        "Căutăm ferme din Germania pentru teste.",
        "Un set cuprinde cinci senzori, o stație de bază și aplicația mobilă. Pentru "
        "teste oferim echipamentele gratuit timp de un sezon.",
        published_days_ago=24,
    ),
    _opp(
        "demo-opp-cj-06",
        "demo-cj-agrosenz",
        "technology_request",
        ["iot", "rural-development"],
        ["it_services", "company", "research_institute"],
        "Căutăm soluții de comunicație pentru zonele rurale fără acoperire",
        "Avem nevoie de o tehnologie radio cu consum redus, de tip LoRaWAN, pentru "
        "fermele din zonele fără semnal de telefonie mobilă.",
        "Căutăm un partener care a instalat deja rețele de acest tip în agricultură "
        "și ne poate ajuta la proiectarea unei rețele în Câmpia Transilvaniei.",
        published_days_ago=9,
    ),
    _opp(
        "demo-opp-cj-07",
        "demo-cj-ferma-feleac",
        "knowledge_offer",
        ["rural-development", "agriculture"],
        ["agricultural", "ngo"],
        "Vizite de studiu la o fermă de legume ecologice",
        "Primim grupuri de fermieri și studenți care vor să vadă cum funcționează "
        "vânzarea directă prin coșuri săptămânale.",
        "Vorbim despre certificarea ecologică, planificarea culturilor și relația cu "
        "clienții. Vizitele au loc între mai și septembrie.",
        published_days_ago=70,
    ),
    _opp(
        "demo-opp-cj-08",
        "demo-cj-ferma-feleac",
        "knowledge_request",
        ["rural-development"],
        ["agricultural", "ngo"],
        "Căutăm experiență cu agricultura susținută de comunitate",
        "Vrem să transformăm abonamentele noastre într-un model în care membrii "
        "împart costurile și recolta. Cine ne poate povesti cum a făcut?",
        "Ne interesează mai ales finanțarea, contractele cu membrii și implicarea "
        "voluntarilor. O vizită la o fermă din Germania ar fi ideală.",
        published_days_ago=13,
    ),
    _opp(
        "demo-opp-cj-09",
        "demo-cj-laptaria",
        "business_offer",
        ["food-processing"],
        ["company"],
        "Brânzeturi maturate din Munții Apuseni pentru magazine de specialitate",
        "Căutăm distribuitori și magazine din Germania pentru brânzeturile noastre "
        "din lapte de vacă și de oaie.",
        "Producem aproximativ două tone pe lună, cu etichete în română și engleză. "
        "Putem livra mostre și documentele necesare exportului.",
        published_days_ago=29,
    ),
    _opp(
        "demo-opp-cj-10",
        "demo-cj-laptaria",
        "business_request",
        ["food-processing", "rural-development"],
        ["company", "agricultural"],
        "Căutăm echipamente second-hand pentru procesarea laptelui",
        "Avem nevoie de un pasteurizator și de o presă pentru brânză, în stare bună, "
        "de la o fabrică sau o fermă care își înnoiește utilajele.",
        "Capacitate dorită: 1.000 de litri pe zi. Ne ocupăm de transport și de montaj.",
        published_days_ago=52,
    ),
    _opp(
        "demo-opp-cj-11",
        "demo-cj-cyberguard",
        "business_offer",
        ["cybersecurity"],
        ["company", "municipal"],
        "Audit de securitate cibernetică pentru IMM-uri",
        "Un pachet fix de teste de penetrare și recomandări, cu raport în română, "
        "engleză sau germană.",
        "Auditul durează zece zile lucrătoare și acoperă site-ul, rețeaua internă și "
        "conturile de e-mail. După o lună verificăm gratuit dacă breșele au fost "
        "închise.",
        published_days_ago=41,
    ),
    _opp(
        "demo-opp-cj-12",
        "demo-cj-cyberguard",
        "research_request",
        ["cybersecurity", "research-cooperation"],
        ["university", "research_institute"],
        "Cercetare privind detectarea e-mailurilor de tip phishing",
        "Căutăm o echipă universitară pentru un proiect despre detectarea "
        "automată a e-mailurilor de phishing în mai multe limbi.",
        "Avem un set de date anonimizat cu exemple în română, engleză și germană. "
        "Vrem să depunem împreună o cerere de finanțare.",
        published_days_ago=6,
        deadline_in_days=80,
    ),
    _opp(
        "demo-opp-cj-13",
        "demo-cj-orasul-verde",
        "knowledge_offer",
        ["smart-city", "energy-climate"],
        ["municipal", "ngo"],
        "Ghid practic pentru grădini comunitare",
        "Am scris un ghid despre cum se înființează o grădină comunitară pe un teren "
        "public. Îl traducem cu plăcere și îl prezentăm online.",
        "Ghidul acoperă acordul cu primăria, regulile grădinii, irigarea și "
        "implicarea vecinilor. Se bazează pe cinci grădini din Cluj-Napoca.",
        published_days_ago=58,
    ),
    _opp(
        "demo-opp-cj-14",
        "demo-cj-orasul-verde",
        "knowledge_request",
        ["energy-climate", "smart-city"],
        ["municipal", "ngo", "research_institute"],
        "Căutăm exemple de grădini pluviale și acoperișuri verzi",
        "Vrem să propunem primăriei primele grădini pluviale din cartierele noastre și "
        "căutăm exemple care au funcționat în alte orașe.",
        "Ne ajută planuri, costuri, date despre întreținere și măsurători ale "
        "efectului asupra apei pluviale. Putem organiza o videoconferință cu "
        "traducere.",
        published_days_ago=4,
    ),
    _opp(
        "demo-opp-cj-15",
        "demo-cj-mobicluj",
        "technology_offer",
        ["mobility", "smart-city", "e-government"],
        ["municipal"],
        "Aplicație pentru parcarea de reședință",
        "Aplicația noastră gestionează abonamentele de parcare și arată locurile "
        "libere. Căutăm un oraș partener pentru un pilot.",
        "Sistemul funcționează cu senzori în carosabil sau cu camere existente și "
        "poate fi tradus în germană în câteva săptămâni.",
        published_days_ago=35,
    ),
    _opp(
        "demo-opp-cj-16",
        "demo-cj-mobicluj",
        "business_request",
        ["investment", "mobility"],
        ["cluster", "company"],
        "Căutăm investitori pentru extinderea în Germania",
        "Strângem o rundă de 400.000 de euro pentru a lansa aplicația în două orașe "
        "germane.",
        "Avem 15.000 de utilizatori activi în Cluj-Napoca. Căutăm investitori care "
        "ne pot deschide uși la operatori de parcări și administrații locale.",
        published_days_ago=21,
        deadline_in_days=60,
    ),
    _opp(
        "demo-opp-cj-17",
        "demo-cj-robotic-lomb",
        "technology_offer",
        ["robotics-logistics"],
        ["company"],
        "Celule robotizate pentru paletizare",
        "Proiectăm celule de paletizare cu roboți colaborativi, gata de montaj în "
        "patru săptămâni.",
        "Celulele sunt potrivite pentru fabrici mici și medii din industria "
        "alimentară și a ambalajelor. Oferim instruire și service la distanță.",
        published_days_ago=63,
    ),
    _opp(
        "demo-opp-cj-18",
        "demo-cj-robotic-lomb",
        "technology_request",
        ["robotics-logistics", "ai-data"],
        ["startup", "research_institute"],
        "Looking for AI-based visual inspection",
        "We want to add camera-based quality inspection to our robot cells and look "
        "for a partner with a proven model.",
        "The first use case is checking labels and seals on food packaging at 60 "
        "items per minute. We offer a joint pilot at a customer's plant.",
        language="en",
        published_days_ago=15,
    ),
    _opp(
        "demo-opp-cj-19",
        "demo-cj-starthub",
        "knowledge_offer",
        ["founding-support", "start-ups"],
        ["startup"],
        "Program de mentorat pentru fondatori",
        "Oferim mentorat de șase luni pentru fondatori din Dortmund care vor să "
        "testeze piața din România.",
        "Fiecare echipă primește un mentor din Cluj-Napoca, întâlniri lunare online "
        "și o săptămână de lucru la noi în incubator.",
        published_days_ago=27,
        deadline_in_days=45,
    ),
    _opp(
        "demo-opp-cj-20",
        "demo-cj-starthub",
        "business_offer",
        ["founding-support"],
        ["startup"],
        "Birouri de coworking pentru start-up-uri din Dortmund",
        "Punem la dispoziție gratuit, timp de o lună, birouri pentru echipele din "
        "Dortmund care vin să lucreze la Cluj-Napoca.",
        "Incubatorul se află aproape de centru și are săli de întâlniri. Vă "
        "prezentăm firme și investitori locali.",
        published_days_ago=48,
    ),
    _opp(
        "demo-opp-cj-21",
        "demo-cj-bionapoca",
        "research_request",
        ["life-sciences", "research-cooperation"],
        ["university", "research_institute"],
        "Validare științifică pentru teste rapide veterinare",
        "Căutăm un laborator sau o universitate care să valideze testele noastre "
        "rapide în comparație cu metodele de referință.",
        "Testele detectează infecții frecvente la vacile de lapte. Avem nevoie de "
        "aproximativ 500 de probe analizate în paralel.",
        published_days_ago=17,
    ),
    _opp(
        "demo-opp-cj-22",
        "demo-cj-bionapoca",
        "technology_offer",
        ["life-sciences", "agritech"],
        ["agricultural"],
        "Rapid test for mastitis in dairy cows",
        "A test that tells within 15 minutes, in the barn, which bacteria cause an "
        "udder infection, so antibiotics are used only when needed.",
        "We look for dairy farms that test the kits for three months and report back "
        "through a short form. Kits and training are free for pilot farms.",
        language="en",
        published_days_ago=2,
    ),
    _opp(
        "demo-opp-cj-23",
        "demo-cj-datagov",
        "technology_offer",
        ["e-government", "smart-city"],
        ["municipal"],
        "Platformă de consultare publică online",
        "Platforma noastră permite locuitorilor să comenteze proiectele primăriei și "
        "să voteze propuneri. Căutăm o administrație parteneră din Germania.",
        "Platforma respectă GDPR, poate fi găzduită local și are deja interfață în "
        "română, maghiară și engleză.",
        published_days_ago=39,
    ),
    _opp(
        "demo-opp-cj-24",
        "demo-cj-datagov",
        "research_offer",
        ["e-government", "research-cooperation"],
        ["university", "municipal"],
        "Studiu comun despre datele deschise în administrațiile locale",
        "Propunem un studiu comparativ despre ce date publică orașele din România și "
        "din Germania și cum le folosesc locuitorii.",
        "Contribuim cu analiza portalurilor de date și cu interviuri. Căutăm o "
        "universitate și o administrație care să se alăture.",
        published_days_ago=25,
    ),
    _opp(
        "demo-opp-cj-25",
        "demo-cj-solar-somes",
        "business_offer",
        ["energy-climate"],
        ["municipal", "company"],
        "Instalații fotovoltaice pentru clădiri publice",
        "Proiectăm și montăm instalații fotovoltaice pe școli, spitale și sedii "
        "administrative, cu monitorizare online.",
        "Am realizat peste 80 de instalații în județele Cluj și Bihor. Căutăm "
        "parteneri germani pentru proiecte comune și schimb de experiență.",
        published_days_ago=46,
    ),
    # Not published: the coordinators' queue and the members' drafts.
    _opp(
        "demo-opp-cj-26",
        "demo-cj-solar-somes",
        "research_offer",
        ["energy-climate", "research-cooperation"],
        ["university", "municipal"],
        "Comunități de energie în cartiere",
        "Propunem un proiect-pilot de comunitate de energie într-un cartier.",
        "Vrem să măsurăm cât din energia produsă este consumată local.",
        status="submitted",
    ),
    _opp(
        "demo-opp-cj-27",
        "demo-cj-cod-comunitate",
        "knowledge_request",
        ["education-skills"],
        ["ngo", "university"],
        "Materiale de programare pentru elevi",
        "Căutăm materiale de curs despre programare pentru liceeni.",
        "Ne interesează mai ales proiecte practice cu senzori.",
        status="submitted",
    ),
    _opp(
        "demo-opp-cj-28",
        "demo-cj-marul",
        "business_offer",
        ["food-processing"],
        ["company"],
        "Suc de mere presat la rece",
        "Căutăm distribuitori pentru sucul nostru de mere.",
        "Ciornă: completăm cantitățile și prețurile.",
        status="draft",
    ),
]

OPPORTUNITIES = DORTMUND_OPPORTUNITIES + CLUJ_OPPORTUNITIES

# Invented people of the invented example organisations.
ACCOUNTS: list[dict[str, Any]] = [
    {
        "role": "staff",
        "email": "admin@tandem.example.org",
        "language": "en",
        "is_staff": True,
    },
    {
        "role": "coordinator",
        "email": "koordination@dortmund.example.org",
        "language": "de",
        "city": "dortmund",
    },
    {
        "role": "coordinator",
        "email": "coordonare@cluj-napoca.example.org",
        "language": "ro",
        "city": "cluj-napoca",
    },
    {
        "role": "owner",
        "email": "team@emscher-data.example.com",
        "first_name": "Jana",
        "last_name": "Wiesner",
        "language": "de",
        "organisations": ["demo-do-emscher-data"],
    },
    {
        "role": "owner",
        "email": "info@ackerwerk.example.com",
        "first_name": "Lukas",
        "last_name": "Brandt",
        "language": "de",
        "organisations": ["demo-do-ackerwerk", "demo-do-malzwerk"],
    },
    {
        "role": "editor",
        "email": "partners@cloudwerk.example.com",
        "first_name": "Miriam",
        "last_name": "Okafor",
        "language": "en",
        "organisations": ["demo-do-cloudwerk"],
    },
    {
        "role": "owner",
        "email": "contact@somes-analytics.example.com",
        "first_name": "Ioana",
        "last_name": "Mureșan",
        "language": "ro",
        "organisations": ["demo-cj-somes-analytics"],
    },
    {
        "role": "owner",
        "email": "office@agrosenz.example.com",
        "first_name": "Radu",
        "last_name": "Pop",
        "language": "ro",
        "organisations": ["demo-cj-agrosenz", "demo-cj-marul"],
    },
    {
        "role": "editor",
        "email": "partners@codeworks.example.com",
        "first_name": "Andreea",
        "last_name": "Câmpean",
        "language": "en",
        "organisations": ["demo-cj-codeworks"],
    },
]


ADMIN_EMAIL = "admin@tandem.example.org"

# The real joint project (demo-facts.md: R1-R3, D1): only confirmed facts.
IRESILIENCE: dict[str, Any] = {
    "title": "iResilience goes Europe",
    "language": "de",
    "summary": (
        "Vom Bundesministerium für Bildung und Forschung in der Förderlinie "
        "„Zukunftsstadt goes Europe“ gefördert (bewilligt im Januar 2021). Das "
        "Büro für Internationale Beziehungen der Stadt Dortmund teilte ab November "
        "2021 zwei Jahre lang Ergebnisse des Projekts iResilience (Dortmund, Köln, "
        "TU Dortmund) zu Klimaanpassung und Resilienz, etwa zur "
        "Regenwasserspeicherung, mit Cluj-Napoca."
    ),
    "summary_translations": {
        "en": (
            "Funded by the German Federal Ministry of Education and Research "
            "in the funding line “Zukunftsstadt goes Europe” (approved in "
            "January 2021). From November 2021, for two years, Dortmund's "
            "international office shared results of the iResilience project "
            "(Dortmund, Cologne, TU Dortmund) on climate adaptation and "
            "resilience, such as rainwater storage, with Cluj-Napoca."
        ),
        "ro": (
            "Finanțat de Ministerul Federal German al Educației și Cercetării "
            "în linia de finanțare „Zukunftsstadt goes Europe” (aprobat în "
            "ianuarie 2021). Din noiembrie 2021, timp de doi ani, biroul "
            "pentru relații internaționale al orașului Dortmund a împărtășit "
            "orașului Cluj-Napoca rezultatele proiectului iResilience "
            "(Dortmund, Köln, TU Dortmund) privind adaptarea la schimbările "
            "climatice și reziliența, de exemplu stocarea apei de ploaie."
        ),
    },
    "start_on": datetime.date(2021, 11, 1),
    "funding_source": "national",
    "visibility": "public",
    "areas": ["energy-climate", "knowledge-transfer"],
}

# An invented example: a contact that became a running joint project.
EXAMPLE_PROJECT: dict[str, Any] = {
    "title": "Hackroboter für Gemüsebetriebe bei Cluj-Napoca (Beispiel)",
    "sender": "demo-do-ackerwerk",
    "recipient": "demo-cj-agrosenz",
    "sender_user": "info@ackerwerk.example.com",
    "recipient_user": "office@agrosenz.example.com",
    "request": (
        "Guten Tag, wir suchen Gemüsebetriebe in Cluj-Napoca, die unsere "
        "Hackroboter eine Saison lang testen. Hätten Sie Interesse an einem "
        "Gespräch? (Fiktives Beispiel für die Demo.)"
    ),
    "messages": [
        (
            "recipient",
            "Bună ziua! Da, două ferme partenere din Florești ar testa roboții "
            "din aprilie. Putem vorbi în engleză? (Exemplu fictiv.)",
        ),
        (
            "sender",
            "Of course, English works well for us. We could bring two robots "
            "in April and train your team on site. (Fictional example.)",
        ),
    ],
    "areas": ["agritech", "robotics-logistics"],
    "project": {
        "title": "Hackroboter für Gemüsebetriebe bei Cluj-Napoca (Beispiel)",
        "language": "de",
        "summary": (
            "Zwei Hackroboter arbeiten eine Saison lang auf Gemüsefeldern bei "
            "Cluj-Napoca; die Betriebe messen Zeitaufwand und Ertrag. Fiktives "
            "Beispiel für die Demo."
        ),
        "start_on": datetime.date(2026, 4, 1),
        "end_on": datetime.date(2026, 10, 31),
        "funding_source": "private",
        "funding_amount": Decimal("48000"),
        "currency": "EUR",
        "visibility": "public",
    },
    "milestones": [
        {
            "title": "Roboter auf den Feldern in Florești",
            "due_on": datetime.date(2026, 4, 30),
            "done_on": datetime.date(2026, 4, 22),
        },
        {"title": "Auswertung der Saison", "due_on": datetime.date(2026, 11, 30)},
    ],
    "outcomes": [
        {"indicator": "pilots_deployed", "number": Decimal("2"), "unit": "Roboter"},
    ],
}


# --- Events ---------------------------------------------------------------------
# Two invented events, built by the loader through the events services as the
# demo's coordinators and members: a matchmaking day in Dortmund some weeks
# ahead, with a published meeting plan, and an online session that took place
# a few days ago, with held and rated meetings and a follow-up. Days are
# relative to the day the demo is loaded; times are on the event's wall clock.

# What each member account offers and seeks when it registers for an event.
# Organisations a coordinator allowed to organise events of their own, and who.
ALLOWED_ORGANISERS = {"demo-do-emscher-data": "koordination@dortmund.example.org"}

EVENT_PROFILES: dict[str, dict[str, Any]] = {
    "team@emscher-data.example.com": {
        "organisation": "demo-do-emscher-data",
        "offer": "Frühwarnung vor Starkregen aus Sensordaten von Kanalnetzen",
        "seek": "Eine Pilotstadt und Datenpartner in Cluj-Napoca",
        "languages": ["de", "en"],
    },
    "info@ackerwerk.example.com": {
        "organisation": "demo-do-ackerwerk",
        "offer": "Autonome Hackroboter für den Gemüsebau ohne Herbizide",
        "seek": "Gemüsebetriebe und Bodensensoren für Testfelder",
        "languages": ["de", "en"],
    },
    "partners@cloudwerk.example.com": {
        "organisation": "demo-do-cloudwerk",
        "offer": "Cloud migration and secure operations for medium-sized companies",
        "seek": "Java and .NET development partners for customer projects",
        "languages": ["en", "de"],
    },
    "contact@somes-analytics.example.com": {
        "organisation": "demo-cj-somes-analytics",
        "offer": "Modele de inteligență artificială pentru prognoza cererii",
        "seek": "Clienți și parteneri de date din Germania",
        "languages": ["ro", "en"],
    },
    "office@agrosenz.example.com": {
        "organisation": "demo-cj-agrosenz",
        "offer": "Senzori IoT pentru livezi și sere",
        "seek": "Parteneri pentru roboți agricoli și analiza datelor",
        "languages": ["ro", "en"],
    },
    "partners@codeworks.example.com": {
        "organisation": "demo-cj-codeworks",
        "offer": "Java and .NET teams for clients in German-speaking countries",
        "seek": "German IT companies looking for development partners",
        "languages": ["en", "ro", "de"],
    },
}

MATCHMAKING_DAY: dict[str, Any] = {
    "organiser": "koordination@dortmund.example.org",
    "city": "dortmund",
    "in_days": 21,
    "registration_opened_days_ago": 10,
    "registration_closes_days_before": 2,
    "event": {
        "title": (
            "Matchmaking-Tag Dortmund ↔ Cluj-Napoca: Technologie, "
            "Landwirtschaft, Start-ups (Beispiel)"
        ),
        "title_translations": {
            "ro": (
                "Zi de matchmaking Dortmund ↔ Cluj-Napoca: tehnologie, "
                "agricultură, start-up-uri (exemplu)"
            ),
            "en": (
                "Matchmaking day Dortmund ↔ Cluj-Napoca: technology, "
                "agriculture, start-ups (example)"
            ),
        },
        "language": "de",
        "description": (
            "Ein Tag vereinbarter Gespräche zwischen Start-ups, IT-Unternehmen, "
            "Forschung und Landwirtschaft aus Dortmund und Cluj-Napoca, vor Ort "
            "in Dortmund oder online zugeschaltet. Die Koordination plant die "
            "Gespräche vorab und veröffentlicht jeder Person ihre Agenda mit "
            f"Tischnummern oder Videolinks. {EXAMPLE['de']}"
        ),
        "description_translations": {
            "ro": (
                "O zi de întâlniri programate între start-up-uri, firme IT, "
                "cercetare și agricultură din Cluj-Napoca și Dortmund, la fața "
                "locului în Dortmund sau online. Coordonatorii planifică "
                "întâlnirile dinainte și publică fiecărui participant agenda, cu "
                f"numerele meselor sau linkurile video. {EXAMPLE['ro']}"
            ),
            "en": (
                "A day of arranged meetings between start-ups, IT companies, "
                "research and agriculture from Dortmund and Cluj-Napoca, on site "
                "in Dortmund or joining online. The coordinators plan the "
                "meetings in advance and publish each participant's agenda with "
                f"table numbers or video links. {EXAMPLE['en']}"
            ),
        },
        "kind": "matchmaking_day",
        "online": True,  # hybrid: on site in Dortmund, or online
        "time_zone": "Europe/Berlin",
        "capacity": 60,
        "visibility": "public",
        "booking_mode": "organiser_scheduled",
        "meeting_url_template": "https://meet.jit.si/tandem-{event}-{meeting}",
    },
    "areas": ["new-technologies", "ai-data", "agritech", "agriculture", "start-ups"],
    # Slots are numbered over the whole day: 0-5 in the morning, 6-11 after.
    "sessions": [
        {
            "title": "Gesprächsrunde am Vormittag",
            "start_time": datetime.time(9, 30),
            "slot_minutes": 20,
            "break_minutes": 5,
            "slot_count": 6,
            "tables": 8,
            "online_rooms": 4,
        },
        {
            "title": "Gesprächsrunde am Nachmittag",
            "start_time": datetime.time(14, 30),
            "slot_minutes": 20,
            "break_minutes": 5,
            "slot_count": 6,
            "tables": 8,
            "online_rooms": 4,
        },
    ],
    "programme": [
        {
            "title": "Begrüßung durch die Städte Dortmund und Cluj-Napoca",
            "description": (
                "Die Büros für internationale Beziehungen beider Städte eröffnen "
                "den Tag; Cluj-Napoca ist per Video zugeschaltet."
            ),
            "place": "Saal 1",
            "start": datetime.time(9, 0),
            "end": datetime.time(9, 25),
        },
        {
            "title": "Besuch: Hackroboter im Gemüsefeld",
            "description": (
                "Ackerwerk Robotics zeigt seine Hackroboter auf einem Versuchsfeld "
                "am Dortmunder Stadtrand; der Bus fährt am Eingang ab. "
                f"{EXAMPLE['de']}"
            ),
            "place": "Versuchsfeld am Dortmunder Stadtrand",
            "start": datetime.time(12, 10),
            "end": datetime.time(13, 40),
        },
        {
            "title": "Vortrag: Starkregen vorhersagen mit Daten aus Kanalnetzen",
            "description": (
                "Emscher Data Labs berichtet, wie Sensordaten aus Kanalnetzen vor "
                "Starkregen warnen und was Stadtwerke in beiden Städten daraus "
                f"lernen können. Auf Deutsch, mit englischen Folien. {EXAMPLE['de']}"
            ),
            "place": "Saal 1",
            "start": datetime.time(13, 55),
            "end": datetime.time(14, 25),
        },
    ],
    # "available": the slots ticked (None: none ticked, so free in every slot).
    "registrations": [
        # Arrives late: misses the first two meetings of the morning.
        {
            "user": "team@emscher-data.example.com",
            "attendance": "on_site",
            "available": list(range(2, 12)),
        },
        {
            "user": "info@ackerwerk.example.com",
            "attendance": "on_site",
            "available": None,
        },
        # Leaves at four.
        {
            "user": "partners@cloudwerk.example.com",
            "attendance": "on_site",
            "available": list(range(0, 9)),
        },
        {
            "user": "contact@somes-analytics.example.com",
            "attendance": "on_site",
            "available": None,
        },
        # Online from Cluj-Napoca, in the afternoon only.
        {
            "user": "office@agrosenz.example.com",
            "attendance": "online",
            "available": list(range(6, 12)),
        },
        {
            "user": "partners@codeworks.example.com",
            "attendance": "online",
            "available": None,
        },
    ],
    # "by": "requester", or "organiser" (the Dortmund coordinator sets the
    # meeting: accepted at once); "answer" of the invitee to a participant's
    # request: "accept", "decline" or None (still waiting).
    "requests": [
        {
            "requester": "info@ackerwerk.example.com",
            "invitee": "office@agrosenz.example.com",
            "priority": "must",
            "by": "requester",
            "message": "Wir möchten die nächste Testsaison mit Ihren Bodensensoren "
            "planen.",
            "answer": "accept",
        },
        {
            "requester": "team@emscher-data.example.com",
            "invitee": "contact@somes-analytics.example.com",
            "priority": "like",
            "by": "requester",
            "message": "Könnten Ihre Prognosemodelle auch Starkregen vorhersagen?",
            "answer": "accept",
        },
        {
            "requester": "partners@cloudwerk.example.com",
            "invitee": "partners@codeworks.example.com",
            "priority": "must",
            "by": "requester",
            "message": "We are looking for a .NET team for two customer projects.",
            "answer": "accept",
        },
        {
            "requester": "contact@somes-analytics.example.com",
            "invitee": "partners@cloudwerk.example.com",
            "priority": "like",
            "by": "requester",
            "message": "Căutăm găzduire în cloud, în Germania, pentru modelele "
            "noastre.",
            "answer": "accept",
        },
        {
            "requester": "partners@codeworks.example.com",
            "invitee": "team@emscher-data.example.com",
            "priority": "like",
            "by": "requester",
            "message": "We could build the dashboard of your warning system.",
            "answer": "accept",
        },
        {
            "requester": "office@agrosenz.example.com",
            "invitee": "team@emscher-data.example.com",
            "priority": "must",
            "by": "organiser",
            "message": "Beide arbeiten mit Sensordaten: die Koordination empfiehlt "
            "dieses Gespräch.",
            "answer": None,
        },
        {
            "requester": "info@ackerwerk.example.com",
            "invitee": "contact@somes-analytics.example.com",
            "priority": "like",
            "by": "organiser",
            "message": "Die Koordination empfiehlt ein Gespräch über Ertragsprognosen.",
            "answer": None,
        },
        {
            "requester": "partners@codeworks.example.com",
            "invitee": "info@ackerwerk.example.com",
            "priority": "like",
            "by": "requester",
            "message": "Do you need help with the software of your robots?",
            "answer": "decline",
        },
        {
            "requester": "partners@cloudwerk.example.com",
            "invitee": "office@agrosenz.example.com",
            "priority": "like",
            "by": "requester",
            "message": "Would your sensor platform run in a German cloud?",
            "answer": None,
        },
    ],
}

ONLINE_SESSION: dict[str, Any] = {
    "organiser": "coordonare@cluj-napoca.example.org",
    "days_ago": 12,
    "event": {
        "title": (
            "Sesiune online: date și inteligență artificială pentru orașe și "
            "ferme (exemplu)"
        ),
        "title_translations": {
            "de": "Online-Sitzung: Daten und KI für Städte und Höfe (Beispiel)",
            "en": "Online session: data and AI for cities and farms (example)",
        },
        "language": "ro",
        "description": (
            "O după-amiază de întâlniri video de câte 30 de minute între firme "
            "și cercetători din Cluj-Napoca și Dortmund care lucrează cu date; "
            f"participanții și-au rezervat singuri întâlnirile. {EXAMPLE['ro']}"
        ),
        "description_translations": {
            "de": (
                "Ein Nachmittag mit Videogesprächen von je 30 Minuten zwischen "
                "Unternehmen und Forschenden aus Cluj-Napoca und Dortmund, die mit "
                "Daten arbeiten; die Teilnehmenden buchten ihre Gespräche selbst. "
                f"{EXAMPLE['de']}"
            ),
            "en": (
                "An afternoon of 30-minute video meetings between companies and "
                "researchers from Cluj-Napoca and Dortmund who work with data; the "
                f"participants booked their meetings themselves. {EXAMPLE['en']}"
            ),
        },
        "kind": "online_session",
        "online": True,
        "time_zone": "Europe/Bucharest",
        "visibility": "public",
        "booking_mode": "self_booking",
        "meeting_url_template": "https://meet.jit.si/tandem-{event}-{meeting}",
    },
    "areas": ["ai-data", "agritech", "software-it-services"],
    "session": {
        "title": "Întâlniri video",
        "start_time": datetime.time(15, 0),
        "slot_minutes": 30,
        "break_minutes": 5,
        "slot_count": 4,
        "online_rooms": 4,
    },
    "participants": [
        "contact@somes-analytics.example.com",
        "partners@codeworks.example.com",
        "office@agrosenz.example.com",
        "team@emscher-data.example.com",
        "partners@cloudwerk.example.com",
    ],
    # Each accepted by the invitee, booked by "booked_by" into slot "slot",
    # marked held by "held_by" and rated (1-5) by the participants listed.
    "meetings": [
        {
            "requester": "contact@somes-analytics.example.com",
            "invitee": "team@emscher-data.example.com",
            "priority": "like",
            "message": "Ne-ar interesa datele dumneavoastră despre ploile torențiale.",
            "slot": 0,
            "booked_by": "contact@somes-analytics.example.com",
            "held_by": "contact@somes-analytics.example.com",
            "ratings": {
                "contact@somes-analytics.example.com": 5,
                "team@emscher-data.example.com": 4,
            },
            "follow_up": {
                "by": "team@emscher-data.example.com",
                "message": (
                    "Danke für das Gespräch in der Online-Sitzung! Wir würden "
                    "gern einen gemeinsamen Piloten für Niederschlagsprognosen "
                    f"mit Ihren Modellen besprechen. {EXAMPLE['de']}"
                ),
            },
        },
        {
            "requester": "partners@codeworks.example.com",
            "invitee": "partners@cloudwerk.example.com",
            "priority": "must",
            "message": "We would like to present our .NET team to you.",
            "slot": 1,
            "booked_by": "partners@cloudwerk.example.com",
            "held_by": "partners@codeworks.example.com",
            "ratings": {
                "partners@codeworks.example.com": 4,
                "partners@cloudwerk.example.com": 5,
            },
        },
        {
            "requester": "office@agrosenz.example.com",
            "invitee": "team@emscher-data.example.com",
            "priority": "like",
            "message": "Senzorii noștri de umiditate ar putea completa datele "
            "dumneavoastră.",
            "slot": 2,
            "booked_by": "office@agrosenz.example.com",
            "held_by": "team@emscher-data.example.com",
            "ratings": {"office@agrosenz.example.com": 4},
        },
    ],
}
