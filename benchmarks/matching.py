"""Benchmark of the matching engine on a synthetic programme; prints one JSON line.

    python benchmarks/matching.py --mentees 1000 --mentors 1000 [--seed 1] [--track P1|P2] [--proposals 4]

The programme: ~300 organisations over 6 branches with skewed sizes, line managers in chains (some of
them mentors of their own reports' teams), 16 themes with popular ones, French texts from word lists,
capacity 1 for ~80 % of mentors and 2 for the rest, and "popular profiles" (mentors who score high for
many mentees). Only `run_matching` is timed. Hard rules are re-checked here independently of the engine,
pair by pair. Figures:
- max_exposure_over_capacity: max over mentors of (menus they appear in) / (their free capacity);
- max_exposure_over_cap: the same over the engine's exposure cap (formula re-computed here);
- score_ratio: total proposal score / sum over mentees of their k best allowed scores, capacity ignored;
- first_round_success: mentees rank their menu by score + N(0, 0.05) noise, mentors rank candidates by
  score and keep the best up to capacity (mentee-proposing deferred acceptance within menus); share of
  mentees matched.
"""

import argparse
import dataclasses
import json
import math
import resource
import sys
import time
from pathlib import Path

# This file is named matching.py: keep its folder off the path so that `matching` is the Django app.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import numpy as np  # noqa: E402

from matching.engine import Person, Settings, run_matching  # noqa: E402
from matching.engine.rules import Eligibility  # noqa: E402
from matching.engine.scoring import Features  # noqa: E402

BRANCHES = {1: "Maladie", 2: "Retraite", 3: "Famille", 4: "Recouvrement", 5: "Autonomie", 6: "Transverse"}
BRANCH_WEIGHTS = [0.38, 0.16, 0.2, 0.14, 0.04, 0.08]
THEMES = {
    "posture-manageriale": "Posture managériale",
    "prise-de-poste": "Prise de poste",
    "animation-equipe": "Animation d'équipe",
    "conduite-changement": "Conduite du changement",
    "gestion-conflits": "Gestion des tensions et des conflits",
    "communication": "Communication professionnelle",
    "organisation-priorites": "Organisation du travail et gestion des priorités",
    "competences-numeriques": "Compétences numériques",
    "parcours-interbranche": "Parcours et mobilité interbranche",
    "codes-implicites": "Codes implicites et culture de l'institution",
    "reseau-professionnel": "Réseau professionnel",
    "developpement-carriere": "Développement de carrière",
    "relation-usagers": "Relation avec les assurés, allocataires et cotisants",
    "pilotage-activite": "Pilotage de l'activité",
    "equilibre-vie": "Équilibre entre vie professionnelle et vie personnelle",
    "transmission-expertise": "Transmission de l'expertise métier",
}
# Popularity of each theme (same order as THEMES) per track.
THEME_WEIGHTS = {
    "P1": [9, 10, 8, 6, 7, 5, 5, 1, 1, 2, 3, 2, 1, 5, 3, 1],
    "P2": [1, 1, 1, 2, 2, 5, 4, 7, 6, 6, 8, 9, 4, 1, 3, 5],
}
SLOTS = [f"{day}-{half}" for day in ("lun", "mar", "mer", "jeu", "ven") for half in ("matin", "aprem")]
SLOT_WEIGHTS = [4, 5, 6, 5, 6, 4, 6, 6, 3, 1]
# Words from which texts are composed: a few phrases per theme, mentee side and mentor side.
GOALS = {
    "posture-manageriale": ["trouver ma posture de manager", "affirmer mon autorité sans perdre la proximité"],
    "prise-de-poste": ["réussir ma prise de poste", "clarifier les attentes de ma hiérarchie"],
    "animation-equipe": ["animer des réunions d'équipe vivantes", "mobiliser les agents autour des objectifs"],
    "conduite-changement": ["accompagner mon équipe dans la réorganisation", "expliquer le sens des changements"],
    "gestion-conflits": ["aborder sereinement les tensions", "gérer un conflit entre deux collaborateurs"],
    "communication": ["gagner en aisance à l'oral", "porter des messages difficiles devant la direction"],
    "organisation-priorites": ["mieux organiser mon temps", "savoir dire non aux urgences secondaires"],
    "competences-numeriques": ["progresser avec les outils numériques", "travailler à distance efficacement"],
    "parcours-interbranche": ["découvrir les autres branches", "préparer une mobilité interbranche"],
    "codes-implicites": ["comprendre les codes implicites de l'institution", "décrypter les circuits de décision"],
    "reseau-professionnel": ["construire un réseau au-delà de mon organisme", "rencontrer des pairs"],
    "developpement-carriere": ["clarifier mes perspectives d'évolution", "préparer un concours interne"],
    "relation-usagers": ["prendre du recul sur les situations difficiles avec le public", "apaiser l'accueil"],
    "pilotage-activite": ["m'approprier les indicateurs de pilotage", "suivre les tableaux de bord"],
    "equilibre-vie": ["préserver mon équilibre personnel", "limiter la charge mentale le soir"],
    "transmission-expertise": ["transmettre mon expertise métier", "former les nouveaux arrivants"],
}
OFFERS = {
    "posture-manageriale": ["partager mon passage de collègue à manager", "travailler la posture et l'autorité"],
    "prise-de-poste": ["construire un plan d'action pour les premiers mois", "réussir une prise de poste"],
    "animation-equipe": ["faire vivre les rituels d'équipe", "animer des réunions qui mobilisent"],
    "conduite-changement": ["raconter plusieurs réorganisations accompagnées", "donner du sens au changement"],
    "gestion-conflits": ["préparer les entretiens délicats", "désamorcer les tensions dans une équipe"],
    "communication": ["travailler la prise de parole", "porter des messages difficiles avec assurance"],
    "organisation-priorites": ["hiérarchiser les priorités de la semaine", "protéger du temps pour l'essentiel"],
    "competences-numeriques": ["faire découvrir les outils collaboratifs", "organiser le travail à distance"],
    "parcours-interbranche": ["témoigner d'un parcours dans plusieurs branches", "préparer une mobilité"],
    "codes-implicites": ["expliquer les circuits de décision", "décoder la culture de l'institution"],
    "reseau-professionnel": ["ouvrir mon réseau dans l'institution", "présenter des pairs d'autres organismes"],
    "developpement-carriere": ["bâtir un projet professionnel", "réussir les concours internes"],
    "relation-usagers": ["gérer les situations tendues avec le public", "améliorer l'accueil des assurés"],
    "pilotage-activite": ["lire les tableaux de bord sans perdre l'humain", "choisir les bons indicateurs"],
    "equilibre-vie": ["protéger son temps personnel", "alléger la charge mentale"],
    "transmission-expertise": ["transmettre une expertise métier", "former et accompagner les arrivants"],
}
INTROS = [
    "J'encadre une équipe de {team} personnes depuis {months} mois.",
    "Je viens de prendre la responsabilité d'un service de {team} agents.",
    "Manager depuis {months} mois, je découvre un métier exigeant.",
    "Je travaille dans l'institution depuis {years} ans et je souhaite évoluer.",
]
BIOS = [
    "Manager depuis {years} ans, j'ai dirigé des équipes de production et d'accueil.",
    "J'ai occupé plusieurs postes d'encadrement en caisse locale puis au niveau régional.",
    "Responsable de département, j'accompagne volontiers les jeunes managers.",
    "Après un parcours d'expert, j'encadre aujourd'hui une équipe de {team} personnes.",
]


def generate(n_mentees, n_mentors, seed, track):
    rng = np.random.default_rng(seed)
    theme_codes = list(THEMES)
    theme_p = np.array(THEME_WEIGHTS[track], float)
    theme_p /= theme_p.sum()
    slot_p = np.array(SLOT_WEIGHTS, float)
    slot_p /= slot_p.sum()

    n_orgs = 300
    org_branch = rng.choice(list(BRANCHES), size=n_orgs, p=BRANCH_WEIGHTS)
    org_p = 1.0 / np.arange(1, n_orgs + 1) ** 0.9  # a few large organisations, many small ones
    org_p /= org_p.sum()

    # Line managers: per organisation a director, heads of department under them, team leaders under those.
    manager_of = {}
    team_leaders = {}
    heads = {}
    for org in range(n_orgs):
        director = f"direction@org{org}.fr"
        size = max(3, int(org_p[org] * (n_mentees + n_mentors) * 2))
        heads[org] = [f"chef{h}@org{org}.fr" for h in range(max(1, size // 12))]
        for head in heads[org]:
            manager_of[head] = director
        team_leaders[org] = [f"equipe{t}@org{org}.fr" for t in range(max(1, size // 4))]
        for leader in team_leaders[org]:
            manager_of[leader] = heads[org][int(rng.integers(len(heads[org])))]

    def person(index, kind, popular=False):
        org = int(rng.choice(n_orgs, p=org_p))
        email = f"{kind}{index}@org{org}.fr"
        line_manager = team_leaders[org][int(rng.integers(len(team_leaders[org])))]
        if kind == "mentor" and rng.random() < 0.3:
            # Many mentors are themselves line managers in their organisation.
            pool = team_leaders[org] if rng.random() < 0.7 else heads[org]
            email = pool[int(rng.integers(len(pool)))]
            line_manager = manager_of.get(email, "")
        elif kind == "mentee" and rng.random() < 0.03:
            email = heads[org][int(rng.integers(len(heads[org])))]  # rare: a mentee above some mentors
            line_manager = manager_of.get(email, "")
        else:
            manager_of[email] = line_manager
        if kind == "mentee":
            count = int(rng.integers(1, 4))
            themes = rng.choice(len(theme_codes), size=count, replace=False, p=theme_p)
            slot_count = int(rng.integers(2, 7))
            years = int(rng.integers(1, 16))
        elif popular:
            themes = rng.choice(len(theme_codes), size=int(rng.integers(7, 10)), replace=False, p=theme_p)
            slot_count = 10
            years = int(rng.integers(20, 31))
        else:
            themes = rng.choice(len(theme_codes), size=int(rng.integers(2, 6)), replace=False)
            slot_count = int(rng.integers(2, 7))
            years = int(rng.integers(6, 30))
        slots = rng.choice(len(SLOTS), size=slot_count, replace=False, p=slot_p)
        chosen = [theme_codes[t] for t in sorted(themes)]
        phrases = GOALS if kind == "mentee" else OFFERS
        fill = {"team": int(rng.integers(4, 25)), "months": int(rng.integers(2, 18)), "years": years}
        intro = (INTROS if kind == "mentee" else BIOS)[int(rng.integers(4))].format(**fill)
        parts = [phrases[code][int(rng.integers(2))] for code in chosen]
        if popular:
            parts += [phrases[code][1 - int(rng.integers(2))] for code in chosen]
        text = intro + " " + ". ".join(part[0].upper() + part[1:] for part in parts) + "."
        return Person(
            id=index if kind == "mentee" else 10_000_000 + index,
            email=email,
            line_manager_email=line_manager if line_manager != email else "",
            organisation_id=org,
            branch_id=int(org_branch[org]),
            themes=frozenset(chosen),
            text=text,
            availability=frozenset(SLOTS[s] for s in slots),
            years_experience=years,
            capacity=(1 if rng.random() < 0.8 else 2) if kind == "mentor" else 0,
            prefers_other_branch=bool(kind == "mentee" and rng.random() < 0.3),
        )

    mentors, seen = [], set()
    for index in range(n_mentors):
        mentor = person(index, "mentor", popular=rng.random() < 0.05)
        if mentor.email in seen:  # one application per person and track
            mentor = dataclasses.replace(mentor, email=f"mentor{index}@org{mentor.organisation_id}.fr")
            manager_of[mentor.email] = mentor.line_manager_email
        seen.add(mentor.email)
        mentors.append(mentor)
    mentees = []
    for index in range(n_mentees):
        mentee = person(index, "mentee")
        if mentee.email in seen:
            mentee = dataclasses.replace(mentee, email=f"mentee{index}@org{mentee.organisation_id}.fr")
            manager_of[mentee.email] = mentee.line_manager_email
        seen.add(mentee.email)
        mentees.append(mentee)

    # Engineer's exclusions and former mentors: 2 % of mentees, often aimed at popular mentors.
    popular_ids = [mentor.id for mentor in mentors if len(mentor.themes) >= 7] or [mentors[0].id]
    forbidden = set()
    for mentee in mentees:
        if rng.random() < 0.02:
            for _ in range(int(rng.integers(1, 4))):
                pool = popular_ids if rng.random() < 0.5 else [mentors[int(rng.integers(n_mentors))].id]
                forbidden.add((mentee.id, pool[int(rng.integers(len(pool)))]))
    return mentees, mentors, manager_of, frozenset(forbidden)


def violations(result, mentees, mentors, settings, manager_of, forbidden):
    """Hard-rule defects, re-checked pair by pair without the engine's code."""
    mentee_by_id = {p.id: p for p in mentees}
    mentor_by_id = {p.id: p for p in mentors}

    def managers(email, person):
        found = set()
        if person is not None and person.line_manager_email:
            found.add(person.line_manager_email)
        if manager_of.get(email):
            found.add(manager_of[email])
        return found

    people = {p.email: p for p in mentees + mentors}

    def above(email):
        first = managers(email, people.get(email))
        second = set()
        for manager in first:
            second |= managers(manager, people.get(manager))
        return (first | second) - {email}

    defects = 0
    for mentee_id, menu in result.proposals.items():
        mentee = mentee_by_id[mentee_id]
        seen = set()
        for proposal in menu:
            mentor = mentor_by_id[proposal.mentor_id]
            broken = (
                mentor.capacity <= 0
                or mentor.email == mentee.email
                or mentor.email in above(mentee.email)
                or mentee.email in above(mentor.email)
                or (settings.require_other_organisation and mentor.organisation_id == mentee.organisation_id)
                or (mentee.id, mentor.id) in forbidden
                or mentor.id in seen
            )
            defects += broken
            seen.add(mentor.id)
        defects += sum(proposal.assigned for proposal in menu) > 1
    assigned = {}
    for menu in result.proposals.values():
        for proposal in menu:
            if proposal.assigned:
                assigned[proposal.mentor_id] = assigned.get(proposal.mentor_id, 0) + 1
    defects += sum(count > mentor_by_id[mentor_id].capacity for mentor_id, count in assigned.items())
    return defects


def greedy_total(mentees, mentors, settings, manager_of, forbidden):
    """Sum over mentees of their k best allowed scores, capacity ignored."""
    features = Features(mentees, mentors, settings)
    eligibility = Eligibility(mentees, mentors, settings, forbidden=forbidden, manager_of=manager_of)
    k = settings.proposals_per_mentee
    total = 0.0
    chunk = max(1, (1 << 21) // len(mentors))
    for start in range(0, len(mentees), chunk):
        rows = np.arange(start, min(start + chunk, len(mentees)))
        block = features.block(rows)
        eligibility.mask_block(block, rows)
        top = -np.partition(-block, k - 1, axis=1)[:, :k] if k < block.shape[1] else block
        total += float(np.where(top >= 0, top, 0).sum())
    return total


def first_round_success(result, mentors, seed):
    """Share of mentees matched by deferred acceptance within menus (mentees' ranking noisy)."""
    rng = np.random.default_rng(seed + 1)
    capacity = {mentor.id: mentor.capacity for mentor in mentors}
    preferences = {}
    for mentee_id, menu in sorted(result.proposals.items()):
        noisy = [proposal.score + rng.normal(0.0, 0.05) for proposal in menu]
        order = sorted(range(len(menu)), key=lambda position: -noisy[position])
        preferences[mentee_id] = [(menu[position].mentor_id, menu[position].score) for position in order]
    next_choice = dict.fromkeys(preferences, 0)
    held = {}  # mentor id -> [(score, mentee id)]
    free = sorted(preferences)
    while free:
        mentee_id = free.pop()
        choices = preferences[mentee_id]
        if next_choice[mentee_id] >= len(choices):
            continue
        mentor_id, score = choices[next_choice[mentee_id]]
        next_choice[mentee_id] += 1
        holding = held.setdefault(mentor_id, [])
        holding.append((score, -mentee_id))
        holding.sort(reverse=True)
        if len(holding) > capacity[mentor_id]:
            _score, rejected = holding.pop()
            free.append(-rejected)
    matched = sum(len(holding) for holding in held.values())
    return matched / len(preferences) if preferences else 1.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=1000)
    parser.add_argument("--mentors", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--track", choices=["P1", "P2"], default="P1")
    parser.add_argument("--proposals", type=int, default=4)
    parser.add_argument("--exposure-factor", type=float, default=1.5)
    args = parser.parse_args(argv)

    mentees, mentors, manager_of, forbidden = generate(args.mentees, args.mentors, args.seed, args.track)
    settings = Settings(
        proposals_per_mentee=args.proposals,
        exposure_factor=args.exposure_factor,
        require_other_organisation=args.track == "P1",
        theme_labels=THEMES,
        branch_labels=BRANCHES,
    )
    started = time.perf_counter()
    result = run_matching(mentees, mentors, settings, forbidden=forbidden, manager_of=manager_of)
    seconds = time.perf_counter() - started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    counts = np.array([len(menu) for menu in result.proposals.values()])
    appearances = {}
    for menu in result.proposals.values():
        for proposal in menu:
            appearances[proposal.mentor_id] = appearances.get(proposal.mentor_id, 0) + 1
    total_capacity = sum(mentor.capacity for mentor in mentors)
    demand = args.proposals * len(mentees) / total_capacity
    caps = {
        mentor.id: max(mentor.capacity, math.ceil(args.exposure_factor * mentor.capacity * demand - 1e-9))
        for mentor in mentors
    }
    capacity = {mentor.id: mentor.capacity for mentor in mentors}
    total_score = sum(proposal.score for menu in result.proposals.values() for proposal in menu)
    greedy = greedy_total(mentees, mentors, settings, manager_of, forbidden)
    print(
        json.dumps(
            {
                "mentees": len(mentees),
                "mentors": len(mentors),
                "track": args.track,
                "seed": args.seed,
                "proposals_per_mentee": args.proposals,
                "total_capacity": total_capacity,
                "seconds": round(seconds, 3),
                "peak_rss_mb": round(peak_rss_mb, 1),
                "proposals_min": int(counts.min()),
                "proposals_mean": round(float(counts.mean()), 3),
                "proposals_max": int(counts.max()),
                "shortfalls": len(result.shortfalls),
                "hard_rule_violations": violations(result, mentees, mentors, settings, manager_of, forbidden),
                "assignment_size": result.metrics["assignment_size"],
                "max_exposure_over_capacity": round(max(a / capacity[j] for j, a in appearances.items()), 3),
                "max_exposure_over_cap": round(max(a / caps[j] for j, a in appearances.items()), 3),
                "share_of_mentors_proposed": round(len(appearances) / len(mentors), 4),
                "score_ratio": round(total_score / greedy, 4) if greedy else 1.0,
                "first_round_success": round(first_round_success(result, mentors, args.seed), 4),
            }
        )
    )


if __name__ == "__main__":
    main()
