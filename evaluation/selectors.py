"""Reads about questionnaires and who answers them.

Who is asked: the members of the programme's pairs, by audience (the mentee or the mentor of the
pair). The start and mid-programme questionnaires go to pairs that have become active (still active,
or closed since); the end questionnaire to pairs that are closed (completed, or ended early). One
response per person and questionnaire, whatever the number of their pairs; it is tied to their most
recent eligible pair.

`surveys_open_for(user, now)` and `survey_pending_participants(survey)` are what reminders need.

Late joiners: a person whose first pair (in that role and edition) became active after the start
questionnaire closed, or less than LATE_JOINER_WINDOW before its closing, gets a window of their own
for it: LATE_JOINER_WINDOW from that activation (`personal_closes_at`). Three weeks, like the shortest
default window of a phase (the start questionnaire's runs to the end of the next month): enough for
the two reminders (at the start, a week later) and the one two days before the end. The pages, the
service and the reminders read a questionnaire through `personalise`, so it is open for them.
"""

import datetime

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from mentorat.accounts.models import User
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair

from . import privacy
from .enums import Audience, Phase, ResponseStatus
from .models import Question, Response, Survey

_MEMBER_FIELD = {Audience.MENTEE: "mentee", Audience.MENTOR: "mentor"}
LATE_JOINER_WINDOW = datetime.timedelta(days=21)


def personal_closes_at(survey, joined_at):
    """When the questionnaire closes for someone whose first pair became active at `joined_at`: the
    start questionnaire stays open LATE_JOINER_WINDOW after a late activation; any other closes for all
    at once."""
    if survey.phase == Phase.START and joined_at is not None and joined_at + LATE_JOINER_WINDOW > survey.closes_at:
        return joined_at + LATE_JOINER_WINDOW
    return survey.closes_at


def personalise(survey, joined_at):
    """The questionnaire as this person sees it: `Survey.state` and the pages read its
    `personal_closes_at` (never saved); `late_window` says it is their own."""
    survey.personal_closes_at = personal_closes_at(survey, joined_at)
    survey.late_window = survey.personal_closes_at != survey.closes_at
    return survey


def joined_at(survey, user):
    """When the person's first pair of this questionnaire's edition, in its audience's role, became active."""
    member = _MEMBER_FIELD[survey.audience]
    return Pair.objects.filter(
        programme_id=survey.programme_id, activated_at__isnull=False, **{member: user}
    ).aggregate(first=Min("activated_at"))["first"]


def eligible_pairs_q(phase, prefix=""):
    """The pairs whose members a questionnaire of `phase` is for, as a Q on Pair (or on `prefix`)."""
    if phase == Phase.END:
        return Q(**{f"{prefix}status__in": [PairStatus.COMPLETED, PairStatus.ENDED]})
    return Q(**{f"{prefix}activated_at__isnull": False})


def eligible_pairs(survey):
    return Pair.objects.filter(eligible_pairs_q(survey.phase), programme_id=survey.programme_id)


def eligible_pair_for(survey, user):
    """The person's most recent pair this questionnaire is for, or None (they are not asked); the
    questionnaire is then `personalise`d for them (a late joiner's own window)."""
    member = _MEMBER_FIELD[survey.audience]
    pair = (
        eligible_pairs(survey)
        .filter(**{member: user})
        .select_related("track", "mentee_application", "mentor_application")
        .order_by("-created_at", "-pk")
        .first()
    )
    if pair is not None and survey.phase == Phase.START:
        personalise(survey, joined_at(survey, user))
    return pair


def survey_participants(survey):
    """Everyone this questionnaire is for."""
    member = _MEMBER_FIELD[survey.audience]
    return User.objects.filter(pk__in=eligible_pairs(survey).values(f"{member}_id"))


def survey_pending_participants(survey):
    """The people this questionnaire is for who have not sent it yet (a draft counts as not sent),
    each with `joined_at` (their first activation in the audience's role, for `personal_closes_at`)."""
    sent = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED).values("respondent_id")
    member = _MEMBER_FIELD[survey.audience]
    first = (
        Pair.objects.filter(programme_id=survey.programme_id, activated_at__isnull=False, **{member: OuterRef("pk")})
        .order_by("activated_at")
        .values("activated_at")[:1]
    )
    return survey_participants(survey).exclude(pk__in=sent).annotate(joined_at=first).order_by("pk")


def open_surveys_count(user, now=None):
    """How many questionnaires are open for the person and not sent yet (drafts count): the menu's
    badge, in one query on every participant's page. The same rule as `surveys_open_for` (eligible
    pair, dates, a late joiner's own window), written as SQL; tests/evaluation/test_late_joiners.py
    compares the two."""
    now = now or timezone.now()
    if not (user and user.is_authenticated):
        return 0
    survey = OuterRef("pk")
    late_since = now - LATE_JOINER_WINDOW
    asked = Q()
    for audience, member in _MEMBER_FIELD.items():
        pairs = Pair.objects.filter(programme_id=OuterRef("programme_id"), **{member: user})
        started = pairs.filter(activated_at__isnull=False)
        asked |= Q(audience=audience) & (
            Q(phase=Phase.END, closes_at__gt=now)
            & Exists(pairs.filter(status__in=[PairStatus.COMPLETED, PairStatus.ENDED]))
            | Q(phase=Phase.MID, closes_at__gt=now) & Exists(started)
            | Q(phase=Phase.START)
            & Exists(started)
            # open for all, or for this late joiner: their first activation is recent (and later
            # than LATE_JOINER_WINDOW before the closing, which follows from closes_at <= now)
            & (Q(closes_at__gt=now) | ~Exists(started.filter(activated_at__lte=late_since)))
        )
    sent = Response.objects.filter(survey=survey, respondent=user, status=ResponseStatus.SUBMITTED)
    return (
        Survey.objects.filter(asked, opens_at__lte=now)
        .filter(Exists(Question.objects.filter(survey=survey)))
        .exclude(Exists(sent))
        .count()
    )


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
            if survey.phase == Phase.START:
                role = _MEMBER_FIELD[survey.audience]
                started = [
                    p.activated_at
                    for p in pairs
                    if p.programme_id == survey.programme_id and p.activated_at and getattr(p, f"{role}_id") == user.pk
                ]
                personalise(survey, min(started))
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
