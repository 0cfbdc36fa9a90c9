"""The four agenda templates of the library, one per stage of a pair's year (pure data, loaded with
the platform's own pages by `reference_resources_load()`; the engineer may rewrite them on the
platform, and loading again never overwrites them).

Their text becomes a session's agenda as is: plain lines, readable without Markdown.
"""

from .enums import AgendaStage

FIRST_MEETING = """\
- Faire connaissance : parcours, métier, ce qui a amené chacun au mentorat
- Les attentes du mentoré et ce que le mentor peut apporter
- Les objectifs du mentoré (deux ou trois, concrets)
- Le cadre : rythme des séances, durée, lieu ou visioconférence, disponibilités
- La confidentialité et les règles de la charte
- Prochaine séance : date et sujet
"""

FRAME_REVIEW = """\
- Ce qui a avancé depuis la dernière séance
- Le cadre convenu : rythme, durée, moyens de se joindre — ce qui marche, ce qui est à ajuster
- Les objectifs : toujours les bons ? à préciser ?
- La relation : ce que chacun aimerait faire autrement
- Prochaine séance : date et sujet
"""

MIDTERM = """\
- Où en sont les objectifs (le mentoré se situe de 1 à 5 pour chacun)
- Ce que le mentoré a essayé, ce qu'il en retire
- Les situations à venir où un échange serait utile
- Ajuster les objectifs ou le rythme pour la seconde moitié du parcours
- Prochaine séance : date et sujet
"""

CLOSING = """\
- Le chemin parcouru depuis la première séance
- Le bilan des objectifs : atteints, en cours, abandonnés (et pourquoi)
- Ce que chacun retient de la relation, mentor comme mentoré
- Après le mentorat : les ressources, les relais, garder le contact ou non
- Les questionnaires de fin de programme et l'attestation
"""

_COMMON = {"kind": "page", "audience": "everyone", "published": True, "programme": None}

AGENDA_PAGES = [
    {
        "slug": "modele-ordre-du-jour-premiere-rencontre",
        "title": "Modèle d'ordre du jour : première rencontre",
        "summary": "Faire connaissance, les attentes, les objectifs et le cadre du binôme.",
        "body": FIRST_MEETING,
        "position": 60,
        "agenda_stage": AgendaStage.FIRST_MEETING,
        **_COMMON,
    },
    {
        "slug": "modele-ordre-du-jour-revue-du-cadre",
        "title": "Modèle d'ordre du jour : revue du cadre",
        "summary": "Après quelques séances, revoir ensemble le rythme, les objectifs et la relation.",
        "body": FRAME_REVIEW,
        "position": 61,
        "agenda_stage": AgendaStage.FRAME_REVIEW,
        **_COMMON,
    },
    {
        "slug": "modele-ordre-du-jour-mi-parcours",
        "title": "Modèle d'ordre du jour : point à mi-parcours",
        "summary": "Où en sont les objectifs, et que changer pour la seconde moitié du parcours.",
        "body": MIDTERM,
        "position": 62,
        "agenda_stage": AgendaStage.MIDTERM,
        **_COMMON,
    },
    {
        "slug": "modele-ordre-du-jour-cloture",
        "title": "Modèle d'ordre du jour : séance de clôture",
        "summary": "Le bilan du chemin parcouru et des objectifs, et l'après-mentorat.",
        "body": CLOSING,
        "position": 63,
        "agenda_stage": AgendaStage.CLOSING,
        **_COMMON,
    },
]
