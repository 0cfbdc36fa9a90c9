"""The whole 2026-2027 programme, day by day from 1 July 2026 to 30 June 2027, with the scan at 9:00 and
21:00 Paris and at 08:00 UTC (as an hourly beat would meet them), the request expiry and the daily
completion of pairs: each expected reminder arrives exactly once, on a weekday between 8:00 and
20:00, and nothing reaches withdrawn people or ended pairs.

A compact scenario rather than the full demo: a call with drafts (one withdrawn), an HR referent, a
published run, pending requests (one expires), pairs at several stages with sessions (one cancelled,
one logged late), an inactive pair, a pair ended early, people who withdrew, an opt-out.
"""

import datetime
from collections import Counter

import time_machine
from django.core import mail

from candidatures import services as candidatures_services
from candidatures.enums import ApplicationStatus
from candidatures.models import Application
from matching import services as matching_services
from matching.models import Proposal
from matching.tasks import expire_requests
from mentorat.notifications import services as notification_services
from mentorat.notifications.enums import ClaimStatus
from mentorat.notifications.models import Notification, ReminderClaim
from mentorat.notifications.tasks import scan_reminders
from sessions_binome.enums import PairStatus
from sessions_binome.models import Pair
from sessions_binome.sessions import services as services_sessions
from sessions_binome.tasks_frame import complete_due_pairs
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory
from tests.notifications.helpers import (
    PARIS,
    activate,
    log_held,
    paris,
    plan,
    publish_charter,
    publish_run,
    reminder_kind,
    sign,
    write_frame,
)

FIRST_DAY = datetime.date(2026, 7, 1)
LAST_DAY = datetime.date(2027, 6, 30)
UTC = datetime.UTC


def _scan_moments(day):
    return [
        datetime.datetime.combine(day, datetime.time(8, 0), UTC),
        datetime.datetime.combine(day, datetime.time(9, 0), PARIS),
        datetime.datetime.combine(day, datetime.time(21, 0), PARIS),
    ]


class Scenario:
    """The people and what happens to them, as (moment, action) pairs."""

    def __init__(self, programme):
        self.programme = programme
        self.events = []
        self.ref = {}
        org_a = OrganisationFactory(code="CPAM-33", name="CPAM de la Gironde")
        org_b = OrganisationFactory(code="CAF-59", name="CAF du Nord")
        self.people = {
            "R": UserFactory(email="rh@cpam33.fr", organisation=org_a, hr_of=[org_a]),
            "E": UserFactory(email="ingenieure@ucanss.fr", engineer=True),
        }
        publish_charter(programme)
        # Participants applied before the walk: validated, in an organisation without HR referent.
        for name in ("M_slow", "M_quick", "M_expire", "M_end", "M_inactive", "M_good", "W2"):
            self._applicant(name, org_b, validated=True)
        for name in ("T1", "T2", "T3", "T4", "T5", "T6"):
            self._applicant(name, org_b, mentor=True, validated=True)
        # T5 does not want the "session tomorrow" emails.
        notification_services.preferences_save(user=self.people["T5"], disabled=["session-tomorrow"])
        self.org_a = org_a

    def _applicant(self, name, organisation, **traits):
        user = UserFactory(
            email=f"{name.lower().replace('_', '.')}@exemple.fr", first_name=name, organisation=organisation
        )
        self.people[name] = user
        self.ref[name] = ApplicationFactory(programme=self.programme, user=user, **traits)
        return user

    def at(self, moment, action):
        self.events.append((moment, action))

    def pair(self, mentee):
        return Pair.objects.filter(mentee=self.people[mentee]).order_by("-pk").first()

    def build(self):
        p, ref = self.people, self.ref
        track = ref["M_slow"].track

        # --- the call: drafts in the HR referent's organisation --------------------------------
        def drafts():
            for name in ("D1", "D2", "W"):
                self._applicant(name, self.org_a, draft=True)

        self.at(paris(2026, 7, 2, 11), drafts)
        self.at(paris(2026, 8, 20, 11), lambda: candidatures_services.application_withdraw(application=self.ref["W"]))
        self.at(
            paris(2026, 9, 8, 11),
            lambda: Application.objects.filter(pk=self.ref["D2"].pk).update(
                status=ApplicationStatus.SUBMITTED, submitted_at=paris(2026, 9, 8, 11)
            ),
        )

        # --- matching: a run published on Thursday 24 September -----------------------------------
        menus = {
            "M_slow": ["T6", "T1", "T5"], "M_quick": ["T1", "T6", "T2"], "M_expire": ["T2", "T6", "T1"],
            "M_end": ["T3", "T5", "T6"], "M_inactive": ["T4", "T6", "T3"], "M_good": ["T5", "T6", "T4"],
            "W2": ["T6", "T1", "T2"],
        }  # fmt: skip
        self.at(
            paris(2026, 9, 24, 10),
            lambda: publish_run(
                self.programme,
                track,
                {ref[m]: [ref[t] for t in mentors] for m, mentors in menus.items()},
                at=paris(2026, 9, 24, 10),
            ),
        )

        def choices():
            run_proposals = {(pr.mentee_id, pr.mentor_id): pr for pr in Proposal.objects.all()}
            for mentee, mentor in (
                ("M_quick", "T1"),
                ("M_expire", "T2"),
                ("M_end", "T3"),
                ("M_inactive", "T4"),
                ("M_good", "T5"),
            ):
                proposal = run_proposals[(ref[mentee].pk, ref[mentor].pk)]
                matching_services.mentor_choose(mentee=ref[mentee], proposal=proposal, now=paris(2026, 9, 24, 11))

        self.at(paris(2026, 9, 24, 11), choices)

        def accept(mentor, moment):
            request = ref[mentor].requests_received.get(status="pending")
            matching_services.request_accept(request=request, mentor_user=p[mentor], now=moment)

        for mentor in ("T3", "T4", "T5"):
            self.at(paris(2026, 9, 25, 11), lambda mentor=mentor: accept(mentor, paris(2026, 9, 25, 11)))
        self.at(paris(2026, 9, 25, 12), lambda: candidatures_services.application_withdraw(application=ref["W2"]))
        self.at(paris(2026, 9, 28, 10, 30), lambda: activate(self.pair("M_end"), at=paris(2026, 9, 28, 10, 30)))
        self.at(paris(2026, 9, 28, 10, 30), lambda: activate(self.pair("M_inactive"), at=paris(2026, 9, 28, 10, 30)))
        self.at(paris(2026, 9, 28, 11), lambda: accept("T1", paris(2026, 9, 28, 11)))
        self.at(paris(2026, 9, 29, 14), lambda: activate(self.pair("M_good"), at=paris(2026, 9, 29, 14)))
        self.at(paris(2026, 10, 1, 11), lambda: candidatures_services.application_withdraw(application=ref["T2"]))

        # --- Pq (M_quick / T1): the mentee signs on day 7, the mentor three days later ------------------
        def mentee_signs():
            pair = self.pair("M_quick")
            write_frame(pair, at=paris(2026, 10, 5, 10, 30))
            sign(pair, pair.mentee, at=paris(2026, 10, 5, 10, 30))

        self.at(paris(2026, 10, 5, 10, 30), mentee_signs)
        self.at(paris(2026, 10, 8, 11), lambda: sign(self.pair("M_quick"), p["T1"], at=paris(2026, 10, 8, 11)))

        # --- sessions: (mentee of the pair, planned on, starts at, logged on or None) ----------------
        sessions = [
            ("M_end", (2026, 10, 6), (2026, 10, 20, 10), (2026, 10, 20, 12)),
            ("M_end", (2026, 11, 10), (2026, 12, 3, 10), None),  # the pair ends before: no reminder
            ("M_quick", (2026, 10, 20), (2026, 10, 27, 14), (2026, 10, 27, 16)),
            ("M_quick", (2026, 11, 10), (2026, 11, 19, 10), (2026, 11, 26, 10, 30)),  # logged a week late
            ("M_quick", (2027, 1, 20), (2027, 1, 25, 10), (2027, 1, 25, 12)),
            ("M_quick", (2027, 2, 15), (2027, 2, 22, 10), (2027, 2, 22, 12)),
            ("M_quick", (2027, 3, 15), (2027, 3, 22, 10), (2027, 3, 22, 12)),
            ("M_quick", (2027, 4, 12), (2027, 4, 19, 10), (2027, 4, 19, 12)),
            ("M_good", (2026, 10, 1), (2026, 10, 13, 10), (2026, 10, 13, 12)),
            ("M_good", (2026, 10, 27), (2026, 11, 6, 10), (2026, 11, 6, 12)),
            ("M_good", (2026, 11, 23), (2026, 12, 7, 10), (2026, 12, 7, 12)),
            ("M_good", (2026, 12, 1), (2026, 12, 15, 10), "cancel"),  # cancelled on 10 December
            ("M_good", (2027, 1, 4), (2027, 1, 12, 10), (2027, 1, 12, 12)),
            ("M_good", (2027, 2, 1), (2027, 2, 9, 10), (2027, 2, 9, 12)),
            ("M_good", (2027, 3, 1), (2027, 3, 9, 10), (2027, 3, 9, 12)),
            ("M_good", (2027, 3, 22), (2027, 3, 29, 10), (2027, 3, 29, 12)),  # the Monday after summer time starts
            ("M_good", (2027, 4, 5), (2027, 4, 13, 10), (2027, 4, 13, 12)),
            ("M_good", (2027, 5, 3), (2027, 5, 11, 10), (2027, 5, 11, 12)),
        ]
        for mentee, planned_on, starts, logged in sessions:
            self._session(mentee, paris(*planned_on, 11), paris(*starts), logged)

        self.at(paris(2026, 11, 2, 11), lambda: candidatures_services.application_withdraw(application=ref["T6"]))
        self.at(
            paris(2026, 11, 20, 11),
            lambda: matching_services.pair_end(
                pair=self.pair("M_end"), by=p["M_end"], reason="Changement de poste.", now=paris(2026, 11, 20, 11)
            ),
        )

    def _session(self, mentee, planned_at, starts_at, logged):
        holder = {}
        self.at(planned_at, lambda: holder.update(session=plan(self.pair(mentee), starts_at, at=planned_at)))
        if logged == "cancel":
            cancelled_at = paris(2026, 12, 10, 11)
            self.at(
                cancelled_at,
                lambda: services_sessions.session_cancel(
                    session=holder["session"], by=self.pair(mentee).mentor, now=cancelled_at
                ),
            )
        elif logged is not None:
            self.at(paris(*logged), lambda: log_held(holder["session"], at=paris(*logged)))


EXPECTED = {
    "D1": {"call-closing": 2},
    "D2": {"call-closing": 1},  # submitted after the first one
    # 6 July (three drafts), 24 August (a withdrawal), 14 September (the submission of the call's last
    # week: the edition stays in the digest once its call is closed); nothing new the other Mondays.
    "R": {"hr-digest": 3},
    "M_slow": {"proposals-waiting": 2},
    "M_expire": {"proposals-waiting": 2},  # counted from the expiry of the request, not the publication
    "T1": {
        "request-waiting": 1, "charter-unsigned": 2, "session-tomorrow": 6, "session-unlogged": 1,
        "pair-inactive": 1, "programme-ending": 1,
    },
    # The mentees who wrote objectives: the mid-term check-in at the middle of their pair, and two weeks later.
    "M_quick": {
        "charter-unsigned": 1, "session-tomorrow": 6, "pair-inactive": 1, "programme-ending": 1, "objectives-mid": 2,
    },
    "T2": {"request-waiting": 1},
    "M_end": {"session-tomorrow": 1},
    "T3": {"session-tomorrow": 1},
    "M_inactive": {"first-session": 1, "pair-inactive": 1, "programme-ending": 1, "objectives-mid": 2},
    "T4": {"first-session": 1, "pair-inactive": 1, "programme-ending": 1},
    "M_good": {  # not the cancelled session
        "charter-unsigned": 1, "session-tomorrow": 9, "programme-ending": 1, "objectives-mid": 2,
    },
    "T5": {"charter-unsigned": 1, "programme-ending": 1},  # turned "session-tomorrow" off
    # Four alerts (two mentees without a choice at 10 days, two pairs at risk at 60), on four days:
    # each in the platform at once and in the next working morning's digest, no email of its own.
    "E": {"engineer-digest": 4},
}  # fmt: skip


def test_a_year_of_reminders_each_once_in_working_hours_and_never_to_withdrawn_people(
    programme, django_capture_on_commit_callbacks
):
    with time_machine.travel(paris(2026, 6, 30, 12), tick=False) as traveller:
        scenario = Scenario(programme)
        scenario.build()
        actions = list(scenario.events)
        day = FIRST_DAY
        while day <= LAST_DAY:
            for moment in _scan_moments(day):
                actions.append((moment, "scan"))
            day += datetime.timedelta(days=1)
        # Events first when at the same moment as a scan; then the scans in time order.
        actions.sort(key=lambda item: (item[0], item[1] == "scan"))

        sent = []  # (moment, message, came from a scan)
        for moment, action in actions:
            traveller.move_to(moment)
            before = len(mail.outbox)
            with django_capture_on_commit_callbacks(execute=True):
                if action == "scan":
                    expire_requests.delay()
                    complete_due_pairs.delay()
                    scan_reminders.delay()
                else:
                    action()
            sent.extend((moment, message, action == "scan") for message in mail.outbox[before:])

    people = {user.email: name for name, user in scenario.people.items()}
    reminder_emails = [(moment, message) for moment, message, _scan in sent if reminder_kind(message)]
    counts = Counter((people[message.to[0]], reminder_kind(message)) for _moment, message in reminder_emails)
    expected = Counter({(name, kind): n for name, kinds in EXPECTED.items() for kind, n in kinds.items()})
    assert counts == expected

    # Never at night nor on a weekend.
    for moment, message in reminder_emails:
        local = moment.astimezone(PARIS)
        assert local.weekday() < 5 and 8 <= local.hour < 20, (local, message.subject)
    # Nothing to withdrawn people once withdrawn, nothing about the ended pair once ended.
    assert not [
        m
        for moment, m, _s in sent
        if m.to[0] in (scenario.people["W"].email, scenario.people["W2"].email) and reminder_kind(m)
    ]
    ended = paris(2026, 11, 20, 11)
    assert not [
        m
        for moment, m, _s in sent
        if moment > ended
        and m.to[0] in (scenario.people["M_end"].email, scenario.people["T3"].email)
        and reminder_kind(m)
    ]

    # Every "session tomorrow" carries the calendar invitation and the video link.
    for _moment, message in reminder_emails:
        if reminder_kind(message) == "session-tomorrow":
            assert [mimetype for _content, mimetype in message.alternatives][-1].startswith(
                "text/calendar; method=REQUEST"
            )
            assert [attachment.filename for attachment in message.attachments] == ["invitation.ics"]
            assert "https://visio.exemple.fr/binome" in message.body

    # The end: sessions_binome sends the certificate once to each member of the three completed pairs;
    # the catalogue adds only the in-app notification, no second email.
    certificates = Counter(people[m.to[0]] for _moment, m, _s in sent if m.subject.endswith("est prête"))
    assert certificates == Counter(dict.fromkeys(("M_quick", "T1", "M_inactive", "T4", "M_good", "T5"), 1))
    assert Notification.objects.filter(kind="programme-ending", claim__occurrence="fin").count() == 6
    assert Pair.objects.filter(status=PairStatus.COMPLETED).count() == 3

    # The engineer's four alerts: in the platform, each once, and each in one digest.
    alerts = Notification.objects.filter(user=scenario.people["E"]).exclude(kind="engineer-digest")
    assert Counter(alerts.values_list("kind", flat=True)) == Counter({"proposals-waiting": 2, "pair-inactive": 2})
    digests = [message.body for _moment, message in reminder_emails if reminder_kind(message) == "engineer-digest"]
    for alert in alerts:
        assert sum(alert.title in body for body in digests) == 1, alert.title

    # One in-app notification per reminder sent, and every claim accounted for.
    assert ReminderClaim.objects.filter(status=ClaimStatus.QUEUED).count() == 0
    assert ReminderClaim.objects.filter(status=ClaimStatus.SENT).count() == sum(expected.values()) + 6 + 4
    assert Notification.objects.count() == sum(expected.values()) + 6 + 4
