"""The call for applications: drafts before each edition's closing, and the HR referents' weekly
digest, one per referent with one section per opened edition that has news for their organisations."""

from django.db.models import Count, Max, Q

from candidatures.enums import ApplicationStatus
from candidatures.models import Application
from mentorat.accounts.models import User
from mentorat.core.enums import ProgrammeStatus
from mentorat.core.models import Programme

from .. import timing
from .base import HR_DIGEST_HOUR, Target, last_digests, only_these, opened_edition


def drafts_before_closing(now, only=None):
    """Draft applications of an opened edition whose own call is still open (submitted or withdrawn
    ones are not drafts)."""
    drafts = Application.objects.filter(
        opened_edition(),
        status=ApplicationStatus.DRAFT,
        programme__call_opens_at__lte=now,
        programme__call_closes_at__gt=now,
    )
    drafts = drafts.select_related("user", "programme", "track")
    for application in only_these(drafts, only):
        yield Target(application, anchor=application.programme.call_closes_at, since=application.created_at)


def hr_digest_editions(now):
    """The editions an HR digest reports on: the opened ones whose call has opened, latest first
    (an edition in preparation is nobody's business yet, an archived one is over)."""
    return Programme.objects.filter(status=ProgrammeStatus.LIVE, call_opens_at__lte=now).order_by("-starts_on", "pk")


def hr_digest_news(programme, organisation_ids, since, now):
    """What is new in one edition for these organisations since `since`: per organisation,
    applications started, submitted and withdrawn, and how many wait for a decision. Counts only,
    never content."""
    changed = Application.objects.filter(programme=programme, organisation_id__in=organisation_ids).filter(
        Q(created_at__gt=since, created_at__lte=now)
        | Q(submitted_at__gt=since, submitted_at__lte=now)
        | Q(withdrawn_at__gt=since, withdrawn_at__lte=now)
    )
    rows = {}
    for organisation_id, name, created, submitted, withdrawn in changed.values_list(
        "organisation_id", "organisation__name", "created_at", "submitted_at", "withdrawn_at"
    ):
        row = rows.setdefault(
            organisation_id, {"name": name, "started": 0, "submitted": 0, "withdrawn": 0, "to_review": 0}
        )
        row["started"] += since < created <= now
        row["submitted"] += bool(submitted and since < submitted <= now)
        row["withdrawn"] += bool(withdrawn and since < withdrawn <= now)
    if rows:
        waiting = (
            Application.objects.filter(
                programme=programme, organisation_id__in=rows, status=ApplicationStatus.SUBMITTED
            )
            .values("organisation_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in waiting:
            rows[row["organisation_id"]]["to_review"] = row["n"]
    return sorted(rows.values(), key=lambda row: row["name"])


def _since(edition, last):
    """What a digest covers in an edition starts at the referent's last digest, or at the call's opening."""
    return max(filter(None, [last, edition.call_opens_at]))


def hr_digest_sections(referent, now):
    """The sections of a referent's digest: [{"programme", "since", "news", "totals", "call_open"}],
    one per edition of `hr_digest_editions` with news for their organisations, latest first."""
    last = last_digests("hr-digest", recipient=referent).get(referent.pk)
    organisation_ids = [organisation.pk for organisation in referent.hr_organisations.all()]
    sections = []
    for edition in hr_digest_editions(now):
        since = _since(edition, last)
        news = hr_digest_news(edition, organisation_ids, since, now)
        if news:
            totals = {key: sum(row[key] for row in news) for key in ("started", "submitted", "withdrawn", "to_review")}
            sections.append(
                {
                    "programme": edition,
                    "since": since,
                    "news": news,
                    "totals": totals,
                    "call_open": edition.is_call_open(now),
                }
            )
    return sections


def hr_digests(now, only=None, person=None):
    """One digest per HR referent (`only`: referent ids) on Mondays from 9:00 to 20:00, when
    something is new for their organisations in one of the opened editions whose call has opened,
    since their last digest (or since that edition's call opened)."""
    monday = timing.monday_of(now, HR_DIGEST_HOUR)
    if not monday <= now < timing.at(timing.local(monday).date(), timing.OPEN_UNTIL):
        return
    editions = list(hr_digest_editions(now))
    if not editions:
        return
    referents = only_these(User.objects.filter(is_active=True, hr_organisations__isnull=False), only)
    if person is not None:
        referents = referents.filter(pk=person.pk)
    referents = list(referents.distinct().order_by("pk").prefetch_related("hr_organisations"))
    if not referents:
        return
    last = last_digests("hr-digest")
    changed = _last_change_per_organisation(editions, now)
    week = timing.local(monday).strftime("%G-W%V")
    for referent in referents:
        organisations = [organisation.pk for organisation in referent.hr_organisations.all()]
        if any(
            changed.get((edition.pk, organisation), since) > since
            for edition in editions
            for since in [_since(edition, last.get(referent.pk))]
            for organisation in organisations
        ):
            yield Target(referent, anchor=monday, key=week, person=referent)


def _last_change_per_organisation(editions, now):
    """{(edition id, organisation id): the last application started, submitted or withdrawn by
    `now`}, one query for all referents and editions: a referent has news in an edition
    (`hr_digest_news` is not empty) when, for one of their organisations, it is after their last digest."""
    rows = (
        Application.objects.filter(programme__in=editions)
        .values("programme_id", "organisation_id")
        .annotate(
            created=Max("created_at", filter=Q(created_at__lte=now)),
            submitted=Max("submitted_at", filter=Q(submitted_at__lte=now)),
            withdrawn=Max("withdrawn_at", filter=Q(withdrawn_at__lte=now)),
        )
        .order_by()
    )
    changed = {}
    for row in rows:
        moments = [moment for moment in (row["created"], row["submitted"], row["withdrawn"]) if moment is not None]
        if moments:
            changed[row["programme_id"], row["organisation_id"]] = max(moments)
    return changed
