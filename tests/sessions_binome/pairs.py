"""Pair helpers for the sessions tests (imported explicitly; the frame tests have their own)."""

import datetime

from django.utils import timezone

from sessions_binome.enums import PairStatus, SessionStatus
from sessions_binome.models import MentoringSession, Pair
from tests.factories import PARIS, ApplicationFactory, OrganisationFactory, UserFactory


def make_pair(programme, *, mentee_org, mentor_org, status=PairStatus.ACTIVE, prefix="p", activated_at=None):
    mentee = UserFactory(email=f"{prefix}.mentore@assurance-maladie.fr", organisation=mentee_org)
    mentor = UserFactory(email=f"{prefix}.mentor@caf.fr", organisation=mentor_org)
    mentee_app = ApplicationFactory(programme=programme, user=mentee, validated=True)
    mentor_app = ApplicationFactory(programme=programme, user=mentor, mentor=True, validated=True)
    return Pair.objects.create(
        programme=programme,
        track=mentee_app.track,
        mentee=mentee,
        mentor=mentor,
        mentee_application=mentee_app,
        mentor_application=mentor_app,
        status=status,
        activated_at=activated_at or (timezone.now() - datetime.timedelta(days=10)),
    )


def add_session(pair, *, when, status=SessionStatus.PLANNED, **fields):
    return MentoringSession.objects.create(pair=pair, starts_at=when, scheduled_by=pair.mentee, status=status, **fields)


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


__all__ = ["OrganisationFactory", "add_session", "make_pair", "paris"]
