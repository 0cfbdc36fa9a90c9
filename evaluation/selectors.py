"""Reads about questionnaires and who answers them.

Who is asked: the members of the programme's pairs, by audience (the mentee or the mentor of the
pair). The start and mid-programme questionnaires go to pairs that have become active (still active,
or closed since); the end questionnaire to pairs that are closed (completed, or ended early). One
response per person and questionnaire, whatever the number of their pairs; it is tied to their most
recent eligible pair.

`surveys_open_for(user, now)` and `survey_pending_participants(survey)` are what reminders need.
"""

from django.db.models import Count, Q
from django.utils import timezone

from mentorat.accounts.models import User
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair

from . import privacy
from .enums import Audience, Phase, ResponseStatus
from .models import Question, Response, Survey

_MEMBER_FIELD = {Audience.MENTEE: "mentee", Audience.MENTOR: "mentor"}


def eligible_pairs_q(phase, prefix=""):
    """The pairs whose members a questionnaire of `phase` is for, as a Q on Pair (or on `prefix`)."""
    if phase == Phase.END:
        return Q(**{f"{prefix}status__in": [PairStatus.COMPLETED, PairStatus.ENDED]})
    return Q(**{f"{prefix}activated_at__isnull": False})


def eligible_pairs(survey):
    return Pair.objects.filter(eligible_pairs_q(survey.phase), programme_id=survey.programme_id)


def eligible_pair_for(survey, user):
    """The person's most recent pair this questionnaire is for, or None (they are not asked)."""
    member = _MEMBER_FIELD[survey.audience]
    return (
        eligible_pairs(survey)
        .filter(**{member: user})
        .select_related("track", "mentee_application", "mentor_application")
        .order_by("-created_at", "-pk")
        .first()
    )


def survey_participants(survey):
    """Everyone this questionnaire is for."""
    member = _MEMBER_FIELD[survey.audience]
    return User.objects.filter(pk__in=eligible_pairs(survey).values(f"{member}_id"))


def survey_pending_participants(survey):
    """The people this questionnaire is for who have not sent it yet (a draft counts as not sent)."""
    sent = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED).values("respondent_id")
    return survey_participants(survey).exclude(pk__in=sent).order_by("pk")


def surveys_with_questions(queryset):
    return queryset.annotate(question_count=Count("questions")).filter(question_count__gt=0)


def surveys_for_participant(user, *, programme_ids=None):
    """[(survey, pair, response or None)] of every questionnaire the person is asked, whatever its
    dates; three queries. `programme_ids` restricts to some programmes."""
    pairs = Pair.objects.filter(Q(mentee=user) | Q(mentor=user)).select_related("track")
    if programme_ids is not None:
        pairs = pairs.filter(programme_id__in=programme_ids)
    pairs = list(pairs.order_by("-created_at", "-pk"))
    if not pairs:
        return []
    programmes = {pair.programme_id for pair in pairs}
    surveys = surveys_with_questions(Survey.objects.filter(programme_id__in=programmes)).order_by("opens_at", "pk")
    responses = {r.survey_id: r for r in Response.objects.filter(respondent=user, survey__programme_id__in=programmes)}
    rows = []
    for survey in surveys:
        pair = next((p for p in pairs if _is_eligible(p, survey, user)), None)
        if pair is not None:
            rows.append((survey, pair, responses.get(survey.pk)))
    return rows


def _is_eligible(pair, survey, user):
    if pair.programme_id != survey.programme_id:
        return False
    if getattr(pair, f"{_MEMBER_FIELD[survey.audience]}_id") != user.pk:
        return False
    if survey.phase == Phase.END:
        return pair.status in (PairStatus.COMPLETED, PairStatus.ENDED)
    return pair.activated_at is not None


def surveys_open_for(user, now=None):
    """The questionnaires open now that the person is asked and has not sent yet (drafts included)."""
    now = now or timezone.now()
    if not (user and user.is_authenticated):
        return []
    return [
        survey
        for survey, _pair, response in surveys_for_participant(user)
        if survey.is_open(now) and (response is None or response.status != ResponseStatus.SUBMITTED)
    ]


def questions_of(survey):
    return list(Question.objects.filter(survey=survey).order_by("position"))


def answers_by_question(response):
    if response is None:
        return {}
    return {answer.question_id: answer for answer in response.answers.all()}


def survey_is_locked(survey):
    """Questions are locked from the first answer on (a draft is an answer)."""
    return Response.objects.filter(survey=survey).exists()


def surveys_overview(programme, now=None):
    """The engineer's list: every questionnaire with its number of questions, drafts, sent responses
    and people asked, in a fixed number of queries."""
    now = now or timezone.now()
    surveys = list(
        Survey.objects.filter(programme=programme)
        .annotate(
            question_count=Count("questions", distinct=True),
            drafts=Count("responses", filter=Q(responses__status=ResponseStatus.DRAFT), distinct=True),
            sent=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED), distinct=True),
        )
        .order_by("opens_at", "audience")
    )
    asked = _people_asked(programme)
    for survey in surveys:
        # Counts of people, under the small-group rule like every published figure.
        survey.asked = privacy.count(asked[(survey.phase in (Phase.START, Phase.MID), survey.audience)])
        survey.sent_figure = privacy.count(survey.sent)
        survey.current_state = survey.state(now)
        survey.locked = bool(survey.drafts or survey.sent)
    return surveys


def _people_asked(programme):
    """{(started phase?, audience): number of people}: two queries."""
    pairs = Pair.objects.filter(programme=programme)
    result = {}
    for started, q in ((True, eligible_pairs_q(Phase.START)), (False, eligible_pairs_q(Phase.END))):
        counts = pairs.filter(q).aggregate(mentee=Count("mentee", distinct=True), mentor=Count("mentor", distinct=True))
        result[(started, Audience.MENTEE)] = counts["mentee"]
        result[(started, Audience.MENTOR)] = counts["mentor"]
    return result


def phases_calendar(programme, now=None):
    """[(phase label, opens_at, closes_at, state)] per phase, for saying honestly which one is open."""
    now = now or timezone.now()
    rows = {}
    for survey in Survey.objects.filter(programme=programme).order_by("opens_at"):
        opens, closes = rows.get(survey.phase, (survey.opens_at, survey.closes_at))
        rows[survey.phase] = (min(opens, survey.opens_at), max(closes, survey.closes_at))
    calendar = []
    for phase in Phase:
        if phase in rows:
            opens, closes = rows[phase]
            state = "scheduled" if now < opens else ("open" if now < closes else "closed")
            calendar.append(
                {"phase": phase, "label": phase.label, "opens_at": opens, "closes_at": closes, "state": state}
            )
    return calendar
