#!/usr/bin/env python3
"""Write a realistic CSV of N applications in the import format, to try the import by hand.

    python scripts/make_sample_applications_csv.py 200 -o /tmp/sample.csv
    python manage.py import_applications --programme 2026-2027 /tmp/sample.csv --dry-run

The codes below are those of `python manage.py seed_reference`; the file imports without error
into a database seeded with it. Within a month (manager_since is counted back from the current
month) the same seed gives the same file, so that re-importing a regenerated file changes nothing.
Standard library only: the script runs outside the project.
"""

import argparse
import csv
import datetime
import random
import sys
import unicodedata

COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "role",
    "track",
    "organisation_code",
    "job_title",
    "is_manager",
    "manager_since",
    "years_experience",
    "line_manager_email",
    "themes",
    "availability",
    "capacity",
    "objectives",
]

# (code, mail domain), from mentorat/core/reference_data.py.
ORGANISATIONS = [
    ("CPAM-75", "assurance-maladie.fr"),
    ("CPAM-93", "assurance-maladie.fr"),
    ("CPAM-33", "assurance-maladie.fr"),
    ("CPAM-69", "assurance-maladie.fr"),
    ("CPAM-13", "assurance-maladie.fr"),
    ("CPAM-31", "assurance-maladie.fr"),
    ("CPAM-44", "assurance-maladie.fr"),
    ("CPAM-67", "assurance-maladie.fr"),
    ("CPAM-2A", "assurance-maladie.fr"),
    ("CNAM", "assurance-maladie.fr"),
    ("CAF-75", "caf.fr"),
    ("CAF-59", "caf.fr"),
    ("CAF-33", "caf.fr"),
    ("CAF-69", "caf.fr"),
    ("CAF-13", "caf.fr"),
    ("CAF-29", "caf.fr"),
    ("CNAF", "caf.fr"),
    ("CNAV", "cnav.fr"),
    ("CARSAT-AQUITAINE", "carsat-aquitaine.fr"),
    ("CARSAT-HDF", "carsat-hdf.fr"),
    ("CARSAT-RHONE-ALPES", "carsat-ra.fr"),
    ("CARSAT-BRETAGNE", "carsat-bretagne.fr"),
    ("URSSAF-IDF", "urssaf.fr"),
    ("URSSAF-AQUITAINE", "urssaf.fr"),
    ("URSSAF-PACA", "urssaf.fr"),
    ("URSSAF-BRETAGNE", "urssaf.fr"),
    ("URSSAF-CN", "urssaf.fr"),
]

THEMES = [
    "posture-manageriale",
    "prise-de-poste",
    "animation-equipe",
    "conduite-changement",
    "gestion-conflits",
    "communication",
    "organisation-priorites",
    "competences-numeriques",
    "parcours-interbranche",
    "codes-implicites",
    "reseau-professionnel",
    "developpement-carriere",
    "relation-usagers",
    "pilotage-activite",
    "equilibre-vie",
    "transmission-expertise",
]
P1_THEMES = ["posture-manageriale", "prise-de-poste", "animation-equipe", "gestion-conflits", "conduite-changement"]

SLOTS = [f"{day}-{half}" for day in ("lun", "mar", "mer", "jeu", "ven") for half in ("matin", "aprem")]

FIRST_NAMES = [
    "Nadia",
    "Thomas",
    "Sophie",
    "Karim",
    "Isabelle",
    "Julien",
    "Léa",
    "Mathieu",
    "Camille",
    "Nicolas",
    "Aurélie",
    "Sébastien",
    "Fatima",
    "Pierre",
    "Émilie",
    "Olivier",
    "Chloé",
    "Mehdi",
    "Hélène",
    "Antoine",
    "Sandrine",
    "Yannick",
    "Inès",
    "François",
    "Manon",
    "Cédric",
    "Aïcha",
    "Jérôme",
    "Élodie",
    "Bruno",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Benali",
    "Nguyen",
    "Le Gall",
    "Diallo",
    "Da Silva",
    "Perrin",
    "Chevalier",
    "Gauthier",
    "Faure",
    "Rousseau",
    "Blanc",
]
MENTEE_JOBS = [
    "Responsable d'unité",
    "Manager de proximité",
    "Responsable de service prestations",
    "Cheffe de projet",
    "Conseiller offre de service",
    "Gestionnaire conseil",
    "Responsable d'équipe accueil",
    "Chargée d'études statistiques",
    "Auditeur interne",
    "Inspecteur du recouvrement",
]
MENTOR_JOBS = [
    "Directrice adjointe",
    "Responsable de département",
    "Sous-directeur des prestations",
    "Directeur des ressources humaines",
    "Responsable du pilotage",
    "Agent comptable adjoint",
    "Responsable de la relation client",
    "Directrice de la production",
]
MENTEE_OBJECTIVES = [
    "Trouver ma posture de manager face à d'anciens collègues ; apprendre à déléguer.",
    "Prendre du recul sur mes premières décisions, « oser » dire non et fixer des priorités.",
    "Mieux comprendre les codes de l'institution et construire mon réseau hors de ma caisse.",
    "Préparer une mobilité vers une autre branche : quels métiers, quelles compétences ?",
    'Gagner en aisance à l\'oral, notamment en comité de direction, et "tenir" un message difficile.',
    "Accompagner mon équipe dans un changement d'organisation sans m'épuiser.",
]
MENTOR_OBJECTIVES = [
    "Vingt ans de management dans la branche, des réussites et des erreurs dont on peut parler librement.",
    "Une expérience de plusieurs branches ; je peux aider à décoder l'institution et ses réseaux.",
    "J'ai vécu deux réorganisations : conduite du changement, dialogue social, gestion des tensions.",
    "Écoute, questions, partage d'expérience ; je ne donne pas de solution toute faite.",
]


def ascii_slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def month_before(today, months):
    index = today.year * 12 + (today.month - 1) - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def sample_rows(count, *, seed=2026, today=None):
    """`count` rows (dicts) that pass the import's checks: one person per line, except that some
    mentors of P1 also apply as mentee in P2, as the rules allow (never both roles in one track)."""
    rng = random.Random(seed)
    today = today or datetime.date.today()
    rows, used_emails = [], set()
    while len(rows) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        organisation, domain = rng.choice(ORGANISATIONS)
        local = f"{ascii_slug(first)}.{ascii_slug(last)}"
        email, n = f"{local}@{domain}", 1
        while email in used_emails:
            n += 1
            email = f"{local}{n}@{domain}"
        used_emails.add(email)
        # About one mentor for two mentees, as the programme plans its pairs.
        role = "mentor" if rng.random() < 0.35 else "mentee"
        track = "P1" if rng.random() < 0.5 else "P2"
        row = {
            "email": email,
            "first_name": first,
            "last_name": last,
            "role": role,
            "track": track,
            "organisation_code": organisation,
            "line_manager_email": f"direction.{organisation.lower()}@{domain}" if rng.random() < 0.7 else "",
            "availability": "|".join(sorted(rng.sample(SLOTS, rng.randint(1, 4)), key=SLOTS.index)),
        }
        if role == "mentor":
            manager_years = rng.randint(5, 25)
            row.update(
                job_title=rng.choice(MENTOR_JOBS),
                is_manager="oui",
                manager_since=month_before(today, manager_years * 12 + rng.randint(0, 11)),
                years_experience=str(min(50, manager_years + rng.randint(3, 15))),
                themes="|".join(rng.sample(THEMES, rng.randint(2, 5))),
                capacity=rng.choice(["1", "2"]),
                objectives=rng.choice(MENTOR_OBJECTIVES),
            )
        elif track == "P1":
            # P1 mentees took their first managerial position less than two years ago.
            row.update(
                job_title=rng.choice(MENTEE_JOBS[:4]),
                is_manager=rng.choice(["oui", "Oui", "yes", "1"]),
                manager_since=month_before(today, rng.randint(1, 23)),
                years_experience=str(rng.randint(3, 20)),
                themes="|".join(rng.sample(P1_THEMES, rng.randint(1, 3))),
                capacity="",
                objectives=rng.choice(MENTEE_OBJECTIVES),
            )
        else:
            row.update(
                job_title=rng.choice(MENTEE_JOBS[4:]),
                is_manager=rng.choice(["non", "non", "Non", "0"]),
                manager_since="",
                years_experience=str(rng.randint(1, 30)),
                themes="|".join(rng.sample(THEMES, rng.randint(1, 4))),
                capacity="",
                objectives=rng.choice(MENTEE_OBJECTIVES),
            )
        rows.append(row)
        if role == "mentor" and track == "P1" and rng.random() < 0.1 and len(rows) < count:
            rows.append(
                {
                    **row,
                    "role": "mentee",
                    "track": "P2",
                    "capacity": "",
                    "themes": "reseau-professionnel|developpement-carriere",
                    "objectives": "Préparer la suite de mon parcours, vers une direction dans une autre branche.",
                }
            )
    return rows


def write_csv(rows, stream, *, delimiter=","):
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=200, help="number of lines (default 200)")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument(
        "--excel", action="store_true", help="as French Excel saves it: `;` separator and a byte-order mark"
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    rows = sample_rows(args.count, seed=args.seed)
    delimiter = ";" if args.excel else ","
    if args.output:
        with open(args.output, "w", encoding="utf-8-sig" if args.excel else "utf-8", newline="") as stream:
            write_csv(rows, stream, delimiter=delimiter)
        print(f"{len(rows)} lines written to {args.output}", file=sys.stderr)
    else:
        if args.excel:
            sys.stdout.write("\ufeff")
        write_csv(rows, sys.stdout, delimiter=delimiter)


if __name__ == "__main__":
    main()
