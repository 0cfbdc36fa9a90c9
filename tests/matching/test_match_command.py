"""`python manage.py match`: the same services as the console, from a shell."""

import csv
import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase

from matching import engine
from matching.enums import RunStatus
from matching.models import MatchingRun, Proposal


def match(*args):
    out = io.StringIO()
    # As in production, what the services queue after commit (the task, the emails) runs at the end.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("match", "--programme", "2026-2027", *args, stdout=out)
    return out.getvalue()


def test_the_command_computes_a_draft_and_prints_one_line_per_metric(p1_cohort):
    output = match("--track", "P1")

    run = MatchingRun.objects.get()
    assert run.status == RunStatus.DRAFT
    assert Proposal.objects.filter(run=run).count() == 16
    lines = output.splitlines()
    assert lines[0] == f"run {run.pk}: P1 draft, 16 proposals for 4 mentee(s)"
    for line in [
        "proposals_min: 4",
        "proposals_mean: 4",
        "proposals_max: 4",
        "assignment_size: 4",
        "mentors_proposed_share: 1",
    ]:
        assert line in lines
    assert any(line.startswith("total_score: ") for line in lines)
    assert mail.outbox == []


def test_the_export_starts_with_the_agreed_header_and_has_one_row_per_proposal(p1_cohort, tmp_path):
    target = tmp_path / "proposals.csv"

    output = match("--track", "p1", "--export", str(target))

    assert f"proposals written to {target}" in output
    # The platform's one CSV dialect (mentorat.core.spreadsheets): BOM, `;`, CRLF, decimal comma.
    content = target.read_bytes()
    assert content.startswith("\ufeffmentee_email;rank;mentor_email;score;".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert content.count(b"\r\n") == len(rows)
    assert rows[0][:4] == ["mentee_email", "rank", "mentor_email", "score"]
    proposals = Proposal.objects.select_related("mentee__user", "mentor__user").order_by("mentee__user__email", "rank")
    assert [row[:3] for row in rows[1:]] == [[p.mentee.user.email, str(p.rank), p.mentor.user.email] for p in proposals]
    assert [float(row[3].replace(",", ".")) for row in rows[1:]] == [round(p.score, 4) for p in proposals]
    for mentee in p1_cohort["mentees"]:
        assert [int(row[1]) for row in rows[1:] if row[0] == mentee.user.email] == [1, 2, 3, 4]


def test_publish_publishes_the_run_and_emails_each_mentee_once(p1_cohort):
    output = match("--track", "P1", "--publish")

    run = MatchingRun.objects.get()
    assert run.status == RunStatus.PUBLISHED
    assert f"run {run.pk} published: 4 mentee(s) emailed" in output
    assert sorted(message.to[0] for message in mail.outbox) == sorted(m.user.email for m in p1_cohort["mentees"])


def test_the_engine_runs_once_although_the_queued_task_also_runs(p1_cohort):
    with mock.patch("matching.engine.run_matching", wraps=engine.run_matching) as spy:
        match("--track", "P1")

    assert spy.call_count == 1
    assert MatchingRun.objects.get().status == RunStatus.DRAFT


def test_a_new_command_run_supersedes_the_draft_but_not_the_published_run(p1_cohort):
    match("--track", "P1", "--publish")
    match("--track", "P1")
    match("--track", "P1")

    assert list(MatchingRun.objects.order_by("pk").values_list("status", flat=True)) == [
        RunStatus.PUBLISHED,
        RunStatus.SUPERSEDED,
        RunStatus.DRAFT,
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--programme", "1999-2000", "--track", "P1"], "unknown programme '1999-2000'"),
        (["--programme", "2026-2027", "--track", "P9"], "unknown track 'P9' in 2026-2027"),
    ],
)
def test_an_unknown_programme_or_track_is_refused(programme, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("match", *args, stdout=io.StringIO())
    assert not MatchingRun.objects.exists()
