"""Helpers of the reminders' tests: moments in Paris time, reading which reminder an email is, and
the steps of a pair's life through the real services."""

import datetime
import re
from zoneinfo import ZoneInfo

from matching.enums import RunStatus
from matching.models import MatchingRun, Proposal
from sessions_binome import services_frame
from sessions_binome.enums import SessionStatus
from sessions_binome.models import Charter
from sessions_binome.sessions import services as services_sessions
from tests.sessions_binome.frame_helpers import CHARTER_BODY, frame_values

PARIS = ZoneInfo("Europe/Paris")
KIND_IN_BODY = re.compile(r"#rappel-([a-z-]+)")


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def reminder_kind(message):
    """The catalogue code of a reminder email (its preferences link names it), else None."""
    found = KIND_IN_BODY.search(message.body)
    return found.group(1) if found else None


def reminders(outbox):
    return [message for message in outbox if reminder_kind(message)]


def publish_charter(programme):
    return Charter.objects.get_or_create(
        programme=programme,
        version=1,
        defaults={"title": "Charte du mentorat", "body": CHARTER_BODY, "published_at": paris(2026, 6, 1, 9)},
    )[0]


def publish_run(programme, track, proposals, *, at):
    """A published run: `proposals` {mentee application: [mentor applications, best first]}."""
    run = MatchingRun.objects.create(
        programme=programme, track=track, status=RunStatus.PUBLISHED, progress=100, published_at=at, finished_at=at
    )
    for mentee, mentors in proposals.items():
        for rank, mentor in enumerate(mentors, start=1):
            Proposal.objects.create(
                run=run, mentee=mentee, mentor=mentor, rank=rank, score=1.0 - rank / 10, criteria={}
            )
    return run


def write_frame(pair, *, at):
    services_frame.frame_save(
        pair=pair, by=pair.mentee, **frame_values(pair.programme), objectives=[("Prendre ma place de manager.", 2)]
    )
    services_frame.frame_confirm(pair=pair, by=pair.mentee, now=at)
    services_frame.frame_confirm(pair=pair, by=pair.mentor, now=at)


def sign(pair, user, *, at):
    return services_frame.charter_sign(pair=pair, user=user, now=at)


def activate(pair, *, at):
    write_frame(pair, at=at)
    sign(pair, pair.mentee, at=at)
    sign(pair, pair.mentor, at=at)


def plan(pair, starts_at, *, at, link="https://visio.exemple.fr/binome"):
    return services_sessions.session_schedule(pair=pair, by=pair.mentee, starts_at=starts_at, video_link=link, now=at)


def log_held(session, *, at):
    return services_sessions.session_log(
        session=session, by=session.pair.mentor, status=SessionStatus.HELD, actual_duration_minutes=60, now=at
    )
