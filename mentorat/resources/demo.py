"""Demo data of the library and of the mentors' training.

Two training sessions (September and October 2026, by video), attendance for most validated mentors
(a few are left untrained, so that the engineer's warning before publishing has something to show),
and three more resources: two pages and a PDF generated with WeasyPrint. Rows are found by a stable
key (slug; programme + title; session + person) and only created when missing: a second run
changes nothing.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction

from candidatures.demo import DEMO_MENTOR
from mentorat.core.pdf import render_pdf

from .enums import Audience, ResourceKind
from .models import Resource, TrainingAttendance, TrainingSession
from .selectors import validated_mentors

PARIS = ZoneInfo("Europe/Paris")

SESSIONS = [
    {
        "title": "Formation des mentors · session 1",
        "starts_at": datetime.datetime(2026, 9, 29, 14, 0, tzinfo=PARIS),
        "duration_minutes": 180,
        "location_or_link": "https://visio.mentorat.example.fr/formation-mentors-1",
        "description": (
            "La posture du mentor, l'écoute active et le questionnement, le cadre et la charte, "
            "la confidentialité et le code de déontologie de l'EMCC, une mise en situation."
        ),
    },
    {
        "title": "Formation des mentors · session 2",
        "starts_at": datetime.datetime(2026, 10, 8, 9, 30, tzinfo=PARIS),
        "duration_minutes": 180,
        "location_or_link": "https://visio.mentorat.example.fr/formation-mentors-2",
        "description": ("Même contenu que la session 1, pour les mentors qui n'ont pas pu y assister."),
    },
]

CHARTER_REMINDER = """\
La charte est signée par le mentor et le mentoré au début de leur relation, sur la plateforme. Voici
l'essentiel de ses engagements, à relire avant chaque étape importante.

## Les principes

- **Aucun lien hiérarchique** entre le mentor et le mentoré, ni direct ni indirect.
- **Égalité et réciprocité** : chacun apprend de l'autre ; le mentor n'évalue pas, ne contrôle pas, ne donne
  pas de consignes.
- **Volontariat** : chacun participe librement, sur le temps de travail, sans rémunération supplémentaire.
- **Confidentialité** : ce qui se dit reste dans le binôme. Elle ne cède qu'en cas de danger pour une
  personne ou d'obligation légale, et toujours en en parlant d'abord avec l'autre.
- **Déontologie** : la pratique suit le code de déontologie de l'EMCC.

## Les engagements du mentoré

- définir un à trois objectifs et les faire vivre ;
- préparer les séances et en prendre l'initiative ;
- prévenir en cas d'empêchement ;
- dire ce qui fonctionne et ce qui ne fonctionne pas.

## Les engagements du mentor

- avoir suivi la formation des mentors ;
- écouter, questionner, partager son expérience sans imposer ses solutions ;
- respecter strictement la confidentialité ;
- consigner la tenue de chaque séance sur la plateforme (jamais son contenu).

## Le cadre

- **Sept mois**, de mi-octobre 2026 à mi-mai 2027 ;
- **six à huit séances** d'environ une heure, à peu près une par mois, en visioconférence ;
- **liberté d'arrêter** : le mentoré peut changer de mentor à tout moment ; le motif n'est lu que par
  l'équipe du programme ;
- **données personnelles** : la plateforme ne conserve que ce qui sert au programme et à son évaluation ;
  les résultats sont toujours présentés de façon agrégée.

La charte complète, avec le cadre de votre binôme et les deux signatures, se télécharge en PDF depuis la
page du binôme.
"""

SESSION_TEMPLATE = """\
Une trame à remplir avant chaque séance, en dix minutes. Vous pouvez la recopier dans vos notes de
préparation sur la plateforme : elles ne sont lues que par vous.

## 1. Où j'en suis

- Depuis la dernière séance, qu'ai-je essayé ?
- Qu'est-ce qui a marché, même un peu ? Qu'est-ce qui a résisté ?
- Où en suis-je de chacun de mes objectifs, sur une échelle de 1 à 5 ?

## 2. Le sujet de cette séance

- La situation dont je veux parler (en deux ou trois phrases, avec un exemple concret) :
- Ce qui me pose question dans cette situation :
- Ce que j'attends de mon mentor : un retour d'expérience, un avis, des questions pour y voir clair ?

## 3. Mes questions

1. …
2. …
3. …

## 4. Après la séance

- Ce que je retiens :
- La petite action que je mènerai d'ici la prochaine séance :
- La date de la prochaine séance :

> Conseil : une séance utile porte souvent sur **une seule** situation, travaillée en profondeur, plutôt que
> sur plusieurs sujets survolés.
"""

PAGES = [
    {
        "slug": "charte-du-mentorat-rappel",
        "title": "Charte du mentorat (rappel)",
        "summary": "Les principes et les engagements de la charte signée par chaque binôme, en une page.",
        "body": CHARTER_REMINDER,
        "audience": Audience.EVERYONE,
        "position": 30,
    },
    {
        "slug": "trame-de-preparation-de-seance",
        "title": "Trame de préparation de séance",
        "summary": "Dix minutes avant chaque séance : où j'en suis, le sujet du jour, mes questions, mon action.",
        "body": SESSION_TEMPLATE,
        "audience": Audience.MENTEES,
        "position": 40,
    },
]

TRAINING_SUPPORT = {
    "slug": "support-de-formation-des-mentors",
    "title": "Support de formation des mentors",
    "summary": "Le support projeté pendant la formation : posture, écoute, questions, cadre, confidentialité.",
    "body": "Le support de la formation des mentors, à relire avant la première séance avec votre mentoré.",
    "audience": Audience.MENTORS,
    "position": 50,
    "file_name": "support-formation-mentors-2026.pdf",
}


@dataclass
class ResourcesDemoResult:
    resources: int = 0
    sessions: int = 0
    attendances: int = 0


@transaction.atomic
def resources_demo_load(programme, *, engineer):
    result = ResourcesDemoResult()
    for page in PAGES:
        _resource, created = Resource.objects.get_or_create(
            slug=page["slug"], defaults={**page, "kind": ResourceKind.PAGE, "programme": programme}
        )
        result.resources += created
    result.resources += _training_support(programme)

    sessions = []
    for values in SESSIONS:
        session, created = TrainingSession.objects.get_or_create(
            programme=programme, title=values["title"], defaults=values
        )
        sessions.append(session)
        result.sessions += created
    result.attendances = _attendances(programme, sessions, engineer)
    return result


def _training_support(programme):
    """The PDF resource, generated once; generated again only when its file is missing."""
    values = dict(TRAINING_SUPPORT)
    resource = Resource.objects.filter(slug=values["slug"]).first()
    if resource is not None and resource.file and resource.file.storage.exists(resource.file.name):
        return 0
    content = render_pdf("resources/pdf/training_support.html", {"programme": programme})
    if resource is None:
        resource = Resource(kind=ResourceKind.FILE, programme=programme, **values)
    resource.file_size = len(content)
    resource.file.save(values["file_name"], ContentFile(content), save=False)
    resource.save()
    return 1


def _attendances(programme, sessions, engineer):
    """Most validated mentors attended one of the two sessions; one in eight did not (some of them are
    recorded absent). The demo mentor of the README is trained."""
    mentors = list(validated_mentors(programme).order_by("user__email").values_list("user_id", "user__email"))
    existing = set(TrainingAttendance.objects.filter(session__in=sessions).values_list("session_id", "user_id"))
    rows = []
    for index, (user_id, email) in enumerate(mentors):
        untrained = index % 8 == 5 and email != DEMO_MENTOR.email
        session = sessions[index % 2]
        if untrained and index % 16 != 5:
            continue  # never came, nothing recorded
        if (session.pk, user_id) in existing:
            continue
        rows.append(
            TrainingAttendance(
                session=session,
                user_id=user_id,
                attended=not untrained,
                recorded_by=engineer,
                recorded_at=session.starts_at + datetime.timedelta(days=1, hours=2),
            )
        )
    TrainingAttendance.objects.bulk_create(rows)
    return len(rows)
