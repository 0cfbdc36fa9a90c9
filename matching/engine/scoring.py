"""Scores and sentences: one number in [0, 1] and one French sentence per criterion, weighted into a total.

The formulas are written once, as element-wise numpy functions (`criterion_values`): the run applies
them to whole blocks of pairs (mentees × mentors), `explain_pair` to a single pair.

- themes: wanted themes the mentor offers / wanted themes (0 when the mentee wants none);
- objectives: TF-IDF cosine between the mentee's objectives and the mentor's text (see text.py);
- branch: in a track that asks for another organisation (P1), another branch = 1 and the same = 0;
  elsewhere a neutral 0.5 (the mentee's own wish for another branch is the "preferences" criterion);
- experience: (mentor years + bonus - mentee years) / 10, clipped to [0, 1], where a mentor who held
  pairs in earlier editions earns 0.5 year per past pair, counted up to 2 (at most +0.1: a tie-breaker,
  never enough to outweigh a real gap of experience);
- availability: shared half-day slots / the smaller of the two slot sets (0 when either is empty);
- preferences: a mentee who prefers another branch scores 1 with a mentor of another branch, 0 with
  one of their own; a mentee without preference scores 1.
Total = sum(weight × value) / sum(weight), 0 when every weight is 0.
"""

import numpy as np

from .text import TextModel
from .types import CRITERIA

# Every French sentence of the engine, so that the Django side can translate them in one place.
SENTENCES = {
    "themes_none_wanted": "Aucun thème souhaité n'est indiqué",
    "themes_none": "Aucun thème en commun",
    "themes_one": "1 thème en commun : {labels}",
    "themes_many": "{count} thèmes en commun : {labels}",
    "objectives_none": "Aucun mot commun entre les objectifs et la présentation du mentor",
    "objectives_words": "Objectifs et présentation du mentor en écho : {words}",
    "branch_other": "Mentor d'une autre branche ({label})",
    "branch_other_unlabelled": "Mentor d'une autre branche",
    "branch_same": "Mentor de la même branche ({label})",
    "branch_same_unlabelled": "Mentor de la même branche",
    # Neutral: the engine does not know whether the mentee is a woman or a man (matching/explain.py
    # writes the mentee's own sentences).
    "experience_more_one": "1 an d'expérience de plus que la personne mentorée",
    "experience_more": "{years} ans d'expérience de plus que la personne mentorée",
    "experience_same": "Autant d'années d'expérience que la personne mentorée",
    "experience_less_one": "1 an d'expérience de moins que la personne mentorée",
    "experience_less": "{years} ans d'expérience de moins que la personne mentorée",
    "experience_past_one": "{sentence}. A déjà accompagné 1 personne lors d'éditions précédentes",
    "experience_past": "{sentence}. A déjà accompagné {count} personnes lors d'éditions précédentes",
    "availability_unknown": "Disponibilités non renseignées",
    "availability_none": "Aucun créneau commun",
    "availability_one": "1 créneau commun : {slots}",
    "availability_many": "{count} créneaux communs : {slots}",
    "preferences_met": "Répond au souhait d'un mentor d'une autre branche",
    "preferences_unmet": "Ne répond pas au souhait d'un mentor d'une autre branche",
    "preferences_none": "Aucune préférence exprimée",
    # Hard rules (check_pair).
    "rule_self": "Le mentor et le mentoré sont la même personne.",
    "rule_capacity": "Le mentor n'a plus de place disponible.",
    "rule_organisation": "Le mentor appartient au même organisme que le mentoré.",
    "rule_manager": "Le mentor est le responsable hiérarchique du mentoré.",
    "rule_manager_manager": "Le mentor est le responsable hiérarchique du responsable du mentoré.",
    "rule_reverse_manager": "Le mentoré est le responsable hiérarchique du mentor.",
    "rule_reverse_manager_manager": "Le mentoré est le responsable hiérarchique du responsable du mentor.",
    "rule_forbidden": "Cette paire est exclue (exclusion enregistrée ou ancien mentor).",
    # Shortfalls: why a mentee has fewer proposals than the programme asks.
    "shortfall_no_mentor": "Aucun mentor disponible dans le parcours",
    "shortfall_none": "Aucun mentor compatible sur {total}",
    "shortfall_one": "Seulement 1 mentor compatible sur {total}",
    "shortfall_some": "Seulement {count} mentors compatibles sur {total}",
    "shortfall_with_reasons": "{head} : {reasons}.",
    "shortfall_without_reasons": "{head}.",
    "reason_capacity": "{count} sans place disponible",
    "reason_self": "{count} même personne",
    "reason_organisation": "{count} du même organisme",
    "reason_hierarchy_one": "1 lien hiérarchique",
    "reason_hierarchy": "{count} liens hiérarchiques",
    "reason_forbidden_one": "1 exclusion ou ancien mentor",
    "reason_forbidden": "{count} exclusions ou anciens mentors",
    # Progress of a run.
    "progress_prepare": "Préparation des candidatures",
    "progress_score": "Calcul des scores",
    "progress_assign": "Recherche d'une affectation complète",
    "progress_menus": "Composition des propositions",
    "progress_explain": "Rédaction des explications",
    "progress_done": "Terminé",
}
# Labels used when the settings give none.
DAY_LABELS = {"lun": "lundi", "mar": "mardi", "mer": "mercredi", "jeu": "jeudi", "ven": "vendredi", "sam": "samedi"}
HALF_DAY_LABELS = {"matin": "matin", "aprem": "après-midi"}

EXPERIENCE_FULL_GAP = 10  # years of extra experience that earn the full experience score
PAST_PAIR_YEARS = 0.5  # a pair held as mentor in an earlier edition counts as half a year of experience...
PAST_PAIRS_COUNTED = 2  # ...for at most this many pairs


def experience_years(person):
    """The years the experience criterion counts: the declared ones, plus the mentor's past pairs."""
    return person.years_experience + PAST_PAIR_YEARS * min(person.past_mentees, PAST_PAIRS_COUNTED)


# --- The formulas, element-wise (broadcast blocks or aligned pair arrays). ---


def themes_value(shared, wanted):
    return np.divide(shared, wanted, out=np.zeros(np.broadcast(shared, wanted).shape, np.float32), where=wanted > 0)


def objectives_value(similarity):
    return np.clip(similarity, 0.0, 1.0)


def branch_value(branch_a, branch_b, other_organisation_track):
    if other_organisation_track:
        return (branch_a != branch_b).astype(np.float32)
    return np.full(np.broadcast(branch_a, branch_b).shape, 0.5, np.float32)


def experience_value(years_a, years_b):
    return np.clip((years_b - years_a) / np.float32(EXPERIENCE_FULL_GAP), 0.0, 1.0)


def availability_value(shared, count_a, count_b):
    smaller = np.minimum(count_a, count_b)
    return np.divide(shared, smaller, out=np.zeros(np.broadcast(shared, smaller).shape, np.float32), where=smaller > 0)


def preferences_value(prefers_other, branch_a, branch_b):
    return np.where(prefers_other, branch_a != branch_b, True).astype(np.float32)


def weighted_total(criteria, weights):
    """sum(weight × value) / sum(weight) over CRITERIA; `criteria` maps to values or (value, sentence)."""
    numerator = 0.0
    denominator = 0.0
    for criterion in CRITERIA:
        weight = float(weights.get(criterion, 1.0))
        if weight <= 0:
            continue
        value = criteria[criterion]
        if isinstance(value, tuple):
            value = value[0]
        numerator += weight * float(value)
        denominator += weight
    return numerator / denominator if denominator else 0.0


def _index(codes):
    return {code: column for column, code in enumerate(sorted(codes))}


def _one_hot(sets, index):
    matrix = np.zeros((len(sets), len(index)), np.float32)
    for row, codes in enumerate(sets):
        for code in codes:
            matrix[row, index[code]] = 1.0
    return matrix


def _lower_first(label):
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label


class Features:
    """The arrays of one run (mentees × mentors) from which blocks of scores, pair values and sentences come."""

    def __init__(self, mentees, mentors, settings, text_model=None):
        self.mentees = mentees
        self.mentors = mentors
        self.settings = settings
        weights = settings.weights
        self.weight_sum = float(sum(weights[criterion] for criterion in CRITERIA))

        theme_index = _index(set().union(*(p.themes for p in mentees), *(p.themes for p in mentors)))
        self.themes_a = _one_hot([p.themes for p in mentees], theme_index)
        self.themes_b = _one_hot([p.themes for p in mentors], theme_index)
        self.wanted_a = self.themes_a.sum(axis=1)
        slot_index = _index(set().union(*(p.availability for p in mentees), *(p.availability for p in mentors)))
        self.slots_a = _one_hot([p.availability for p in mentees], slot_index)
        self.slots_b = _one_hot([p.availability for p in mentors], slot_index)
        self.slot_count_a = self.slots_a.sum(axis=1)
        self.slot_count_b = self.slots_b.sum(axis=1)
        self.branch_a = np.array([p.branch_id for p in mentees], np.int64)
        self.branch_b = np.array([p.branch_id for p in mentors], np.int64)
        self.years_a = np.array([p.years_experience for p in mentees], np.float32)
        self.years_b = np.array([experience_years(p) for p in mentors], np.float32)
        self.prefers_a = np.array([p.prefers_other_branch for p in mentees], bool)

        if text_model is None:
            text_model = TextModel.fit([p.text for p in mentees] + [p.text for p in mentors])
        self.text_model = text_model
        self.text_a = text_model.transform([p.text for p in mentees])
        self.text_b = text_model.transform([p.text for p in mentors])
        self._term_weights = {}
        self._quotes = {}  # mentee index -> {column: word as the mentee wrote it}

        self.theme_order = {code: order for order, code in enumerate(settings.theme_labels)}
        self._prepare_blocks()

    # --- Whole blocks, for the candidate search. ---

    def _prepare_blocks(self):
        """Fold the weights into per-person arrays so that a block costs a few passes over memory."""
        total_weight = self.weight_sum or 1.0  # every weight 0: every block is 0
        weights = {criterion: self.settings.weights[criterion] / total_weight for criterion in CRITERIA}
        self.block_weights = weights
        f32 = np.float32
        # themes: (wanted/|wanted| × weight) @ offered.T
        scale = np.divide(weights["themes"], self.wanted_a, out=np.zeros_like(self.wanted_a), where=self.wanted_a > 0)
        self.block_themes_a = (self.themes_a * scale[:, None]).astype(f32)
        self.block_themes_b_t = np.ascontiguousarray(self.themes_b.T)
        # objectives: sparse mentee rows @ dense mentor columns, restricted to the stems mentees use
        # (falls back to sparse @ sparse when that dense matrix would pass ~256 MB).
        used = np.unique(self.text_a.indices)
        if len(used) * len(self.mentors) * 4 <= 256 << 20:
            self.block_text_a = self.text_a[:, used] * f32(weights["objectives"])
            self.block_text_b = self.text_b[:, used].T.toarray()
        else:
            self.block_text_a = self.text_a * f32(weights["objectives"])
            self.block_text_b = self.text_b.T.tocsr()
        # experience: clip(years_b - years_a, 0, 10) / 10 × weight
        self.block_years_a = (self.years_a * (weights["experience"] / EXPERIENCE_FULL_GAP)).astype(f32)
        self.block_years_b = (self.years_b * (weights["experience"] / EXPERIENCE_FULL_GAP)).astype(f32)
        # availability: shared / min(count_a, count_b) = shared × max(1/count_a, 1/count_b); no slot, no share
        self.block_slots_b_t = np.ascontiguousarray(self.slots_b.T)
        self.block_inverse_slots_a = (weights["availability"] / np.maximum(self.slot_count_a, 1)).astype(f32)
        self.block_inverse_slots_b = (weights["availability"] / np.maximum(self.slot_count_b, 1)).astype(f32)
        # branch and preferences: a per-row weight on "another branch" plus a per-row constant
        other_track = self.settings.require_other_organisation
        self.block_other_branch = (
            (weights["branch"] if other_track else 0.0) + weights["preferences"] * self.prefers_a
        ).astype(f32)
        self.block_constant = (
            (0.0 if other_track else weights["branch"] * 0.5) + weights["preferences"] * ~self.prefers_a
        ).astype(f32)

    def block(self, rows):
        """Weighted totals (float32, len(rows) × mentors) for an array of mentee indices.

        The same formulas as `pair_values` + `weighted_total`, rearranged for speed.
        """
        w = self.block_weights
        if w["themes"]:
            total = self.block_themes_a[rows] @ self.block_themes_b_t
        else:
            total = np.zeros((len(rows), len(self.mentors)), np.float32)
        if w["objectives"]:
            similarity = self.block_text_a[rows] @ self.block_text_b
            total += similarity if isinstance(similarity, np.ndarray) else similarity.toarray()
        if w["experience"]:
            gap = np.subtract(self.block_years_b[None, :], self.block_years_a[rows, None])
            np.clip(gap, 0.0, np.float32(w["experience"]), out=gap)
            total += gap
        if w["availability"]:
            shared = self.slots_a[rows] @ self.block_slots_b_t
            shared *= np.maximum(self.block_inverse_slots_a[rows, None], self.block_inverse_slots_b[None, :])
            total += shared
        other_branch = self.block_other_branch[rows]
        if other_branch.any():
            differs = self.branch_a[rows, None] != self.branch_b[None, :]
            total += differs * other_branch[:, None]
        total += self.block_constant[rows, None]
        return total

    # --- Chosen pairs, for the proposals. ---

    def pair_values(self, a, b):
        """{criterion: float64 array} for aligned arrays of mentee and mentor indices."""
        similarity = np.asarray(self.text_a[a].multiply(self.text_b[b]).sum(axis=1)).ravel()
        values = {
            "themes": themes_value((self.themes_a[a] * self.themes_b[b]).sum(axis=1), self.wanted_a[a]),
            "objectives": objectives_value(similarity),
            "branch": branch_value(self.branch_a[a], self.branch_b[b], self.settings.require_other_organisation),
            "experience": experience_value(self.years_a[a], self.years_b[b]),
            "availability": availability_value(
                (self.slots_a[a] * self.slots_b[b]).sum(axis=1), self.slot_count_a[a], self.slot_count_b[b]
            ),
            "preferences": preferences_value(self.prefers_a[a], self.branch_a[a], self.branch_b[b]),
        }
        return {criterion: value.astype(np.float64) for criterion, value in values.items()}

    def explain(self, a, b, values):
        """{criterion: (value rounded to 4 decimals, sentence)} for mentee index a and mentor index b."""
        mentee, mentor = self.mentees[a], self.mentors[b]
        sentences = {
            "themes": self._themes_sentence(mentee, mentor),
            "objectives": self._objectives_sentence(a, b),
            "branch": self._branch_sentence(mentee, mentor),
            "experience": self._experience_sentence(mentee, mentor),
            "availability": self._availability_sentence(mentee, mentor),
            "preferences": self._preferences_sentence(mentee, mentor),
        }
        return {criterion: (round(float(values[criterion]), 4), sentences[criterion]) for criterion in CRITERIA}

    def _themes_sentence(self, mentee, mentor):
        if not mentee.themes:
            return SENTENCES["themes_none_wanted"]
        unknown = len(self.theme_order)
        shared = sorted(mentee.themes & mentor.themes, key=lambda code: (self.theme_order.get(code, unknown), code))
        if not shared:
            return SENTENCES["themes_none"]
        labels = ", ".join(_lower_first(self.settings.theme_labels.get(code, code)) for code in shared)
        key = "themes_one" if len(shared) == 1 else "themes_many"
        return SENTENCES[key].format(count=len(shared), labels=labels)

    def _objectives_sentence(self, a, b):
        if a not in self._quotes:
            self._quotes[a] = self.text_model.quotes(self.mentees[a].text)
        shared = self.text_model.shared_words(self._terms("a", a), self._terms("b", b), quote=self._quotes[a])
        if not shared:
            return SENTENCES["objectives_none"]
        return SENTENCES["objectives_words"].format(words=", ".join(shared))

    def _terms(self, side, index):
        """{stem column: TF-IDF weight} of one text, cached (a mentor appears in several menus)."""
        key = (side, index)
        if key not in self._term_weights:
            matrix = self.text_a if side == "a" else self.text_b
            start, end = matrix.indptr[index], matrix.indptr[index + 1]
            columns, weights = matrix.indices[start:end].tolist(), matrix.data[start:end].tolist()
            self._term_weights[key] = dict(zip(columns, weights, strict=True))
        return self._term_weights[key]

    def _branch_sentence(self, mentee, mentor):
        label = self.settings.branch_labels.get(mentor.branch_id)
        key = "branch_other" if mentor.branch_id != mentee.branch_id else "branch_same"
        if label is None:
            return SENTENCES[key + "_unlabelled"]
        return SENTENCES[key].format(label=label)

    def _experience_sentence(self, mentee, mentor):
        gap = mentor.years_experience - mentee.years_experience
        if gap == 0:
            sentence = SENTENCES["experience_same"]
        else:
            key = "experience_more" if gap > 0 else "experience_less"
            if abs(gap) == 1:
                key += "_one"
            sentence = SENTENCES[key].format(years=abs(gap))
        if mentor.past_mentees:
            key = "experience_past_one" if mentor.past_mentees == 1 else "experience_past"
            sentence = SENTENCES[key].format(sentence=sentence, count=mentor.past_mentees)
        return sentence

    def _availability_sentence(self, mentee, mentor):
        if not mentee.availability or not mentor.availability:
            return SENTENCES["availability_unknown"]
        shared = sorted(mentee.availability & mentor.availability, key=_slot_order)
        if not shared:
            return SENTENCES["availability_none"]
        slots = ", ".join(self._slot_label(code) for code in shared)
        key = "availability_one" if len(shared) == 1 else "availability_many"
        return SENTENCES[key].format(count=len(shared), slots=slots)

    def _slot_label(self, code):
        if code in self.settings.slot_labels:
            return self.settings.slot_labels[code]
        day, _sep, half = code.partition("-")
        if day in DAY_LABELS and half in HALF_DAY_LABELS:
            return f"{DAY_LABELS[day]} {HALF_DAY_LABELS[half]}"
        return code

    def _preferences_sentence(self, mentee, mentor):
        if not mentee.prefers_other_branch:
            return SENTENCES["preferences_none"]
        return SENTENCES["preferences_met" if mentor.branch_id != mentee.branch_id else "preferences_unmet"]


def _slot_order(code):
    day, _sep, half = code.partition("-")
    days = list(DAY_LABELS)
    halves = list(HALF_DAY_LABELS)
    return (days.index(day) if day in days else len(days), halves.index(half) if half in halves else len(halves), code)


def explain_pair(mentee, mentor, settings, *, text_model=None):
    """{criterion: (value in [0, 1], French sentence)} for one pair; `weighted_total` gives the total.

    The objectives similarity depends on the corpus: pass `text_model=fit_text_model(persons of the track)`
    to get the value of a run; without it the model is fitted on these two texts only.
    """
    features = Features([mentee], [mentor], settings, text_model)
    index = np.zeros(1, np.int64)
    values = features.pair_values(index, index)
    return features.explain(0, 0, {criterion: value[0] for criterion, value in values.items()})
