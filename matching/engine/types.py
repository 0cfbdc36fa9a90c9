"""The data the matching engine reads and returns: plain frozen dataclasses, no ORM."""

from collections.abc import Mapping
from dataclasses import dataclass, field

CRITERIA = ("themes", "objectives", "branch", "experience", "availability", "preferences")


@dataclass(frozen=True)
class Person:
    """One validated application of the track, as the engine sees it (mentee or mentor)."""

    id: int
    email: str
    line_manager_email: str
    organisation_id: int
    branch_id: int
    themes: frozenset
    text: str
    availability: frozenset
    years_experience: int
    capacity: int = 0  # mentors only: places still free now
    prefers_other_branch: bool = False  # mentees only
    past_mentees: int = 0  # mentors only: pairs they held as mentor in earlier editions (completed or active)


@dataclass(frozen=True)
class Settings:
    """The programme settings the engineer edits. Criteria missing from `weights` weigh 1.0; 0 disables one."""

    proposals_per_mentee: int = 4
    exposure_factor: float = 1.5
    require_other_organisation: bool = False
    weights: Mapping[str, float] = field(default_factory=lambda: dict.fromkeys(CRITERIA, 1.0))
    theme_labels: Mapping[str, str] = field(default_factory=dict)
    slot_labels: Mapping[str, str] = field(default_factory=dict)
    branch_labels: Mapping[int, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.proposals_per_mentee < 1:
            raise ValueError("proposals_per_mentee must be at least 1")
        if self.exposure_factor < 1:
            raise ValueError("exposure_factor must be at least 1")
        unknown = set(self.weights) - set(CRITERIA)
        if unknown:
            raise ValueError(f"unknown criteria in weights: {sorted(unknown)}")
        weights = {criterion: float(self.weights.get(criterion, 1.0)) for criterion in CRITERIA}
        if any(weight < 0 for weight in weights.values()):
            raise ValueError("weights must be non-negative")
        # Own copies, so that the caller's dicts can change without changing a run's settings.
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "theme_labels", dict(self.theme_labels))
        object.__setattr__(self, "slot_labels", dict(self.slot_labels))
        object.__setattr__(self, "branch_labels", dict(self.branch_labels))


@dataclass
class ProposalOut:
    mentor_id: int
    rank: int  # 1 = best score in the menu
    score: float  # weighted total in [0, 1]
    criteria: dict  # {criterion: (value in [0, 1], French sentence)}
    assigned: bool  # the mentor of this mentee in the capacity-respecting assignment


@dataclass
class MatchingResult:
    proposals: dict  # mentee id -> [ProposalOut], best first; every mentee id present
    shortfalls: dict  # mentee id -> French reason, when fewer than proposals_per_mentee
    metrics: dict
