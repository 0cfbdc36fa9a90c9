"""The programme engineer's matching console: run a track, follow the run, review and correct the
draft, publish it, export it; end a pair. The console and its settings show the edition chosen in
the edition selector; a run, a proposal or a pair is in its own edition."""

from .console import console, run_start, settings_edit
from .corrections import (
    exclusion_add_view,
    former_mentor_allowance_view,
    proposal_add_view,
    proposal_remove_view,
    run_publish,
)
from .mentor_search import proposal_search
from .pairs import pair_end_view
from .review import run_detail
from .run import run_export, run_mentors, run_progress

__all__ = [
    "console",
    "exclusion_add_view",
    "former_mentor_allowance_view",
    "pair_end_view",
    "proposal_add_view",
    "proposal_remove_view",
    "proposal_search",
    "run_detail",
    "run_export",
    "run_mentors",
    "run_progress",
    "run_publish",
    "run_start",
    "settings_edit",
]
