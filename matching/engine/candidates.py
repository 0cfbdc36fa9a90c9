"""The sparse graph of (mentee, mentor, integer score) arcs the flows work on.

One pass scores every pair block by block (a few hundred mentees × all mentors), applies the hard
rules as masks and keeps each mentee's best `size` mentors (argpartition on an integer key
score × mentors + reversed index, so that ties go to the lower mentor id). When a flow lacks room
(a mentee left unmatched, a menu that would pass a cap), the mentees concerned are scored again
against the mentors that still have room, and their best ones there join the graph.
"""

import numpy as np

SCALE = 10_000  # integer score resolution of the flows
CHUNK_CELLS = 1 << 20  # pairs scored per block (4 MB per float32 array, cache-friendly)


class CandidateGraph:
    def __init__(self, features, eligibility, *, size):
        self.features = features
        self.eligibility = eligibility
        self.n, self.m = len(features.mentees), len(features.mentors)
        self.size = min(size, self.m)
        self.keys = np.zeros(0, np.int64)  # mentee × m + mentor, sorted
        self.scores = np.zeros(0, np.int64)
        self.widen(np.arange(self.n))

    def widen(self, rows, columns=None, below=None):
        """Add the best `size` eligible mentors of these mentees among `columns` (bool per mentor) and
        below `below` (integer score per mentor, exclusive); True when an arc is new."""
        if not len(rows) or not self.m:
            return False
        mentor, score = self._best(rows, columns, below)
        keep = score >= 0
        new_keys = (np.broadcast_to(rows[:, None], mentor.shape)[keep].astype(np.int64) * self.m) + mentor[keep]
        keys, first = np.unique(np.concatenate([self.keys, new_keys]), return_index=True)
        added = len(keys) > len(self.keys)
        self.scores = np.concatenate([self.scores, score[keep].astype(np.int64)])[first]
        self.keys = keys
        return added

    def arcs(self):
        """(mentee indices, mentor indices, integer scores), sorted by mentee then mentor."""
        return self.keys // self.m, self.keys % self.m, self.scores

    def score_of(self, mentees, mentors):
        """Integer scores of these (mentee, mentor) arcs, which must be in the graph."""
        return self.scores[np.searchsorted(self.keys, mentees * self.m + mentors)]

    def _best(self, rows, columns, below):
        """(mentor indices, integer scores) of each mentee's best eligible mentors; -1 where none."""
        m, size = self.m, self.size
        key_type = np.int32 if (SCALE + 1) * m < 2**31 else np.int64
        tie_break = np.arange(m - 1, -1, -1, dtype=key_type)
        chunk = max(1, CHUNK_CELLS // m)
        best_mentor = np.full((len(rows), size), -1, np.int64)
        best_score = np.full((len(rows), size), -1, np.int64)

        for start in range(0, len(rows), chunk):
            block_rows = rows[start : start + chunk]
            block = self.features.block(block_rows)
            self.eligibility.mask_block(block, block_rows, columns)
            block *= SCALE
            np.rint(block, out=block)
            keys = block.astype(key_type)  # ineligible pairs: -SCALE
            if below is not None:
                keys[keys >= below[None, :]] = -1
            keys *= m
            keys += tie_break  # still negative for the excluded pairs
            if size < m:
                top = np.argpartition(keys, m - size, axis=1)[:, m - size :]
            else:
                top = np.broadcast_to(np.arange(m), keys.shape)
            top_keys = np.take_along_axis(keys, top, axis=1)
            valid = top_keys >= 0
            rows_slice = slice(start, start + len(block_rows))
            best_mentor[rows_slice] = np.where(valid, top, -1)
            best_score[rows_slice] = np.where(valid, (top_keys - tie_break[top]) // m, -1)
        return best_mentor, best_score
