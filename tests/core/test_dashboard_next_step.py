"""The participants' "À faire maintenant" follows matching: before the proposals, once they are
published (proposed or not), then the choice."""

import pytest
from django.urls import reverse
from django.utils import timezone

from candidatures.models import Application
from tests.factories import ApplicationFactory
from tests.notifications.helpers import publish_run

pytestmark = pytest.mark.django_db


def next_step(client, user, dashboard):
    client.force_login(user)
    return client.get(reverse(dashboard)).content.decode()


def application_of(user):
    return Application.objects.get(user=user)


def test_before_the_proposals_the_mentor_waits_for_the_end_of_september(client, mentor):
    assert "fin septembre, des mentorés pourront vous choisir" in next_step(client, mentor, "core:dashboard_mentor")


def test_a_mentor_among_published_proposals_is_told_a_request_can_come(client, programme, mentor):
    mentee = ApplicationFactory(programme=programme, validated=True)
    publish_run(programme, mentee.track, {mentee: [application_of(mentor)]}, at=timezone.now())
    page = next_step(client, mentor, "core:dashboard_mentor")
    assert "vous figurez" in page and "parmi les mentors proposés aux mentorés" in page
    assert "fin septembre" not in page


def test_a_mentor_left_out_of_the_published_proposals_is_told_so(client, programme, mentor):
    mentee = ApplicationFactory(programme=programme, validated=True)
    other_mentor = ApplicationFactory(programme=programme, mentor=True, validated=True)
    publish_run(programme, mentee.track, {mentee: [other_mentor]}, at=timezone.now())
    page = next_step(client, mentor, "core:dashboard_mentor")
    assert "aucun mentoré ne vous a été proposé pour l'instant" in page
    assert "fin septembre" not in page


def test_a_mentee_with_proposals_is_asked_to_choose(client, programme, mentee):
    mentor = ApplicationFactory(programme=programme, mentor=True, validated=True)
    publish_run(programme, application_of(mentee).track, {application_of(mentee): [mentor]}, at=timezone.now())
    assert "choisir votre mentor parmi vos propositions" in next_step(client, mentee, "core:dashboard_mentee")


def test_a_mentee_without_proposals_once_they_are_published_is_told_so(client, programme, mentee):
    others = ApplicationFactory(programme=programme, validated=True)
    mentor = ApplicationFactory(programme=programme, mentor=True, validated=True)
    publish_run(programme, others.track, {others: [mentor]}, at=timezone.now())
    page = next_step(client, mentee, "core:dashboard_mentee")
    assert "aucun mentor n'a encore pu vous être proposé" in page
    assert "fin septembre" not in page
