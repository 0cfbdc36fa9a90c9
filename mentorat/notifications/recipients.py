"""The parts of the catalogue's kinds: who receives a reminder, the link it carries and its template's
context (the catalogue, catalogue.py, puts them together)."""

from django.urls import reverse

from mentorat.accounts.models import User
from mentorat.core.editions.selection import EDITION_PARAM
from sessions_binome.enums import PairStatus

from . import selectors, timing

# --- recipients ------------------------------------------------------------------------------------


def applicant(target):
    return [target.obj.user]


def the_person(target):
    return [target.person]


def request_mentor(target):
    return [target.obj.mentor.user]


def members(target):
    return [target.obj.mentee, target.obj.mentor]


def pair_mentee(target):
    return [target.obj.mentee]


def unsigned_members(target):
    signed = {signature.user_id for signature in target.obj.charter_signatures.all()}
    return [person for person in members(target) if person.pk not in signed]


def session_members(target):
    return [target.obj.pair.mentee, target.obj.pair.mentor]


def session_mentor(target):
    return [target.obj.pair.mentor]


def same_for_every_target(recipients):
    """Marks a recipients function that does not depend on the target: the scan reads it once per
    kind, not once per object."""
    recipients.same_for_every_target = True
    return recipients


@same_for_every_target
def engineers(target):
    return list(User.objects.filter(is_programme_engineer=True, is_active=True).order_by("pk"))


def _other(pair, person):
    return pair.mentor if person.pk == pair.mentee_id else pair.mentee


def _days(since, now):
    return (timing.local(now).date() - timing.local(since).date()).days


# --- links and template contexts -------------------------------------------------------------------


def in_edition(url, programme):
    """A page that lists things of one edition, opened on `programme` (a person may take part in two)."""
    return f"{url}?{EDITION_PARAM}={programme.slug}"


def pair_url(name):
    return lambda pair, person: reverse(f"sessions_binome:{name}", args=[pair.pk])


def session_pair_url(session, person):
    return reverse("sessions_binome:pair_detail", args=[session.pair_id])


def call_context(target, person, now):
    application = target.obj
    return {
        "application": application,
        "programme": application.programme,
        "closes_at": application.programme.call_closes_at,
    }


def hr_digest_context(target, person, now):
    """One section per opened edition with news for the referent's organisations, each named."""
    sections = selectors.hr_digest_sections(person, now)
    return {"sections": sections, "editions": ", ".join(section["programme"].name for section in sections)}


def waiting_context(target, person, now):
    mentee = target.obj
    return {
        "mentee": mentee.user,
        "application": mentee,
        "programme": mentee.programme,
        "since": target.anchor,
        "days": _days(target.anchor, now),
    }


def request_context(target, person, now):
    request = target.obj
    return {"request": request, "mentee": request.mentee.user, "programme": request.mentee.programme}


def pair_context(target, person, now):
    pair = target.obj
    return {"pair": pair, "other": _other(pair, person), "since": target.anchor, "days": _days(target.anchor, now)}


def session_context(target, person, now):
    session = target.obj
    return {
        "session": session,
        "pair": session.pair,
        "other": _other(session.pair, person),
        "fit_check_due": fit_check_due(session.pair, person),
    }


def fit_check_due(pair, person):
    """The person has not said yet whether the pair suits them, and the pair has held a session: the
    session's reminder asks them too (sessions_binome/health), rather than an e-mail of its own."""
    from sessions_binome.enums import SessionStatus
    from sessions_binome.health.services import fit_check_of, fit_check_open

    held = pair.sessions.filter(status=SessionStatus.HELD).count()
    return fit_check_open(pair, held) and fit_check_of(pair, person) is None


def ending_context(target, person, now):
    return {**pair_context(target, person, now), "ends_on": timing.local(target.anchor).date()}


def survey_context(target, person, now):
    return {"survey": target.obj, "programme": target.obj.programme}


def pair_is_active(pair):
    return pair.status == PairStatus.ACTIVE


def pair_is_completed(pair):
    return pair.status == PairStatus.COMPLETED
