"""THE list of reminders: who gets what, when, and until when.

Each kind is one `ReminderKind`: its selector yields the objects in the situation (its filter is the
stop condition, checked again inside the claim's transaction at send time), its steps say when each
reminder of the series is due and to whom. The email is the template triple
`templates/emails/<template>{_subject.txt,.txt,.html}`; the in-app notification takes the subject as
title and the text's first paragraph after the greeting as body.

Adding a kind is adding one entry below (a selector in selectors/, its recipients, link and context
in recipients.py, a template triple): the last one, "survey-open", came with the questionnaires of
`evaluation/` that way.

Every kind runs for every opened edition side by side, each object by its own edition's dates.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentorat.core.enums import Role
from sessions_binome import ics

from . import selectors, timing
from .recipients import (
    applicant,
    call_context,
    ending_context,
    engineers,
    hr_digest_context,
    in_edition,
    members,
    pair_context,
    pair_is_active,
    pair_is_completed,
    pair_mentee,
    pair_url,
    request_context,
    request_mentor,
    session_context,
    session_members,
    session_mentor,
    session_pair_url,
    survey_context,
    the_person,
    unsigned_members,
    waiting_context,
)
from .selectors import Target


@dataclass(frozen=True)
class Step:
    """One reminder of a series: its code (part of the claim's key), when it is due from the anchor,
    and to whom. Engineer alerts have their own template and link."""

    code: str
    when: Callable[[Any], Any]
    to: Callable[[Target], list]
    template: str = ""
    url: Callable[[Any, Any], str] | None = None
    email: bool = True  # False: in-app only (the email is sent elsewhere)
    only_if: Callable[[Any], bool] | None = None
    from_end: bool = False  # counted from the target's `end` (a closing date) instead of its anchor
    # An engineer alert: in-app at once, by email in the engineer's daily digest under this heading
    # (with `digest_link`, the page that lists them all), never one email per alert.
    digest: str = ""
    digest_link: Callable[[], str] | None = None


@dataclass(frozen=True)
class ReminderKind:
    code: str
    label: str
    essential: bool  # essential reminders (deadlines, requests, charter) cannot be turned off
    recipients: str
    stops_when: str
    selector: Callable[..., Any]  # (now, only=None) -> Targets; its filter is the stop condition
    steps: tuple
    template: str
    url: Callable[[Any, Any], str]
    context: Callable[[Target, Any, Any], dict] = lambda target, person, now: {}
    # (iTIP method, iCalendar text) of the target, sent as a meeting invitation with the e-mail.
    calendar: Callable[[Any], tuple] | None = None
    # A costlier check, run on due reminders only, a batch of objects at a time: (objects) -> the ids
    # of those still in the situation, in a fixed number of queries.
    confirm: Callable[[list], set] | None = None
    # One target per person (`Target.person`): the selector also takes `person=`, and the check at
    # send time asks for the claim's recipient only.
    per_person: bool = False
    # The roles that receive it: a person's preferences list only the kinds of their roles.
    audience: frozenset = frozenset({Role.MENTEE, Role.MENTOR})

    def step(self, code):
        return next((step for step in self.steps if step.code == code), None)


DIGEST_ITEMS = 20  # alerts listed per heading; the digest links to the page that lists them all


def digest_steps():
    """[(kind, step)] of the engineer alerts, which the engineer's daily digest gathers."""
    return [(kind, step) for kind in CATALOGUE for step in kind.steps if step.digest]


def _engineer_digest_context(target, person, now):
    since = selectors.engineer_digest_since(person)
    alerts = selectors.engineer_alerts(person, since, now, digest_steps())
    sections = []
    for kind, step in digest_steps():
        items = alerts.get((kind.code, step.code), [])
        if items:
            link = step.digest_link()
            shown = [
                # An alert that opens the list page (in its edition) needs no link of its own.
                {"title": item["title"], "url": "" if item["url"].split("?", 1)[0] == link else item["url"]}
                for item in items[:DIGEST_ITEMS]
            ]
            sections.append(
                {
                    "heading": step.digest,
                    "count": len(items),
                    "items": shown,
                    "more": max(0, len(items) - DIGEST_ITEMS),
                    "link": link,
                    "own_links": any(item["url"] for item in shown),
                }
            )
    return {"since": since, "sections": sections, "total": sum(section["count"] for section in sections)}


# --- the catalogue -----------------------------------------------------------------------------------

CATALOGUE = (
    ReminderKind(
        code="call-closing",
        label=_("Clôture de l'appel : candidature en brouillon"),
        essential=True,
        recipients=_("Candidat·e dont la candidature est un brouillon"),
        stops_when=_("La candidature est déposée ou retirée."),
        selector=selectors.drafts_before_closing,
        steps=(Step("j-7", timing.days_before(7), applicant), Step("j-1", timing.days_before(1), applicant)),
        template="reminder_call_closing",
        url=lambda application, person: reverse("candidatures:edit", args=[application.pk]),
        context=call_context,
    ),
    ReminderKind(
        code="hr-digest",
        label=_("Point hebdomadaire des candidatures de vos organismes"),
        essential=False,
        recipients=_("Référent·e RH"),
        audience=frozenset({Role.HR_REFERENT}),
        stops_when=_("Rien de nouveau depuis le dernier point dans les éditions ouvertes."),
        selector=selectors.hr_digests,
        per_person=True,
        steps=(Step("hebdo", timing.after(days=0), the_person),),
        template="reminder_hr_digest",
        url=lambda referent, person: reverse("candidatures:relay_home"),
        context=hr_digest_context,
    ),
    ReminderKind(
        code="proposals-waiting",
        label=_("Propositions de mentors en attente de votre choix"),
        essential=True,
        recipients=_("Mentoré·e ; l'ingénieur·e au 10e jour (dans son point quotidien)"),
        audience=frozenset({Role.MENTEE, Role.PROGRAMME_ENGINEER}),
        stops_when=_("Un mentor est choisi (ou la candidature retirée)."),
        selector=selectors.mentees_waiting_for_choice,
        steps=(
            Step("j3", timing.after(days=3), applicant),
            Step("j7", timing.after(days=7), applicant),
            Step(
                "ingenieur-j10",
                timing.after(days=10),
                engineers,
                template="reminder_proposals_waiting_engineer",
                url=lambda mentee, person: in_edition(reverse("matching:console"), mentee.programme),
                email=False,
                digest=_("Mentoré·es sans choix de mentor 10 jours après les propositions"),
                digest_link=lambda: reverse("matching:console"),
            ),
        ),
        template="reminder_proposals_waiting",
        url=lambda mentee, person: in_edition(reverse("matching:my_proposals"), mentee.programme),
        context=waiting_context,
        confirm=selectors.mentees_with_open_choice,
    ),
    ReminderKind(
        code="request-waiting",
        label=_("Demande d'un·e mentoré·e en attente de votre réponse"),
        essential=True,
        recipients=_("Mentor"),
        audience=frozenset({Role.MENTOR}),
        stops_when=_("Le mentor répond ; à l'échéance la demande expire et le mentoré en est informé."),
        selector=selectors.requests_waiting,
        steps=(Step("j2", timing.after(days=2), request_mentor),),
        template="reminder_request_waiting",
        url=lambda request, person: reverse("matching:request_answer", args=[request.pk]),
        context=request_context,
    ),
    ReminderKind(
        code="charter-unsigned",
        label=_("Charte du binôme pas encore signée"),
        essential=True,
        recipients=_("Membre du binôme qui n'a pas signé ; l'ingénieur·e au 14e jour (dans son point quotidien)"),
        audience=frozenset({Role.MENTEE, Role.MENTOR, Role.PROGRAMME_ENGINEER}),
        stops_when=_("Les deux membres ont signé (ou le binôme est arrêté)."),
        selector=selectors.pairs_with_charter_unsigned,
        steps=(
            Step("j3", timing.after(days=3), unsigned_members),
            Step("j7", timing.after(days=7), unsigned_members),
            Step(
                "ingenieur-j14",
                timing.after(days=14),
                engineers,
                template="reminder_charter_unsigned_engineer",
                url=pair_url("engineer_pair_detail"),
                email=False,
                digest=_("Chartes toujours pas signées 14 jours après la formation du binôme"),
                digest_link=lambda: reverse("sessions_binome:engineer_pairs") + "?alert=unsigned",
            ),
        ),
        template="reminder_charter_unsigned",
        url=pair_url("frame"),
        context=pair_context,
    ),
    ReminderKind(
        code="first-session",
        label=_("Première séance à planifier"),
        essential=False,
        recipients=_("Les deux membres du binôme"),
        stops_when=_("Une séance est planifiée."),
        selector=selectors.active_pairs_without_session,
        steps=(Step("j14", timing.after(days=14), members),),
        template="reminder_first_session",
        url=lambda pair, person: reverse("sessions_binome:session_new", args=[pair.pk]),
        context=pair_context,
    ),
    ReminderKind(
        code="session-tomorrow",
        label=_("Séance le lendemain (avec l'invitation d'agenda)"),
        essential=False,
        recipients=_("Les deux membres du binôme"),
        stops_when=_("La séance est annulée ou déplacée."),
        selector=selectors.sessions_coming,
        steps=(Step("veille", timing.working_day_before_at(9), session_members),),
        template="reminder_session_tomorrow",
        url=session_pair_url,
        context=session_context,
        calendar=lambda session: ics.invitation_email(session),
    ),
    ReminderKind(
        code="session-unlogged",
        label=_("Compte rendu de séance à saisir"),
        essential=False,
        recipients=_("Mentor"),
        audience=frozenset({Role.MENTOR}),
        stops_when=_("Le mentor a consigné la séance."),
        selector=selectors.sessions_not_logged,
        steps=(Step("j2", timing.after(days=2), session_mentor), Step("j7", timing.after(days=7), session_mentor)),
        template="reminder_session_unlogged",
        url=lambda session, person: reverse("sessions_binome:session_log", args=[session.pk]),
        context=session_context,
    ),
    ReminderKind(
        code="pair-inactive",
        label=_("Binôme sans séance depuis 45 jours"),
        essential=False,
        recipients=_("Les deux membres ; l'ingénieur·e à 60 jours, binôme à risque (dans son point quotidien)"),
        audience=frozenset({Role.MENTEE, Role.MENTOR, Role.PROGRAMME_ENGINEER}),
        stops_when=_("Une séance est tenue."),
        selector=selectors.inactive_pairs,
        steps=(
            Step("j45", timing.after(days=45), members),
            Step(
                "ingenieur-j60",
                timing.after(days=selectors.AT_RISK_AFTER.days),
                engineers,
                template="reminder_pair_inactive_engineer",
                url=pair_url("engineer_pair_detail"),
                email=False,
                digest=_("Binômes à risque : aucune séance tenue depuis 60 jours"),
                digest_link=lambda: reverse("core:dashboard_engineer"),
            ),
        ),
        template="reminder_pair_inactive",
        url=pair_url("pair_detail"),
        context=pair_context,
    ),
    ReminderKind(
        code="objectives-mid",
        label=_("Point à mi-parcours sur vos objectifs"),
        essential=False,
        recipients=_("Personne mentorée d'un binôme actif, au milieu de ses dates"),
        audience=frozenset({Role.MENTEE}),
        stops_when=_(
            "Chaque objectif a son point à mi-parcours (ou le binôme n'est plus actif, ou sa fin est atteinte)."
        ),
        selector=selectors.pairs_at_mid_term,
        steps=(Step("mi-parcours", timing.after(days=0), pair_mentee), Step("j14", timing.after(days=14), pair_mentee)),
        template="reminder_objectives_mid",
        url=pair_url("mid_assessment"),
        context=pair_context,
    ),
    ReminderKind(
        code="fit-change",
        label=_("Un mentor souhaite changer de binôme"),
        essential=False,
        recipients=_("L'ingénieur·e (dans son point quotidien)"),
        audience=frozenset({Role.PROGRAMME_ENGINEER}),
        stops_when=_("Le mentor change sa réponse, ou le binôme est arrêté."),
        selector=selectors.mentors_wanting_change,
        steps=(
            Step(
                "ingenieur",
                timing.after(days=0),
                engineers,
                url=pair_url("engineer_pair_detail"),
                email=False,
                digest=_("Mentors qui souhaitent changer de binôme après la première séance"),
                digest_link=lambda: reverse("sessions_binome:engineer_pairs") + "?health=at_risk",
            ),
        ),
        template="reminder_fit_change_engineer",
        url=pair_url("engineer_pair_detail"),
        context=pair_context,
    ),
    ReminderKind(
        code="programme-ending",
        label=_("Fin du binôme"),
        essential=False,
        recipients=_("Les deux membres du binôme"),
        stops_when=_("Le binôme est arrêté avant terme."),
        selector=selectors.pairs_near_their_end,
        steps=(
            Step("j-30", timing.days_before(30), members, only_if=pair_is_active),
            # At the end, sessions_binome's daily completion already emails "certificate_ready": the
            # catalogue adds the in-app notification only, so nobody gets that email twice.
            Step(
                "fin",
                timing.after(days=0),
                members,
                template="certificate_ready",
                email=False,
                only_if=pair_is_completed,
                # The closing step: the last look back, the end questionnaire and the certificate.
                url=pair_url("pair_closing"),
            ),
        ),
        template="reminder_programme_ending",
        url=pair_url("pair_detail"),
        context=ending_context,
    ),
    ReminderKind(
        code="survey-open",
        label=_("Questionnaire d'évaluation à remplir"),
        essential=False,
        recipients=_("Participant·e à qui le questionnaire est destiné"),
        stops_when=_("Le questionnaire est envoyé, ou clos."),
        selector=selectors.surveys_not_answered,
        per_person=True,
        steps=(
            Step("ouverture", timing.after(days=0), the_person),
            Step("j7", timing.after(days=7), the_person),
            Step("j-2", timing.days_before(2), the_person, from_end=True),
        ),
        template="reminder_survey_open",
        url=lambda survey, person: reverse("evaluation:answer", args=[survey.pk]),
        context=survey_context,
    ),
    # Last: a scan gathers in the digest the alerts it has just recorded.
    ReminderKind(
        code="engineer-digest",
        label=_("Point quotidien des alertes de l'ingénierie"),
        essential=True,
        recipients=_("Ingénieur·e du programme"),
        audience=frozenset({Role.PROGRAMME_ENGINEER}),
        stops_when=_("Aucune alerte depuis le dernier point."),
        selector=selectors.engineer_digests,
        per_person=True,
        steps=(Step("quotidien", timing.after(days=0), the_person),),
        template="reminder_engineer_digest",
        # Each alert is already in the list, with its link: the digest opens the engineer's dashboard.
        url=lambda engineer, person: reverse("core:dashboard_engineer"),
        context=_engineer_digest_context,
    ),
)

BY_CODE = {kind.code: kind for kind in CATALOGUE}


def kinds_for(roles):
    """The kinds that people with `roles` receive; someone without a role yet sees what applicants get."""
    roles = set(roles) or {Role.MENTEE, Role.MENTOR}
    return [kind for kind in CATALOGUE if kind.audience & roles]
