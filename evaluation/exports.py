"""Pseudonymised data of the evaluation, as CSV and XLSX, for the programme engineer.

Columns come from explicit allowlists below: nothing else ever leaves. People appear under a
pseudonym that is stable within a programme and differs between programmes (an HMAC of the user
id keyed with SECRET_KEY and the programme's slug). No name, no email; a branch or an organisation
is written only when at least 5 participants of the file belong to it, and the people left blank
are never a small group either (`privacy.breakdown` over the named labels and « others »). Free-text answers are
exported only on request, in their own sheet (or file) holding no pseudonym and sorted by question
and text, so that they cannot be tied back to a row of answers.
"""

import hashlib
import hmac
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from mentorat.core import spreadsheets
from sessions_binome.enums import SessionStatus
from sessions_binome.models import Pair, PairObjective

from . import privacy
from .enums import QuestionKind, ResponseStatus
from .models import Answer

ANSWER_COLUMNS = [
    "pseudonyme",
    "programme",
    "questionnaire",
    "public",
    "parcours",
    "branche",
    "organisme",
    "mois_envoi",
    "question_no",
    "question",
    "type",
    "indicateur",
    "valeur",
    "options",
]
PAIR_COLUMNS = [
    "binome",
    "programme",
    "parcours",
    "statut",
    "pseudonyme_mentore",
    "pseudonyme_mentor",
    "branche_mentore",
    "branche_mentor",
    "mois_creation",
    "mois_demarrage",
    "mois_fin",
    "seances_tenues",
    "heures_tenues",
    "objectifs",
    "auto_evaluation_debut",
    "auto_evaluation_fin",
]
FREE_TEXT_COLUMNS = ["questionnaire", "public", "question_no", "question", "reponse"]

README_ROWS = [
    ["Données pseudonymisées de l'évaluation du programme de mentorat"],
    [""],
    ["Réponses : une ligne par réponse à une question fermée (échelle 1-5, recommandation 0-10, choix)."],
    ["Binômes : une ligne par binôme, avec ses séances tenues et l'auto-évaluation moyenne de ses objectifs (1 à 5)."],
    ["Réponses libres (sur demande) : sans pseudonyme, triées par question puis par texte."],
    [""],
    ["Pseudonymes : stables pour un programme, différents d'un programme à l'autre ; aucun nom ni adresse."],
    ["Branche et organisme : renseignés seulement quand au moins 5 participants du fichier en relèvent"],
    ["(règle des petits effectifs, avec masquage complémentaire au sein de chaque branche)."],
]


def pseudonym(programme, user_id, prefix="P"):
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{programme.slug}:{prefix}:{user_id}".encode(), hashlib.sha256)
    return f"{prefix}-{digest.hexdigest()[:10]}"


def _month(moment):
    return spreadsheets.Month.of(moment)


OTHERS = object()  # the people whose organisation (or branch) is left blank


def _shown_labels(counts):
    """The labels of {label: people} an export may write. What it publishes is a breakdown of the
    people by label, the small groups (1 to 4) gathered in a blank « others »; that breakdown goes
    through the rule, so that « others » is never a small group either (the smallest label joins it)."""
    published = {label: n for label, n in counts.items() if not privacy.count(n).is_small}
    published[OTHERS] = sum(n for label, n in counts.items() if label not in published)
    figures = privacy.breakdown(published)
    return {label for label, figure in figures.items() if label not in (OTHERS, "total") and figure.shown}


def _named_groups(people):
    """{person: (branch code or "", organisation code or "")} for `people` = {person: (branch, organisation)}."""
    branches = _shown_labels(Counter(branch for branch, _org in people.values()))
    per_branch = defaultdict(Counter)
    for branch, organisation in people.values():
        per_branch[branch][organisation] += 1
    organisations = {
        (branch, org) for branch, orgs in per_branch.items() if branch in branches for org in _shown_labels(orgs)
    }
    return {
        person: (branch if branch in branches else "", organisation if (branch, organisation) in organisations else "")
        for person, (branch, organisation) in people.items()
    }


def answer_rows(programme):
    answers = list(
        Answer.objects.filter(response__survey__programme=programme, response__status=ResponseStatus.SUBMITTED)
        .exclude(question__kind=QuestionKind.TEXT)
        .select_related("question", "response__survey", "response__track", "response__organisation__branch")
        .order_by("response__survey__opens_at", "response__survey__audience", "response_id", "question__position")
    )
    people = {}
    for answer in answers:
        response = answer.response
        organisation = response.organisation
        people[response.respondent_id] = (
            organisation.branch.code if organisation else "",
            organisation.code if organisation else "",
        )
    labels = _named_groups(people)
    yield ANSWER_COLUMNS
    for answer in answers:
        response, question = answer.response, answer.question
        branch, organisation = labels[response.respondent_id]
        yield [
            pseudonym(programme, response.respondent_id),
            programme.slug,
            response.survey.phase,
            response.survey.audience,
            response.track.code if response.track else "",
            branch,
            organisation,
            _month(response.submitted_at),
            question.position,
            question.text,
            question.kind,
            question.indicator,
            answer.value,
            "|".join(answer.selected),
        ]


def pair_rows(programme):
    pairs = list(
        Pair.objects.filter(programme=programme)
        .select_related("track", "mentee_application__organisation__branch", "mentor_application__organisation__branch")
        .annotate(
            held=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD)),
            minutes=Coalesce(
                Sum("sessions__actual_duration_minutes", filter=Q(sessions__status=SessionStatus.HELD)), 0
            ),
        )
        .order_by("pk")
    )
    objectives = defaultdict(list)
    for pair_id, start, final in PairObjective.objects.filter(pair__programme=programme).values_list(
        "pair_id", "start_assessment", "final_assessment"
    ):
        objectives[pair_id].append((start, final))
    people = {}
    for pair in pairs:
        for side in ("mentee", "mentor"):
            application = getattr(pair, f"{side}_application")
            people[getattr(pair, f"{side}_id")] = (application.organisation.branch.code, application.organisation.code)
    labels = _named_groups(people)
    yield PAIR_COLUMNS
    for pair in pairs:
        items = objectives.get(pair.pk, [])
        finals = [f for _s, f in items if f is not None]
        yield [
            pseudonym(programme, pair.pk, prefix="B"),
            programme.slug,
            pair.track.code,
            pair.status,
            pseudonym(programme, pair.mentee_id),
            pseudonym(programme, pair.mentor_id),
            labels[pair.mentee_id][0],
            labels[pair.mentor_id][0],
            _month(pair.created_at),
            _month(pair.activated_at),
            _month(pair.ended_at),
            pair.held,
            round(pair.minutes / 60, 1),
            len(items),
            round(sum(s for s, _f in items) / len(items), 2) if items else None,
            round(sum(finals) / len(finals), 2) if items and len(finals) == len(items) else None,
        ]


def free_text_rows(programme):
    answers = (
        Answer.objects.filter(
            response__survey__programme=programme,
            response__status=ResponseStatus.SUBMITTED,
            question__kind=QuestionKind.TEXT,
        )
        .exclude(text="")
        .select_related("question", "response__survey")
    )
    # Sorted by questionnaire, question and text: never in an order that follows the respondents.
    rows = sorted(
        (((a.response.survey.opens_at, a.response.survey.audience, a.question.position, a.text), a) for a in answers),
        key=lambda item: item[0],
    )
    yield FREE_TEXT_COLUMNS
    for _key, answer in rows:
        survey = answer.response.survey
        yield [survey.phase, survey.audience, answer.question.position, answer.question.text, answer.text]


def dataset_csv(programme):
    return spreadsheets.csv_bytes(answer_rows(programme))


def free_text_csv(programme):
    return spreadsheets.csv_bytes(free_text_rows(programme))


def dataset_xlsx(programme, *, include_free_text=False):
    sheets = [
        spreadsheets.Sheet("Lisez-moi", README_ROWS, table=False),
        spreadsheets.Sheet("Réponses", answer_rows(programme)),
        spreadsheets.Sheet("Binômes", pair_rows(programme)),
    ]
    if include_free_text:
        sheets.append(spreadsheets.Sheet("Réponses libres", free_text_rows(programme)))
    return spreadsheets.xlsx_bytes(sheets)
