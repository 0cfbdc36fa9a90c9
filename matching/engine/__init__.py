"""The matching engine: pure Python + numpy/scipy/OR-Tools, no Django, so that the web task, the
`match` command and the benchmark run the same code."""

from .rules import Hierarchy, blocking_reasons, check_pair
from .scoring import SENTENCES, explain_pair, weighted_total
from .solve import run_matching
from .text import fit_text_model
from .types import CRITERIA, MatchingResult, Person, ProposalOut, Settings

__all__ = [
    "CRITERIA",
    "Hierarchy",
    "SENTENCES",
    "MatchingResult",
    "Person",
    "ProposalOut",
    "Settings",
    "blocking_reasons",
    "check_pair",
    "explain_pair",
    "fit_text_model",
    "run_matching",
    "weighted_total",
]
