"""The default French questionnaires: start, mid-programme and end, for mentees and for mentors.

They measure what the programme announced: satisfaction, objectives reached, the five expected
benefits (faster professional effectiveness, mutual help and cooperation, cohesion and ties between
colleagues, recognition of the mentor's skills, well-being and resilience at work) and the NPS.
The start questionnaire asks for expected benefits, the end one for perceived benefits, with the same
indicators so that the report can set them side by side.

`surveys_default_create(programme)` creates what is missing and never touches an existing
questionnaire (the engineer may have edited it): running it twice writes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from .enums import AGREEMENT_LABELS, SATISFACTION_LABELS, Audience, Indicator, Phase, QuestionKind
from .models import Question, Survey

I = Indicator  # noqa: E741 - short alias for the tables below
L, N, S, M, T = QuestionKind.LIKERT, QuestionKind.NPS, QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TEXT
SAT = "satisfaction"  # the five labels of a satisfaction scale, instead of agreement

NPS_QUESTION = (
    N,
    "Sur une échelle de 0 à 10, recommanderiez-vous à un ou une collègue de participer au programme de mentorat ?",
    "0 : pas du tout probable · 10 : tout à fait probable",
    I.NPS,
)

START_EXPECTATIONS = [
    "Être plus rapidement efficace dans mon poste",
    "Trouver de l'entraide et de la coopération",
    "Créer des liens avec des collègues d'autres services ou organismes",
    "Bénéficier de l'expérience d'un pair reconnu",
    "Prendre du recul et mieux vivre mon quotidien de travail",
    "Préparer une évolution professionnelle",
]

MENTEE_OTHER, MENTOR_OTHER = "Votre mentor", "La personne que vous accompagnez"


def who_reads(other):
    """What each introduction tells a respondent about who reads the answers, as the exports and
    indicator pages do it (evaluation/exports.py, evaluation/privacy.py): the engineer gets them under a
    pseudonym, free text apart from any person; HR referents see groups of 5 or more only."""
    return (
        "Qui lit vos réponses : l'ingénieur·e en mentorat les reçoit pour évaluer le programme, sous un "
        "pseudonyme, sans votre nom ni votre adresse ; vos réponses libres lui parviennent à part, détachées "
        "de toute personne et de vos autres réponses. Les référents RH ne voient que des résultats d'ensemble "
        f"portant sur au moins cinq personnes. {other} n'y a pas accès."
    )


# (phase, audience): (title, introduction, [(kind, text, help text, indicator, [options] or SAT, required)])
SURVEYS = {
    (Phase.START, Audience.MENTEE): (
        "Questionnaire de démarrage — personnes mentorées",
        "Votre binôme vient de démarrer. Ce questionnaire prend 5 minutes. " + who_reads(MENTEE_OTHER),
        [
            (L, "Dans l'ensemble, êtes-vous satisfait·e du démarrage de votre binôme ?", "", I.SATISFACTION, SAT),
            (L, "Les mentors qui m'ont été proposés correspondaient à mes attentes.", "", I.NONE, None),
            (L, "Le cadre de notre binôme (objectifs, rythme, charte) est clair pour moi.", "", I.NONE, None),
            (M, "Qu'attendez-vous d'abord du mentorat ?", "Plusieurs réponses possibles.", I.NONE, START_EXPECTATIONS),
            (
                L,
                "J'attends du mentorat qu'il m'aide à être plus rapidement efficace dans mon poste.",
                "",
                I.EFFECTIVENESS,
                None,
            ),
            (
                L,
                "J'attends du mentorat qu'il développe l'entraide et la coopération avec d'autres collègues.",
                "",
                I.COOPERATION,
                None,
            ),
            (
                L,
                "J'attends du mentorat qu'il renforce mes liens avec des collègues de l'institution.",
                "",
                I.COHESION,
                None,
            ),
            (
                L,
                "J'attends de mon mentor qu'il me fasse profiter de compétences que je reconnais.",
                "",
                I.RECOGNITION,
                None,
            ),
            (
                L,
                "J'attends du mentorat qu'il contribue à mon bien-être et à ma capacité à faire face aux difficultés au travail.",
                "",
                I.WELLBEING,
                None,
            ),
            NPS_QUESTION + (None,),
            (T, "Qu'est-ce qui vous aiderait à bien démarrer ?", "Facultatif.", I.NONE, None, False),
        ],
    ),
    (Phase.START, Audience.MENTOR): (
        "Questionnaire de démarrage — mentors",
        "Votre binôme vient de démarrer. Ce questionnaire prend 5 minutes. " + who_reads(MENTOR_OTHER),
        [
            (L, "Dans l'ensemble, êtes-vous satisfait·e du démarrage de votre binôme ?", "", I.SATISFACTION, SAT),
            (L, "La formation et les ressources m'ont préparé·e à mon rôle de mentor.", "", I.NONE, None),
            (L, "Je me sens prêt·e à accompagner la personne que je mentore.", "", I.NONE, None),
            (
                L,
                "J'attends du mentorat qu'il enrichisse mes propres pratiques professionnelles.",
                "",
                I.EFFECTIVENESS,
                None,
            ),
            (
                L,
                "J'attends du mentorat qu'il développe l'entraide et la coopération entre organismes.",
                "",
                I.COOPERATION,
                None,
            ),
            (
                L,
                "J'attends du mentorat qu'il renforce mes liens avec des collègues de l'institution.",
                "",
                I.COHESION,
                None,
            ),
            (
                L,
                "J'attends du mentorat qu'il fasse reconnaître mes compétences et mon expérience.",
                "",
                I.RECOGNITION,
                None,
            ),
            (L, "J'attends du mentorat qu'il contribue à mon bien-être au travail.", "", I.WELLBEING, None),
            NPS_QUESTION + (None,),
            (T, "De quoi auriez-vous besoin pour bien accompagner votre binôme ?", "Facultatif.", I.NONE, None, False),
        ],
    ),
    (Phase.MID, Audience.MENTEE): (
        "Point d'étape à mi-parcours — personnes mentorées",
        "Trois mois et demi après le démarrage : où en êtes-vous ? Trois minutes. " + who_reads(MENTEE_OTHER),
        [
            (L, "Dans l'ensemble, êtes-vous satisfait·e de votre binôme à ce stade ?", "", I.SATISFACTION, SAT),
            (L, "J'avance vers les objectifs que je me suis fixés.", "", I.OBJECTIVES, None),
            (S, "Le rythme de vos séances vous convient-il ?", "", I.NONE, ["Trop espacé", "Adapté", "Trop rapproché"]),
            (T, "Un point à ajuster pour la suite ?", "Facultatif.", I.NONE, None, False),
        ],
    ),
    (Phase.MID, Audience.MENTOR): (
        "Point d'étape à mi-parcours — mentors",
        "Trois mois et demi après le démarrage : où en êtes-vous ? Trois minutes. " + who_reads(MENTOR_OTHER),
        [
            (L, "Dans l'ensemble, êtes-vous satisfait·e de votre binôme à ce stade ?", "", I.SATISFACTION, SAT),
            (L, "La personne que j'accompagne avance vers ses objectifs.", "", I.OBJECTIVES, None),
            (S, "Le rythme de vos séances vous convient-il ?", "", I.NONE, ["Trop espacé", "Adapté", "Trop rapproché"]),
            (T, "Un point à ajuster pour la suite ?", "Facultatif.", I.NONE, None, False),
        ],
    ),
    (Phase.END, Audience.MENTEE): (
        "Questionnaire de fin de programme — personnes mentorées",
        "Le programme s'achève : merci de nous dire ce qu'il vous a apporté. Dix minutes. " + who_reads(MENTEE_OTHER),
        [
            (L, "Dans l'ensemble, êtes-vous satisfait·e de votre expérience de mentorat ?", "", I.SATISFACTION, SAT),
            (L, "J'ai atteint les objectifs que je m'étais fixés au démarrage.", "", I.OBJECTIVES, None),
            (L, "Le mentorat m'a permis d'être plus rapidement efficace dans mon poste.", "", I.EFFECTIVENESS, None),
            (
                L,
                "Le mentorat a développé l'entraide et la coopération avec d'autres collègues.",
                "",
                I.COOPERATION,
                None,
            ),
            (L, "Le mentorat a renforcé mes liens avec des collègues de l'institution.", "", I.COHESION, None),
            (L, "J'ai pu m'appuyer sur les compétences et l'expérience de mon mentor.", "", I.RECOGNITION, None),
            (
                L,
                "Le mentorat a contribué à mon bien-être et à ma capacité à faire face aux difficultés au travail.",
                "",
                I.WELLBEING,
                None,
            ),
            (S, "Aimeriez-vous devenir mentor à votre tour ?", "", I.NONE, ["Oui", "Peut-être, plus tard", "Non"]),
            NPS_QUESTION + (None,),
            (T, "Que retenez-vous de ces sept mois ?", "Facultatif.", I.NONE, None, False),
            (T, "Que faudrait-il améliorer pour la prochaine édition ?", "Facultatif.", I.NONE, None, False),
        ],
    ),
    (Phase.END, Audience.MENTOR): (
        "Questionnaire de fin de programme — mentors",
        "Le programme s'achève : merci de nous dire ce qu'il vous a apporté. Dix minutes. " + who_reads(MENTOR_OTHER),
        [
            (L, "Dans l'ensemble, êtes-vous satisfait·e de votre expérience de mentor ?", "", I.SATISFACTION, SAT),
            (L, "La personne que j'ai accompagnée a atteint les objectifs fixés au démarrage.", "", I.OBJECTIVES, None),
            (L, "Le mentorat a enrichi mes propres pratiques professionnelles.", "", I.EFFECTIVENESS, None),
            (L, "Le mentorat a développé l'entraide et la coopération entre organismes.", "", I.COOPERATION, None),
            (L, "Le mentorat a renforcé mes liens avec des collègues de l'institution.", "", I.COHESION, None),
            (L, "Mes compétences et mon expérience ont été reconnues et valorisées.", "", I.RECOGNITION, None),
            (L, "Le mentorat a contribué à mon bien-être au travail.", "", I.WELLBEING, None),
            (S, "Seriez-vous prêt·e à être de nouveau mentor ?", "", I.NONE, ["Oui", "Peut-être", "Non"]),
            NPS_QUESTION + (None,),
            (T, "Que retenez-vous de ces sept mois ?", "Facultatif.", I.NONE, None, False),
            (T, "Que faudrait-il améliorer pour la prochaine édition ?", "Facultatif.", I.NONE, None, False),
        ],
    ),
}


def _at(day, hour, minute=0, second=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute, second)))


def default_dates(programme, phase):
    """(opens_at, closes_at) from the programme's calendar, Paris time.

    Start: the day after the programme starts, until the end of the next month. Mid: four weeks from
    the middle of the programme. End: two weeks before the end, until the end of the evaluation."""
    starts, ends = programme.starts_on, programme.ends_on
    if phase == Phase.START:
        opens = starts + datetime.timedelta(days=1)
        month_after = (starts.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
        return _at(opens, 9), _at(month_after - datetime.timedelta(days=1), 23, 59, 59)
    if phase == Phase.MID:
        middle = starts + (ends - starts) / 2
        return _at(middle, 9), _at(middle + datetime.timedelta(days=28), 23, 59, 59)
    closes = programme.evaluation_ends_on or ends + datetime.timedelta(days=45)
    return _at(ends - datetime.timedelta(days=14), 9), _at(closes, 23, 59, 59)


def _question(survey, position, spec):
    kind, text, help_text, indicator, options, *rest = spec
    if kind == QuestionKind.LIKERT:
        labels = SATISFACTION_LABELS if options == SAT else AGREEMENT_LABELS
        options = [str(label) for label in labels]
    return Question(
        survey=survey,
        position=position,
        kind=kind,
        text=text,
        help_text=help_text,
        indicator=indicator,
        choices=list(options or []),
        required=rest[0] if rest else kind != QuestionKind.TEXT,
    )


@transaction.atomic
def surveys_default_create(programme):
    """Create the default questionnaires the programme lacks; return how many were created."""
    existing = set(Survey.objects.filter(programme=programme).values_list("phase", "audience"))
    created = 0
    for (phase, audience), (title, introduction, questions) in SURVEYS.items():
        if (phase, audience) in existing:
            continue
        opens_at, closes_at = default_dates(programme, phase)
        survey = Survey.objects.create(
            programme=programme,
            phase=phase,
            audience=audience,
            title=title,
            introduction=introduction,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        Question.objects.bulk_create(
            _question(survey, position, spec) for position, spec in enumerate(questions, start=1)
        )
        created += 1
    return created
