"""The catalogue: one entry per kind of issue 7's table, each with its template triple, and the
engineer's daily digest that gathers the engineer alerts (national scale, issue 10)."""

import inspect

from django.template.loader import get_template

from mentorat.notifications.catalogue import BY_CODE, CATALOGUE, engineers

ISSUE_7_KINDS = {
    "call-closing", "hr-digest", "proposals-waiting", "request-waiting", "charter-unsigned", "first-session",
    "session-tomorrow", "session-unlogged", "pair-inactive", "survey-open", "programme-ending",
}  # fmt: skip
# Issue 23: the mentee's mid-term check-in on her objectives (item 4); a mentor's « je souhaite changer »
# reaches the engineers (item 3).
ISSUE_23_KINDS = {"objectives-mid", "fit-change"}
ESSENTIAL = {"call-closing", "proposals-waiting", "request-waiting", "charter-unsigned", "engineer-digest"}


def test_the_catalogue_is_issue_7s_table_and_the_engineers_digest_last():
    codes = [kind.code for kind in CATALOGUE]
    assert len(codes) == len(set(codes))
    assert set(codes) == ISSUE_7_KINDS | ISSUE_23_KINDS | {"engineer-digest"}
    # Last, so that a scan's digest gathers the alerts that same scan recorded.
    assert codes[-1] == "engineer-digest"


def test_engineer_alerts_are_in_app_only_and_gathered_in_the_digest():
    for kind in CATALOGUE:
        for step in kind.steps:
            to_engineers = step.to is engineers
            assert bool(step.digest) == to_engineers, (kind.code, step.code)
            if to_engineers:
                assert not step.email and step.digest_link().startswith("/")


def test_deadlines_requests_and_charter_are_essential_and_the_rest_can_be_turned_off():
    assert {kind.code for kind in CATALOGUE if kind.essential} == ESSENTIAL


def test_every_step_has_its_french_template_triple_and_a_unique_code():
    for kind in CATALOGUE:
        assert len({step.code for step in kind.steps}) == len(kind.steps)
        assert all("@" not in step.code for step in kind.steps)
        for step in kind.steps:
            name = step.template or kind.template
            suffixes = (
                ["_subject.txt", ".txt", ".html"]
                if step.email or name.startswith("reminder_")
                else ["_subject.txt", ".txt"]
            )
            for suffix in suffixes:
                get_template(f"emails/{name}{suffix}")
        assert BY_CODE[kind.code] is kind


def test_the_kinds_with_one_target_per_person_can_be_asked_for_one_person():
    # At send time the check asks for the claim's recipient only, not for everyone again.
    assert {kind.code for kind in CATALOGUE if kind.per_person} == {"hr-digest", "survey-open", "engineer-digest"}
    for kind in CATALOGUE:
        assert ("person" in inspect.signature(kind.selector).parameters) == kind.per_person
