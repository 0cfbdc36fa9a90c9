"""Reference data of the Régime Général: branches, organisations, themes, the 2026-2027 programme.

Pure data, loaded by `reference_data_load()` (command `seed_reference`). Imports and matching refer
to the codes, so a code never changes once published; labels and names may be reworded.
"""

import datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

# (code, name), in display order.
BRANCHES = [
    ("maladie", "Maladie"),
    ("famille", "Famille"),
    ("retraite", "Retraite"),
    ("recouvrement", "Recouvrement"),
    ("autonomie", "Autonomie"),
    ("transverse", "Transverse (caisses nationales et organismes communs)"),
]

# (code, name, branch code, region). The caisses nationales belong to their branch; the multi-branch
# bodies (UCANSS, CGSS, caisse commune de la Lozère, caisse de Mayotte) to the transverse branch.
ORGANISATIONS = [
    # Maladie
    ("CNAM", "Caisse nationale de l'Assurance Maladie", "maladie", "Île-de-France"),
    ("CPAM-75", "CPAM de Paris", "maladie", "Île-de-France"),
    ("CPAM-93", "CPAM de la Seine-Saint-Denis", "maladie", "Île-de-France"),
    ("CPAM-33", "CPAM de la Gironde", "maladie", "Nouvelle-Aquitaine"),
    ("CPAM-69", "CPAM du Rhône", "maladie", "Auvergne-Rhône-Alpes"),
    ("CPAM-13", "CPAM des Bouches-du-Rhône", "maladie", "Provence-Alpes-Côte d'Azur"),
    ("CPAM-06", "CPAM des Alpes-Maritimes", "maladie", "Provence-Alpes-Côte d'Azur"),
    ("CPAM-31", "CPAM de la Haute-Garonne", "maladie", "Occitanie"),
    ("CPAM-34", "CPAM de l'Hérault", "maladie", "Occitanie"),
    ("CPAM-44", "CPAM de la Loire-Atlantique", "maladie", "Pays de la Loire"),
    ("CPAM-35", "CPAM d'Ille-et-Vilaine", "maladie", "Bretagne"),
    ("CPAM-67", "CPAM du Bas-Rhin", "maladie", "Grand Est"),
    ("CPAM-21", "CPAM de la Côte-d'Or", "maladie", "Bourgogne-Franche-Comté"),
    ("CPAM-45", "CPAM du Loiret", "maladie", "Centre-Val de Loire"),
    ("CPAM-14", "CPAM du Calvados", "maladie", "Normandie"),
    ("CPAM-2A", "CPAM de la Corse-du-Sud", "maladie", "Corse"),
    ("CRAMIF", "Caisse régionale d'assurance maladie d'Île-de-France", "maladie", "Île-de-France"),
    ("UGECAM-IDF", "UGECAM Île-de-France", "maladie", "Île-de-France"),
    ("UGECAM-OCCITANIE", "UGECAM Occitanie", "maladie", "Occitanie"),
    # Famille
    ("CNAF", "Caisse nationale des allocations familiales", "famille", "Île-de-France"),
    ("CAF-75", "CAF de Paris", "famille", "Île-de-France"),
    ("CAF-59", "CAF du Nord", "famille", "Hauts-de-France"),
    ("CAF-62", "CAF du Pas-de-Calais", "famille", "Hauts-de-France"),
    ("CAF-33", "CAF de la Gironde", "famille", "Nouvelle-Aquitaine"),
    ("CAF-69", "CAF du Rhône", "famille", "Auvergne-Rhône-Alpes"),
    ("CAF-63", "CAF du Puy-de-Dôme", "famille", "Auvergne-Rhône-Alpes"),
    ("CAF-13", "CAF des Bouches-du-Rhône", "famille", "Provence-Alpes-Côte d'Azur"),
    ("CAF-31", "CAF de la Haute-Garonne", "famille", "Occitanie"),
    ("CAF-44", "CAF de la Loire-Atlantique", "famille", "Pays de la Loire"),
    ("CAF-29", "CAF du Finistère", "famille", "Bretagne"),
    ("CAF-67", "CAF du Bas-Rhin", "famille", "Grand Est"),
    ("CAF-37", "CAF de la Touraine", "famille", "Centre-Val de Loire"),
    ("CAF-76", "CAF de la Seine-Maritime", "famille", "Normandie"),
    # Retraite
    ("CNAV", "Caisse nationale d'assurance vieillesse", "retraite", "Île-de-France"),
    ("CARSAT-AQUITAINE", "Carsat Aquitaine", "retraite", "Nouvelle-Aquitaine"),
    ("CARSAT-HDF", "Carsat Hauts-de-France", "retraite", "Hauts-de-France"),
    ("CARSAT-RHONE-ALPES", "Carsat Rhône-Alpes", "retraite", "Auvergne-Rhône-Alpes"),
    ("CARSAT-SUD-EST", "Carsat Sud-Est", "retraite", "Provence-Alpes-Côte d'Azur"),
    ("CARSAT-MIDI-PYRENEES", "Carsat Midi-Pyrénées", "retraite", "Occitanie"),
    ("CARSAT-BRETAGNE", "Carsat Bretagne", "retraite", "Bretagne"),
    ("CARSAT-PAYS-DE-LA-LOIRE", "Carsat Pays de la Loire", "retraite", "Pays de la Loire"),
    ("CARSAT-ALSACE-MOSELLE", "Carsat Alsace-Moselle", "retraite", "Grand Est"),
    ("CARSAT-BFC", "Carsat Bourgogne-Franche-Comté", "retraite", "Bourgogne-Franche-Comté"),
    ("CARSAT-NORMANDIE", "Carsat Normandie", "retraite", "Normandie"),
    # Recouvrement
    ("URSSAF-CN", "Urssaf Caisse nationale", "recouvrement", "Île-de-France"),
    ("URSSAF-IDF", "Urssaf Île-de-France", "recouvrement", "Île-de-France"),
    ("URSSAF-AQUITAINE", "Urssaf Aquitaine", "recouvrement", "Nouvelle-Aquitaine"),
    ("URSSAF-RHONE-ALPES", "Urssaf Rhône-Alpes", "recouvrement", "Auvergne-Rhône-Alpes"),
    ("URSSAF-PACA", "Urssaf Provence-Alpes-Côte d'Azur", "recouvrement", "Provence-Alpes-Côte d'Azur"),
    ("URSSAF-NPDC", "Urssaf Nord Pas-de-Calais", "recouvrement", "Hauts-de-France"),
    ("URSSAF-MIDI-PYRENEES", "Urssaf Midi-Pyrénées", "recouvrement", "Occitanie"),
    ("URSSAF-BRETAGNE", "Urssaf Bretagne", "recouvrement", "Bretagne"),
    ("URSSAF-PAYS-DE-LA-LOIRE", "Urssaf Pays de la Loire", "recouvrement", "Pays de la Loire"),
    ("URSSAF-ALSACE", "Urssaf Alsace", "recouvrement", "Grand Est"),
    ("URSSAF-CENTRE", "Urssaf Centre-Val de Loire", "recouvrement", "Centre-Val de Loire"),
    # Autonomie
    ("CNSA", "Caisse nationale de solidarité pour l'autonomie", "autonomie", "Île-de-France"),
    # Transverse
    ("UCANSS", "Union des caisses nationales de sécurité sociale", "transverse", "Île-de-France"),
    ("CGSS-971", "CGSS de la Guadeloupe", "transverse", "Guadeloupe"),
    ("CGSS-972", "CGSS de la Martinique", "transverse", "Martinique"),
    ("CGSS-973", "CGSS de la Guyane", "transverse", "Guyane"),
    ("CGSS-974", "CGSS de La Réunion", "transverse", "La Réunion"),
    ("CSSM-976", "Caisse de sécurité sociale de Mayotte", "transverse", "Mayotte"),
    ("CCSS-48", "Caisse commune de sécurité sociale de la Lozère", "transverse", "Occitanie"),
]

# (code, label), in display order. The codes are part of the import format: never rename them.
THEMES = [
    ("posture-manageriale", "Posture managériale"),
    ("prise-de-poste", "Prise de poste"),
    ("animation-equipe", "Animation d'équipe"),
    ("conduite-changement", "Conduite du changement"),
    ("gestion-conflits", "Gestion des tensions et des conflits"),
    ("communication", "Communication professionnelle"),
    ("organisation-priorites", "Organisation du travail et gestion des priorités"),
    ("competences-numeriques", "Compétences numériques"),
    ("parcours-interbranche", "Parcours et mobilité interbranche"),
    ("codes-implicites", "Codes implicites et culture de l'institution"),
    ("reseau-professionnel", "Réseau professionnel"),
    ("developpement-carriere", "Développement de carrière"),
    ("relation-usagers", "Relation avec les assurés, allocataires et cotisants"),
    ("pilotage-activite", "Pilotage de l'activité"),
    ("equilibre-vie", "Équilibre entre vie professionnelle et vie personnelle"),
    ("transmission-expertise", "Transmission de l'expertise métier"),
]

PROGRAMME = {
    "slug": "2026-2027",
    "name": "Programme de mentorat 2026-2027",
    "description": (
        "Première édition du programme de mentorat du Régime Général : une cinquantaine de binômes "
        "mentor-mentoré, sept mois d'accompagnement, six à huit séances d'environ une heure en "
        "visioconférence, sur le temps de travail et sur la base du volontariat."
    ),
    "call_opens_at": datetime.datetime(2026, 7, 1, 0, 0, tzinfo=PARIS),
    "call_closes_at": datetime.datetime(2026, 9, 12, 23, 59, 59, tzinfo=PARIS),
    "starts_on": datetime.date(2026, 10, 15),
    "ends_on": datetime.date(2027, 5, 15),
    "evaluation_ends_on": datetime.date(2027, 6, 30),
}

TRACKS = [
    {
        "code": "P1",
        "name": "Accompagnement des primo-managers",
        "description": (
            "Un manager qui prend son premier poste d'encadrement est accompagné pendant sept mois par "
            "un manager confirmé d'un autre organisme. Le regard extérieur, sans lien hiérarchique, "
            "aide à trouver sa posture, à animer son équipe et à prendre du recul sur les situations "
            "du quotidien."
        ),
        "mentee_profile": "Agent prenant un premier poste de manager",
        "mentor_profile": "Manager confirmé d'un autre organisme (une autre branche est un plus)",
        "requires_other_organisation": True,
    },
    {
        "code": "P2",
        "name": "Transmission de l'expérience",
        "description": (
            "Un agent expérimenté partage son expérience avec un collègue qui souhaite apprendre : "
            "développer ses compétences numériques, construire un parcours interbranche, comprendre "
            "les codes implicites de l'institution après une embauche ou une mobilité."
        ),
        "mentee_profile": (
            "Agent souhaitant apprendre : compétences numériques, parcours interbranche, intégration "
            "d'un nouvel embauché dans les codes implicites de l'institution, évolution professionnelle"
        ),
        "mentor_profile": "Agent expérimenté souhaitant transmettre son expertise",
        "requires_other_organisation": False,
    },
]
