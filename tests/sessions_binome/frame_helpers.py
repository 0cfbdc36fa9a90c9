"""Helpers of the frame and charter tests (issue 5): POST bodies, signing as a member."""

import datetime

from sessions_binome import services_frame
from tests.factories import PARIS

CHARTER_BODY = """\
## 1. Ce qu'est le mentorat

Une relation d'accompagnement **confidentielle**, sans lien hiérarchique.

## 2. Confidentialité

Le contenu des échanges reste entre les deux membres du binôme.
"""
SIGNED_AT = datetime.datetime(2026, 10, 14, 10, 32, tzinfo=PARIS)


def frame_values(programme, **overrides):
    """Rhythm, dates and video as the services take them."""
    values = {
        "rhythm": "monthly",
        "rhythm_other": "",
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "video": "https://visio.exemple.fr/binome",
    }
    return {**values, **overrides}


def frame_post(programme, *, objectives=(("Trouver ma posture de manager.", "2"),), mentor_comment=None, **overrides):
    """The frame page's POST body: fields, then the objectives formset when given (mentee)."""
    data = {
        "rhythm": "monthly",
        "rhythm_other": "",
        "starts_on": programme.starts_on.isoformat(),
        "ends_on": programme.ends_on.isoformat(),
        "video": "https://visio.exemple.fr/binome",
    }
    if objectives is not None:
        rows = list(objectives) + [("", "")] * max(0, 3 - len(objectives))
        data.update({"objectifs-TOTAL_FORMS": str(len(rows)), "objectifs-INITIAL_FORMS": "0"})
        for index, (text, assessment) in enumerate(rows):
            data[f"objectifs-{index}-text"] = text
            data[f"objectifs-{index}-start_assessment"] = assessment
    if mentor_comment is not None:
        data["mentor_comment"] = mentor_comment
    data.update(overrides)
    return data


def sign(pair, user, *, at=SIGNED_AT):
    return services_frame.charter_sign(
        pair=pair, user=user, ip_address="192.0.2.10", user_agent="Firefox de test", now=at
    )


def paris_datetime(*args):
    return datetime.datetime(*args, tzinfo=PARIS)
