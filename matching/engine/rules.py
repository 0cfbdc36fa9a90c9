"""Hard rules: a proposal that breaks one is a defect.

Checked here: the mentor has free capacity; mentor and mentee are not the same person; no
hierarchical link (the mentor is not the mentee's line manager nor that manager's manager, and the
reverse); another organisation when the track requires it; the pair is not forbidden (engineer's
exclusion, or a mentor the mentee already had). Same programme, same track and validated
applications are filtered by the caller.

Line managers come from each person's declared `line_manager_email` and from `manager_of`
(email -> line manager email for everyone in the programme); when both know a person's manager and
they differ, both count, so that a link is never missed.
"""

from collections import defaultdict

import numpy as np

from .scoring import SENTENCES

# Reasons a mentor is excluded for a mentee, in the order they are counted in a shortfall.
REASONS = ("capacity", "self", "organisation", "hierarchy", "forbidden")


class Hierarchy:
    """Who manages whom, merged from `manager_of` and the declared line managers."""

    def __init__(self, persons, manager_of=None):
        managers = defaultdict(set)
        for email, manager in (manager_of or {}).items():
            if email and manager:
                managers[email.lower()].add(manager.lower())
        for person in persons:
            if person.email and person.line_manager_email:
                managers[person.email].add(person.line_manager_email)
        self.managers = managers

    def direct(self, email):
        return self.managers.get(email, set()) - {email}

    def second_level(self, email):
        return set().union(*(self.direct(manager) for manager in self.direct(email))) - {email}

    def chain(self, email):
        """The line managers one and two levels above."""
        return self.direct(email) | self.second_level(email)


def hierarchy_reason(mentee, mentor, hierarchy):
    if mentor.email in hierarchy.direct(mentee.email):
        return SENTENCES["rule_manager"]
    if mentor.email in hierarchy.second_level(mentee.email):
        return SENTENCES["rule_manager_manager"]
    if mentee.email in hierarchy.direct(mentor.email):
        return SENTENCES["rule_reverse_manager"]
    if mentee.email in hierarchy.second_level(mentor.email):
        return SENTENCES["rule_reverse_manager_manager"]
    return None


def blocking_reasons(mentee, mentor, settings, *, forbidden=frozenset(), manager_of=None, hierarchy=None):
    """The French reasons of every hard rule the pair breaks, in the order of `check_pair` (empty
    when it may be proposed). `hierarchy`, built once for a list of mentors, saves rebuilding it."""
    reasons = []
    if mentor.email == mentee.email:
        reasons.append(SENTENCES["rule_self"])
    if mentor.capacity <= 0:
        reasons.append(SENTENCES["rule_capacity"])
    if settings.require_other_organisation and mentor.organisation_id == mentee.organisation_id:
        reasons.append(SENTENCES["rule_organisation"])
    reason = hierarchy_reason(mentee, mentor, hierarchy or Hierarchy([mentee, mentor], manager_of))
    if reason:
        reasons.append(reason)
    if (mentee.id, mentor.id) in forbidden:
        reasons.append(SENTENCES["rule_forbidden"])
    return reasons


def check_pair(mentee, mentor, settings, *, forbidden=frozenset(), manager_of=None):
    """None when the pair may be proposed, else the French reason of the first hard rule it breaks."""
    reasons = blocking_reasons(mentee, mentor, settings, forbidden=forbidden, manager_of=manager_of)
    return reasons[0] if reasons else None


class Eligibility:
    """The hard rules of a whole run as masks: dense per mentor or per organisation, sparse per pair."""

    def __init__(self, mentees, mentors, settings, *, forbidden=frozenset(), manager_of=None):
        self.n_mentors = len(mentors)
        self.mentor_ok = np.array([p.capacity > 0 for p in mentors], bool)
        self.other_organisation = settings.require_other_organisation
        self.org_a = np.array([p.organisation_id for p in mentees], np.int64)
        self.org_b = np.array([p.organisation_id for p in mentors], np.int64)

        hierarchy = Hierarchy(list(mentees) + list(mentors), manager_of)
        mentors_by_email = defaultdict(list)
        for j, mentor in enumerate(mentors):
            mentors_by_email[mentor.email].append(j)
        mentees_by_email = defaultdict(list)
        for i, mentee in enumerate(mentees):
            mentees_by_email[mentee.email].append(i)
        mentee_index = {p.id: i for i, p in enumerate(mentees)}
        mentor_index = {p.id: j for j, p in enumerate(mentors)}

        # (mentee index, mentor index) -> reason; the first reason recorded wins.
        pairs = {}
        for i, mentee in enumerate(mentees):
            for j in mentors_by_email.get(mentee.email, ()):
                pairs.setdefault((i, j), "self")
            for email in hierarchy.chain(mentee.email):
                for j in mentors_by_email.get(email, ()):
                    pairs.setdefault((i, j), "hierarchy")
        for j, mentor in enumerate(mentors):
            for email in hierarchy.chain(mentor.email):
                for i in mentees_by_email.get(email, ()):
                    pairs.setdefault((i, j), "hierarchy")
        for mentee_id, mentor_id in forbidden:
            if mentee_id in mentee_index and mentor_id in mentor_index:
                pairs.setdefault((mentee_index[mentee_id], mentor_index[mentor_id]), "forbidden")
        self.pair_reasons = pairs
        by_mentee = defaultdict(list)
        for i, j in sorted(pairs):
            by_mentee[i].append(j)
        self.excluded = {i: np.array(js, np.int64) for i, js in by_mentee.items()}

        # Eligible mentors per mentee, for the shortfall reasons and the size of the menus.
        n_open = int(self.mentor_ok.sum())
        same_org = np.zeros(len(mentees), np.int64)
        if self.other_organisation and len(mentees):
            open_orgs, open_counts = np.unique(self.org_b[self.mentor_ok], return_counts=True)
            position = np.searchsorted(open_orgs, self.org_a)
            position = np.minimum(position, max(len(open_orgs) - 1, 0))
            if len(open_orgs):
                same_org = np.where(open_orgs[position] == self.org_a, open_counts[position], 0)
        self.same_org = same_org
        sparse_counts = defaultdict(lambda: defaultdict(int))
        for (i, j), reason in pairs.items():
            if self._dense_ok(i, j):
                sparse_counts[i][reason] += 1
        self.sparse_counts = sparse_counts
        self.eligible_count = n_open - same_org
        for i, counts in sparse_counts.items():
            self.eligible_count[i] -= sum(counts.values())
        self.closed = self.n_mentors - n_open

    def _dense_ok(self, i, j):
        if not self.mentor_ok[j]:
            return False
        return not (self.other_organisation and self.org_a[i] == self.org_b[j])

    def mask_block(self, block, rows, columns=None):
        """Set the scores of ineligible pairs of the block (mentee indices `rows` × all mentors) to -1 in place.

        `columns`, a boolean array over mentors, further restricts the block (used to look for free mentors).
        """
        ok = self.mentor_ok if columns is None else self.mentor_ok & columns
        block[:, ~ok] = -1.0
        if self.other_organisation:
            block[self.org_a[rows, None] == self.org_b[None, :]] = -1.0
        for offset, i in enumerate(rows.tolist()):
            excluded = self.excluded.get(i)
            if excluded is not None:
                block[offset, excluded] = -1.0

    def reason_counts(self, i):
        """{reason: number of mentors excluded for this reason}, zero counts left out."""
        counts = {"capacity": self.closed, "organisation": int(self.same_org[i])}
        counts.update(self.sparse_counts.get(i, {}))
        return {reason: counts[reason] for reason in REASONS if counts.get(reason)}


def shortfall_sentence(eligible, total, counts):
    """Why a mentee gets fewer proposals than asked: "Seulement 2 mentors compatibles sur 10 : ..."."""
    if total == 0:
        return SENTENCES["shortfall_no_mentor"] + "."
    if eligible == 0:
        head = SENTENCES["shortfall_none"].format(total=total)
    elif eligible == 1:
        head = SENTENCES["shortfall_one"].format(total=total)
    else:
        head = SENTENCES["shortfall_some"].format(count=eligible, total=total)
    parts = []
    for reason, count in counts.items():
        key = f"reason_{reason}"
        if count == 1 and f"{key}_one" in SENTENCES:
            key = f"{key}_one"
        parts.append(SENTENCES[key].format(count=count))
    if not parts:
        return SENTENCES["shortfall_without_reasons"].format(head=head)
    return SENTENCES["shortfall_with_reasons"].format(head=head, reasons=", ".join(parts))
