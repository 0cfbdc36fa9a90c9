"""Demo data of the call for applications: the demo people and their applications to 2026-2027.

The plan is computed from fixed lists and `random.Random(2026)` only, never from the database, so
it is the same on every run. `demo_data_load()` then finds each row by a stable key (email;
programme + person + role) and writes only what differs from the plan: a second run changes nothing.
Later issues add their own demo data (pairs, sessions, surveys) on top of these applications.
"""

import datetime
import random
import unicodedata
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from mentorat.accounts.models import User
from mentorat.core import reference_data
from mentorat.core.models import Organisation, Programme, Theme
from mentorat.core.services import CREATED, UNCHANGED, UPDATED, upsert

from .enums import AVAILABILITY_SLOTS, ApplicationRole, ApplicationStatus
from .models import Application

PARIS = ZoneInfo("Europe/Paris")
SEED = 2026
DEMO_DOMAIN = "demo.mentorat.fr"
DEMO_PASSWORD = "Mentorat-demo-2026!"
PROGRAMME_SLUG = reference_data.PROGRAMME["slug"]
# Career dates are counted back from the opening of the call so that they hold on any submission day,
# the day eligibility is judged on (candidatures.eligibility).
REFERENCE_MONTH = datetime.date(2026, 7, 1)
CALL_OPENS = reference_data.PROGRAMME["call_opens_at"]
LAST_SUBMISSION = datetime.datetime(2026, 9, 12, 18, 0, tzinfo=PARIS)
LAST_DECISION = datetime.datetime(2026, 9, 25, 17, 0, tzinfo=PARIS)
ACKNOWLEDGEMENTS = [
    "ack_duration",
    "ack_rhythm",
    "ack_working_time",
    "ack_volunteering",
    "ack_confidentiality",
    "ack_change_mentor",
]

MENTEE, MENTOR = ApplicationRole.MENTEE, ApplicationRole.MENTOR
S = ApplicationStatus
# How many generated applications per (role, track) in each status; most are validated.
STATUS_PLAN = {
    (MENTEE, "P1"): {S.VALIDATED: 29, S.SUBMITTED: 3, S.DRAFT: 2, S.DECLINED: 2, S.WITHDRAWN: 2},
    (MENTEE, "P2"): {S.VALIDATED: 29, S.SUBMITTED: 3, S.DRAFT: 2, S.DECLINED: 2, S.WITHDRAWN: 2},
    (MENTOR, "P1"): {S.VALIDATED: 26, S.SUBMITTED: 2, S.DRAFT: 1, S.DECLINED: 2, S.WITHDRAWN: 1},
    (MENTOR, "P2"): {S.VALIDATED: 26, S.SUBMITTED: 2, S.DRAFT: 1, S.DECLINED: 2, S.WITHDRAWN: 1},
}

FEMALE_FIRST_NAMES = [
    "Amandine", "Anne", "Aurélie", "Camille", "Caroline", "Catherine", "Céline", "Chloé", "Christine", "Claire",
    "Delphine", "Élise", "Émilie", "Fatima", "Florence", "Hélène", "Inès", "Isabelle", "Julie", "Karine",
    "Laetitia", "Laure", "Léa", "Louise", "Lucie", "Manon", "Marie", "Mathilde", "Nadia", "Nathalie",
    "Pauline", "Sandrine", "Sarah", "Sophie", "Stéphanie", "Valérie", "Virginie", "Yasmina",
]  # fmt: skip
MALE_FIRST_NAMES = [
    "Alexandre", "Antoine", "Arnaud", "Baptiste", "Benoît", "Bruno", "Christophe", "Cyril", "David", "Éric",
    "Fabrice", "François", "Frédéric", "Guillaume", "Hugo", "Jérôme", "Julien", "Karim", "Laurent", "Louis",
    "Lucas", "Mathieu", "Mehdi", "Nicolas", "Olivier", "Pascal", "Patrick", "Philippe", "Pierre", "Romain",
    "Samuel", "Sébastien", "Stéphane", "Thomas", "Vincent", "Yannick",
]  # fmt: skip
LAST_NAMES = [
    "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
    "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
    "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
    "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin",
    "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez",
    "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche",
    "Meyer", "Lucas", "Brun", "Barbier", "Marchand", "Benali", "Hamidi", "Colin", "Vidal", "Caron",
    "Picard", "Renaud", "Aubert", "Leclerc", "Philippe", "Bouvier", "Jean-Baptiste", "Hoarau", "Payet", "Le Goff",
]  # fmt: skip

# Job titles as (masculine, feminine).
NEW_MANAGER_JOBS = [
    ("Responsable d'unité", "Responsable d'unité"),
    ("Manager de proximité", "Manager de proximité"),
    ("Responsable de service", "Responsable de service"),
    ("Responsable d'équipe accueil", "Responsable d'équipe accueil"),
    ("Responsable de secteur", "Responsable de secteur"),
    ("Responsable adjoint de département", "Responsable adjointe de département"),
]
CONFIRMED_MANAGER_JOBS = [
    ("Responsable de département", "Responsable de département"),
    ("Sous-directeur", "Sous-directrice"),
    ("Directeur adjoint", "Directrice adjointe"),
    ("Responsable de service", "Responsable de service"),
    ("Responsable du pôle relation client", "Responsable du pôle relation client"),
    ("Manager opérationnel", "Manager opérationnelle"),
]
EXPERT_JOBS = [
    ("Expert métier", "Experte métier"),
    ("Référent technique", "Référente technique"),
    ("Auditeur interne", "Auditrice interne"),
    ("Formateur interne", "Formatrice interne"),
    ("Chef de projet informatique", "Cheffe de projet informatique"),
    ("Responsable de la maîtrise des risques", "Responsable de la maîtrise des risques"),
]
AGENT_JOBS = {
    "maladie": [
        ("Technicien prestations", "Technicienne prestations"),
        ("Conseiller service à l'usager", "Conseillère service à l'usager"),
        ("Délégué de l'Assurance Maladie", "Déléguée de l'Assurance Maladie"),
    ],
    "famille": [
        ("Technicien conseil", "Technicienne conseil"),
        ("Conseiller en accueil", "Conseillère en accueil"),
        ("Travailleur social", "Travailleuse sociale"),
    ],
    "retraite": [
        ("Conseiller retraite", "Conseillère retraite"),
        ("Technicien retraite", "Technicienne retraite"),
        ("Assistant de service social", "Assistante de service social"),
    ],
    "recouvrement": [
        ("Gestionnaire de comptes cotisants", "Gestionnaire de comptes cotisants"),
        ("Inspecteur du recouvrement", "Inspectrice du recouvrement"),
        ("Conseiller entreprises", "Conseillère entreprises"),
    ],
    "autonomie": [
        ("Chargé d'études", "Chargée d'études"),
        ("Gestionnaire budgétaire", "Gestionnaire budgétaire"),
    ],
    "transverse": [
        ("Chargé de mission", "Chargée de mission"),
        ("Gestionnaire RH", "Gestionnaire RH"),
        ("Développeur", "Développeuse"),
    ],
}

P1_THEMES = ["posture-manageriale", "prise-de-poste", "animation-equipe", "conduite-changement", "gestion-conflits",
             "communication", "organisation-priorites", "pilotage-activite", "equilibre-vie", "reseau-professionnel"]  # fmt: skip
P2_THEMES = ["competences-numeriques", "parcours-interbranche", "codes-implicites", "reseau-professionnel",
             "developpement-carriere", "relation-usagers", "transmission-expertise", "communication",
             "organisation-priorites", "equilibre-vie"]  # fmt: skip

# One phrase per theme, composed into the objectives of a mentee...
MENTEE_GOALS = {
    "posture-manageriale": "trouver ma posture de manager, entre proximité et exigence",
    "prise-de-poste": "réussir ma prise de poste en clarifiant ce que l'on attend de moi",
    "animation-equipe": "animer des réunions d'équipe plus vivantes, où chacun a envie de s'impliquer",
    "conduite-changement": "accompagner mon équipe dans les changements d'organisation sans la perdre en route",
    "gestion-conflits": "aborder plus sereinement les tensions dans l'équipe",
    "communication": "gagner en aisance à l'oral, notamment face à la direction",
    "organisation-priorites": "mieux organiser mon temps en sachant dire non à ce qui n'est pas prioritaire",
    "competences-numeriques": "progresser dans l'usage des outils numériques, notamment pour travailler à distance",
    "parcours-interbranche": "découvrir le fonctionnement des autres branches pour préparer une mobilité",
    "codes-implicites": "comprendre les codes implicites qui régissent l'institution",
    "reseau-professionnel": "me construire un réseau au-delà de mon organisme",
    "developpement-carriere": "y voir plus clair sur mes perspectives d'évolution",
    "relation-usagers": "prendre du recul sur les situations difficiles avec le public",
    "pilotage-activite": "m'approprier les indicateurs pour piloter l'activité sans m'y noyer",
    "equilibre-vie": "préserver un meilleur équilibre entre vie professionnelle et vie personnelle",
    "transmission-expertise": "apprendre à transmettre à mon tour ce que je sais faire",
}
# ...and into what a mentor can bring.
MENTOR_OFFERS = {
    "posture-manageriale": "partager ce que j'ai appris en passant de collègue à manager",
    "prise-de-poste": "aider à construire un plan d'action pour les premiers mois",
    "animation-equipe": "transmettre des façons simples de faire vivre les rituels d'équipe",
    "conduite-changement": "raconter comment j'ai accompagné plusieurs réorganisations",
    "gestion-conflits": "aider à préparer les entretiens délicats",
    "communication": "travailler la prise de parole, notamment pour porter des messages difficiles",
    "organisation-priorites": "partager mes méthodes pour hiérarchiser les priorités de la semaine",
    "competences-numeriques": "faire découvrir les outils collaboratifs que j'utilise au quotidien",
    "parcours-interbranche": "témoigner d'un parcours dans plusieurs branches",
    "codes-implicites": "expliquer les circuits de décision qu'aucune note ne décrit",
    "reseau-professionnel": "ouvrir mon réseau au sein de l'institution",
    "developpement-carriere": "aider à bâtir un projet professionnel, concours internes compris",
    "relation-usagers": "partager mon expérience des situations tendues avec le public",
    "pilotage-activite": "montrer comment je lis les tableaux de bord sans perdre de vue l'humain",
    "equilibre-vie": "échanger sur la manière de protéger son temps personnel",
    "transmission-expertise": "transmettre une expertise métier construite au fil des années",
}
P1_MENTEE_INTROS = [
    "J'encadre une équipe de {team} personnes depuis {months} mois, après plusieurs années dans l'expertise métier.",
    "Je viens de prendre la responsabilité d'une équipe de {team} agents, dans un service où j'étais auparavant collègue.",
    "Manager depuis {months} mois, je découvre un métier passionnant mais exigeant.",
]
P2_MENTEE_INTROS = [
    "Je travaille à la Sécurité sociale depuis {years} et je souhaite élargir mes horizons.",
    "Après {years} sur des missions proches, j'ai envie d'apprendre auprès d'un collègue qui a connu d'autres métiers.",
    "Je travaille dans l'institution depuis {years} et je mesure tout ce qui ne s'apprend pas en formation.",
]
MENTEE_CLOSINGS = [
    "J'attends d'un mentor un regard extérieur, de l'écoute et des questions qui m'aident à avancer par moi-même.",
    "Je m'engage à préparer nos séances et à tenir le rythme d'une heure par mois.",
    "Un échange régulier avec une personne d'un autre horizon m'aiderait à prendre du recul.",
]
MENTOR_CAREERS = [
    "J'ai connu l'accueil puis la production, dans deux organismes différents.",
    "J'ai travaillé dans deux branches avant de rejoindre mon organisme actuel.",
    "J'ai participé à plusieurs projets nationaux, ce qui m'a donné une vision large de l'institution.",
    "J'ai accueilli et formé de nombreux nouveaux embauchés au fil des années.",
]
MENTOR_APPROACHES = [
    "J'aime écouter avant de conseiller, et je crois à la force du partage d'expérience entre pairs.",
    "Comme mentor, je pose des questions et je partage mes erreurs autant que mes réussites.",
    "Je privilégie des échanges francs, bienveillants et strictement confidentiels.",
]
DECLINE_REASONS = {
    (MENTEE, "P1"): "Vous exercez des fonctions managériales depuis plus de 24 mois : le parcours P1 s'adresse aux primo-managers. "
                    "Le parcours P2 pourra vous être proposé lors de la prochaine édition.",
    (MENTEE, "P2"): "Votre projet relève davantage d'une formation que d'un mentorat : votre référent RH vous recontactera "
                    "pour construire un plan de formation adapté.",
    (MENTOR, "P1"): "Le parcours P1 demande au moins cinq ans d'expérience managériale. Merci de votre engagement : "
                    "votre candidature pourra être reconsidérée lors de la prochaine édition.",
    (MENTOR, "P2"): "Le parcours P2 demande au moins huit ans d'expérience professionnelle. Merci de votre engagement : "
                    "votre candidature pourra être reconsidérée lors de la prochaine édition.",
}  # fmt: skip


@dataclass(frozen=True)
class PersonSpec:
    email: str
    first_name: str
    last_name: str
    organisation: str
    job_title: str
    is_programme_engineer: bool = False
    is_staff: bool = False
    hr_of: tuple = ()
    civility: str = ""  # "mme", "m" or "" (not given: the platform's wording stays neutral)


@dataclass(frozen=True)
class ApplicationSpec:
    email: str
    role: str
    track: str
    status: str
    organisation: str
    job_title: str
    is_manager: bool
    manager_since: datetime.date | None
    years_experience: int
    themes: tuple
    objectives: str
    availability: tuple
    created_at: datetime.datetime
    presentation: str = ""
    capacity: int | None = None
    line_manager_email: str = ""
    prefers_other_branch: bool = False
    submitted_at: datetime.datetime | None = None
    decided_at: datetime.datetime | None = None
    decided_by: str = ""
    decision_reason: str = ""
    withdrawn_at: datetime.datetime | None = None

    @property
    def last_change(self):
        return max(d for d in (self.created_at, self.submitted_at, self.decided_at, self.withdrawn_at) if d)


@dataclass
class DemoPlan:
    people: list = field(default_factory=list)
    applications: list = field(default_factory=list)


def demo_email(local_part):
    return f"{local_part}@{DEMO_DOMAIN}"


ENGINEER = PersonSpec(
    demo_email("ingenieure"), "Camille", "Roussel", "UCANSS", "Ingénieure en mentorat", is_programme_engineer=True
)
ADMIN = PersonSpec(demo_email("admin"), "Olivier", "Baron", "UCANSS", "Administrateur de la plateforme", is_staff=True)


def _hr(local_part, first_name, last_name, job_title, *organisations):
    """An HR referent working in the first of the organisations they cover."""
    return PersonSpec(demo_email(local_part), first_name, last_name, organisations[0], job_title, hr_of=organisations)


HR_REFERENTS = [
    _hr("rh", "Nathalie", "Garnier", "Responsable des ressources humaines", "CPAM-33", "CAF-33"),
    _hr("rh.cpam33", "Sébastien", "Morel", "Chargé de développement RH", "CPAM-33"),
    _hr("rh.caf59", "Isabelle", "Lefebvre", "Responsable du développement des compétences", "CAF-59"),
    _hr("rh.urssaf-idf", "Karim", "Benali", "Chargé de mission RH", "URSSAF-IDF"),
    _hr("rh.carsat-aquitaine", "Sophie", "Dufour", "Responsable formation", "CARSAT-AQUITAINE"),
    _hr("rh.lyon", "Marc", "Girard", "Responsable des ressources humaines", "CPAM-69", "CAF-69"),
    _hr("rh.cpam75", "Aurélie", "Fontaine", "Chargée de mission qualité de vie au travail", "CPAM-75"),
    _hr("rh.cgss972", "Joël", "Jean-Baptiste", "Responsable des ressources humaines", "CGSS-972"),
    _hr("rh.cnav", "Hélène", "Marchal", "Chargée de développement RH", "CNAV"),
]
DEMO_MENTEE = PersonSpec(demo_email("mentoree"), "Léa", "Moreau", "CPAM-33", "Responsable d'unité", civility="mme")
DEMO_MENTOR = PersonSpec(
    demo_email("mentor"), "Thierry", "Lemaire", "CAF-59", "Responsable de département", civility="m"
)
# One login per role, printed by seed_demo and shown in the README.
DEMO_LOGINS = [
    ("Ingénieure en mentorat", ENGINEER.email),
    ("Référente RH (CPAM et CAF de la Gironde)", HR_REFERENTS[0].email),
    ("Mentor (parcours P1, CAF du Nord)", DEMO_MENTOR.email),
    ("Mentorée (parcours P1, CPAM de la Gironde)", DEMO_MENTEE.email),
    ("Administrateur (/admin/)", ADMIN.email),
]


def _paris(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def _months_before(date, months):
    index = date.year * 12 + date.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _years_text(years):
    if years == 0:
        return "moins d'un an"
    return "un an" if years == 1 else f"{years} ans"


def _join(phrases):
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " et " + phrases[-1]


def _slug(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(ascii_text.lower().replace("'", " ").split())


def _decider(organisation_code):
    """The HR referent of the organisation decides when there is one, the programme engineer otherwise."""
    return next((hr.email for hr in HR_REFERENTS if organisation_code in hr.hr_of), ENGINEER.email)


def _at_work(rng, day, *, after=None):
    """A moment of office hours on `day` (moved to Monday when it falls on a weekend), later than `after`."""
    day += datetime.timedelta(days=7 - day.weekday() if day.weekday() >= 5 else 0)
    moment = datetime.datetime(
        day.year, day.month, day.day, rng.randint(8, 17), rng.choice([0, 15, 30, 45]), tzinfo=PARIS
    )
    if after and moment <= after:
        moment = after + datetime.timedelta(minutes=rng.randint(20, 90))
    return moment


def _calendar(rng, status, organisation_code):
    """Dates of an application in the July-September 2026 call, consistent with its status."""
    created = _at_work(rng, CALL_OPENS.date() + datetime.timedelta(days=rng.randint(0, 66)))
    dates = {"created_at": created}
    if status == S.DRAFT:
        return dates
    submitted = _at_work(rng, created.date() + datetime.timedelta(days=rng.randint(0, 3)), after=created)
    dates["submitted_at"] = min(submitted, LAST_SUBMISSION)
    if status == S.WITHDRAWN:
        dates["withdrawn_at"] = _at_work(
            rng, submitted.date() + datetime.timedelta(days=rng.randint(3, 15)), after=submitted
        )
    elif status in (S.VALIDATED, S.DECLINED):
        decided = _at_work(rng, submitted.date() + datetime.timedelta(days=rng.randint(2, 10)), after=submitted)
        dates["decided_at"] = min(decided, LAST_DECISION)
        dates["decided_by"] = _decider(organisation_code)
    return dates


def _career(rng, role, track, status):
    """(is_manager, manager_since, years_experience), eligible for the track unless the application is declined."""
    declined = status == S.DECLINED
    if role == MENTEE and track == "P1":
        months = rng.randint(30, 48) if declined else rng.randint(1, 21)
        return True, _months_before(REFERENCE_MONTH, months), rng.randint(4, 22)
    if role == MENTOR and track == "P1":
        months = rng.randint(24, 50) if declined else rng.randint(60, 240)
        return True, _months_before(REFERENCE_MONTH, months), months // 12 + rng.randint(3, 15)
    if role == MENTOR:
        years = rng.randint(4, 7) if declined else rng.randint(8, 35)
        if rng.random() < 0.4:
            return True, _months_before(REFERENCE_MONTH, rng.randint(24, years * 12 - 12)), years
        return False, None, years
    years = rng.randint(0, 15)
    if years >= 6 and rng.random() < 0.15:
        return True, _months_before(REFERENCE_MONTH, rng.randint(30, 60)), years
    return False, None, years


def _job(rng, role, track, is_manager, branch, female):
    if role == MENTEE:
        jobs = NEW_MANAGER_JOBS if is_manager else AGENT_JOBS[branch]
    else:
        jobs = CONFIRMED_MANAGER_JOBS if is_manager else EXPERT_JOBS
    return rng.choice(jobs)[female]


def _themes(rng, track, role):
    pool = P1_THEMES if track == "P1" else P2_THEMES
    if role == MENTEE and track == "P1":
        # A first managerial post is what P1 is about: the first theme says so.
        first = rng.choice(["prise-de-poste", "posture-manageriale", "animation-equipe"])
        return (first, *rng.sample([code for code in pool if code != first], rng.randint(1, 3)))
    return tuple(rng.sample(pool, rng.randint(2, 4)))


def _availability(rng):
    codes = [code for code, _label in AVAILABILITY_SLOTS]
    chosen = set(rng.sample(codes, rng.randint(2, 5)))
    return tuple(code for code in codes if code in chosen)


def _mentee_texts(rng, track, themes, manager_since, years):
    if track == "P1":
        months = (REFERENCE_MONTH.year - manager_since.year) * 12 + REFERENCE_MONTH.month - manager_since.month
        intro = rng.choice(P1_MENTEE_INTROS).format(team=rng.randint(6, 18), months=max(months, 1))
    else:
        # "Après moins d'un an sur des missions proches" would not make sense.
        intros = P2_MENTEE_INTROS if years >= 3 else [P2_MENTEE_INTROS[0], P2_MENTEE_INTROS[2]]
        intro = rng.choice(intros).format(years=_years_text(years))
    goals = [MENTEE_GOALS[code] for code in themes]
    text = f"{intro} Au travers de ce mentorat, j'aimerais {_join(goals[:2])}."
    if len(goals) > 2:
        text += f" Je voudrais aussi {_join(goals[2:])}."
    return f"{text} {rng.choice(MENTEE_CLOSINGS)}"


def _mentor_texts(rng, themes, job_title, organisation_name, years, manager_since):
    offers = [MENTOR_OFFERS[code] for code in themes]
    objectives = f"Je peux {_join(offers[:2])}."
    if len(offers) > 2:
        objectives += f" Je peux également {_join(offers[2:])}."
    objectives += f" {rng.choice(MENTOR_APPROACHES)}"
    experience = f"J'ai {years} ans d'expérience dans la Sécurité sociale"
    if manager_since:
        experience += f", dont {REFERENCE_MONTH.year - manager_since.year} comme manager"
    presentation = f"{job_title}, {organisation_name}. {experience}. {rng.choice(MENTOR_CAREERS)}"
    return objectives, presentation


def _civility(email, female):
    """Most people give their civility on their profile, one in five does not (neutral wording). From
    the address rather than the random generator: the rest of the demo stays as it was drawn."""
    if sum(map(ord, email)) % 5 == 0:
        return ""
    return "mme" if female else "m"


def _generated_participants(rng, organisations, used_emails):
    """The generated mentors and mentees, in a shuffled but fixed order."""
    hr_codes = [code for hr in HR_REFERENTS for code in hr.hr_of]
    # Organisations with an HR referent get more applicants so that their tracking pages have content.
    organisation_pool = [code for code, *_rest in reference_data.ORGANISATIONS] + hr_codes * 2
    slots = [
        (role, track, status)
        for (role, track), counts in STATUS_PLAN.items()
        for status, count in counts.items()
        for _i in range(count)
    ]
    rng.shuffle(slots)
    people, applications = [], []
    for role, track, status in slots:
        female = rng.random() < 0.6
        first = rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        email = demo_email(f"{_slug(first)}.{_slug(last)}")
        suffix = 2
        while email in used_emails:
            email, suffix = demo_email(f"{_slug(first)}.{_slug(last)}{suffix}"), suffix + 1
        used_emails.add(email)
        code = rng.choice(organisation_pool)
        name, branch = organisations[code]
        is_manager, manager_since, years = _career(rng, role, track, status)
        job_title = _job(rng, role, track, is_manager, branch, female)
        themes = _themes(rng, track, role)
        common = {
            "email": email, "role": role, "track": track, "status": status, "organisation": code,
            "job_title": job_title, "is_manager": is_manager, "manager_since": manager_since,
            "years_experience": years, "themes": themes, "availability": _availability(rng),
        }  # fmt: skip
        if rng.random() < 0.4:
            # A line manager who takes no part in the programme: the address is kept away from participants.
            manager = demo_email(
                f"{_slug(rng.choice(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES))}.{_slug(rng.choice(LAST_NAMES))}"
            )
            if manager not in used_emails:
                used_emails.add(manager)
                common["line_manager_email"] = manager
        if role == MENTEE:
            common["objectives"] = _mentee_texts(rng, track, themes, manager_since, years)
            common["prefers_other_branch"] = track == "P1" and rng.random() < 0.5
        else:
            common["objectives"], common["presentation"] = _mentor_texts(
                rng, themes, job_title, name, years, manager_since
            )
            common["capacity"] = 1 if rng.random() < 0.8 else 2
        if status == S.DECLINED:
            common["decision_reason"] = DECLINE_REASONS[(role, track)]
        people.append(PersonSpec(email, first, last, code, job_title, civility=_civility(email, female)))
        applications.append(ApplicationSpec(**common, **_calendar(rng, status, code)))
    return people, applications


def _demo_pair_applications():
    """The validated applications behind the mentee and mentor demo logins, written by hand."""
    mentee = ApplicationSpec(
        email=DEMO_MENTEE.email, role=MENTEE, track="P1", status=S.VALIDATED, organisation="CPAM-33",
        job_title=DEMO_MENTEE.job_title, is_manager=True, manager_since=datetime.date(2026, 2, 1), years_experience=9,
        themes=("prise-de-poste", "posture-manageriale", "gestion-conflits"),
        objectives=(
            "J'ai pris en février la responsabilité d'une unité de douze techniciens, dans le service où j'ai travaillé "
            "huit ans comme technicienne. Au travers de ce mentorat, j'aimerais trouver la bonne distance avec mes "
            "anciens collègues, oser trancher quand l'équipe n'est pas d'accord et préparer sereinement les entretiens "
            "annuels. J'attends d'un mentor d'un autre organisme un regard neuf et des questions qui m'aident à avancer."
        ),
        availability=("mar-matin", "jeu-aprem", "ven-matin"), line_manager_email=demo_email("claire.vidal"),
        prefers_other_branch=True, created_at=_paris(2026, 7, 6, 9, 30), submitted_at=_paris(2026, 7, 8, 14, 10),
        decided_at=_paris(2026, 7, 15, 10, 0), decided_by=HR_REFERENTS[0].email,
    )  # fmt: skip
    mentor = ApplicationSpec(
        email=DEMO_MENTOR.email, role=MENTOR, track="P1", status=S.VALIDATED, organisation="CAF-59",
        job_title=DEMO_MENTOR.job_title, is_manager=True, manager_since=datetime.date(2011, 3, 1), years_experience=26,
        themes=("posture-manageriale", "prise-de-poste", "animation-equipe", "gestion-conflits"),
        objectives=(
            "Je peux partager ce que j'ai appris en passant de collègue à manager, aider à construire un plan d'action "
            "pour les premiers mois et préparer avec vous les entretiens délicats. J'aime écouter avant de conseiller."
        ),
        presentation=(
            "Responsable de département à la CAF du Nord, j'ai commencé comme technicien conseil avant d'encadrer "
            "des équipes d'accueil puis de production. Quinze ans de management m'ont appris que l'on progresse "
            "surtout en parlant de ses doutes : c'est ce que je vous propose, en toute confidentialité."
        ),
        availability=("mar-matin", "jeu-matin", "jeu-aprem"), capacity=2,
        created_at=_paris(2026, 7, 3, 11, 0), submitted_at=_paris(2026, 7, 3, 11, 40),
        decided_at=_paris(2026, 7, 10, 16, 15), decided_by=HR_REFERENTS[2].email,
    )  # fmt: skip
    return [mentee, mentor]


def _with_line_managers_among_mentors(applications):
    """Point a few P2 mentees at a validated P2 mentor of their organisation as line manager, so that
    matching has hierarchical links to exclude."""
    mentors = {}
    for spec in applications:
        if spec.role == MENTOR and spec.track == "P2" and spec.status == S.VALIDATED:
            mentors.setdefault(spec.organisation, spec.email)
    result, linked = [], 0
    for spec in applications:
        if linked < 3 and spec.role == MENTEE and spec.track == "P2" and spec.organisation in mentors:
            spec = replace(spec, line_manager_email=mentors[spec.organisation])
            linked += 1
        result.append(spec)
    return result


def demo_plan():
    """Every demo person and application, computed without the database."""
    rng = random.Random(SEED)
    organisations = {code: (name, branch) for code, name, branch, _region in reference_data.ORGANISATIONS}
    fixed = [ENGINEER, ADMIN, *HR_REFERENTS, DEMO_MENTEE, DEMO_MENTOR]
    reserved = {person.email for person in fixed} | {demo_email("claire.vidal")}
    people, applications = _generated_participants(rng, organisations, used_emails=reserved)
    return DemoPlan(
        people=fixed + people,
        applications=_with_line_managers_among_mentors(_demo_pair_applications() + applications),
    )


@dataclass
class DemoResult:
    people: dict = field(default_factory=lambda: dict.fromkeys((CREATED, UPDATED, UNCHANGED), 0))
    applications: dict = field(default_factory=lambda: dict.fromkeys((CREATED, UPDATED, UNCHANGED), 0))


def _people_sync(people, organisations, result):
    """Create or update the demo accounts; the password is only set on creation."""
    known = set(User.objects.filter(email__in=[p.email for p in people]).values_list("email", flat=True))
    # One hash for every new account: hashing is slow on purpose and the password is shared anyway.
    password = make_password(DEMO_PASSWORD) if len(known) < len(people) else None
    users = {}
    for person in people:
        user, state = upsert(
            User,
            lookup={"email": person.email},
            values={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "organisation": organisations[person.organisation],
                "job_title": person.job_title,
                "civility": person.civility,
                "is_programme_engineer": person.is_programme_engineer,
                "is_staff": person.is_staff,
                "is_superuser": person.is_staff,
            },
            create_values={"password": password},
        )
        if person.hr_of:
            wanted = {organisations[code].pk for code in person.hr_of}
            missing = wanted - set(user.hr_organisations.values_list("pk", flat=True))
            if missing:
                user.hr_organisations.add(*missing)
                state = UPDATED if state == UNCHANGED else state
        result.people[state] += 1
        users[person.email] = user
    _verified_emails_sync(users.values())
    return users


def _verified_emails_sync(users):
    """Every demo person logs in at once: a verified primary address, as after the confirmation email."""
    addresses = {a.user_id: a for a in EmailAddress.objects.filter(user__in=users) if a.email == a.user.email}
    to_create, to_fix = [], []
    for user in users:
        address = addresses.get(user.pk)
        if address is None:
            to_create.append(EmailAddress(user=user, email=user.email, verified=True, primary=True))
        elif not (address.verified and address.primary):
            address.verified = address.primary = True
            to_fix.append(address)
    EmailAddress.objects.bulk_create(to_create)
    EmailAddress.objects.bulk_update(to_fix, ["verified", "primary"])


def _applications_sync(specs, *, programme, users, organisations, result):
    tracks = {track.code: track for track in programme.tracks.all()}
    themes = Theme.objects.in_bulk(field_name="code")
    for spec in specs:
        application, state = upsert(
            Application,
            lookup={"programme": programme, "user": users[spec.email], "role": spec.role},
            values={
                "track": tracks[spec.track],
                "status": spec.status,
                "organisation": organisations[spec.organisation],
                "job_title": spec.job_title,
                "is_manager": spec.is_manager,
                "manager_since": spec.manager_since,
                "years_experience": spec.years_experience,
                "objectives": spec.objectives,
                "presentation": spec.presentation,
                "availability": list(spec.availability),
                "capacity": spec.capacity,
                "line_manager_email": spec.line_manager_email,
                "prefers_other_branch": spec.prefers_other_branch,
                **dict.fromkeys(ACKNOWLEDGEMENTS, True),
                "data_consent_at": spec.created_at,
                "submitted_at": spec.submitted_at,
                "decided_at": spec.decided_at,
                "decided_by": users.get(spec.decided_by),
                "decision_reason": spec.decision_reason,
                "withdrawn_at": spec.withdrawn_at,
            },
        )
        if state == CREATED:
            # auto_now_add / auto_now stamp the day of the seed; the demo tells the story of the 2026 call.
            Application.objects.filter(pk=application.pk).update(
                created_at=spec.created_at, updated_at=spec.last_change
            )
        wanted = {themes[code].pk for code in spec.themes}
        if set(application.themes.values_list("pk", flat=True)) != wanted:
            application.themes.set(wanted)
            state = UPDATED if state == UNCHANGED else state
        result.applications[state] += 1


@transaction.atomic
def demo_data_load():
    """Create or update the demo people and applications; needs the reference data (seed_reference)."""
    plan = demo_plan()
    result = DemoResult()
    organisations = Organisation.objects.in_bulk(field_name="code")
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    users = _people_sync(plan.people, organisations, result)
    _applications_sync(plan.applications, programme=programme, users=users, organisations=organisations, result=result)
    return result
