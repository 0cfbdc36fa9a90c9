"""Why a mentor is proposed, told to the mentee in sentences about people: « Claire propose deux des
thèmes que vous avez choisis… », « En écho à vos objectifs, elle écrit : « … » ».

The engine stores one short sentence per criterion for the programme engineer (matching/engine/
scoring.py); the mentee reads these instead, built when the page is shown from the two applications:
addressed to her (« vous »), naming the mentor by first name, with « il » or « elle » only when the
mentor gave a civility (mentorat.accounts.wording), and never the engine's keyword list (its words
come from a stemmer): the echo of the objectives is a whole sentence the mentor wrote.
"""

import re

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candidatures.enums import availability_labels
from mentorat.accounts.wording import by_civility

from .engine.text import words
from .former_pairs import past_mentee_counts

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
QUOTE_MAX_WORDS = 40
# A sentence echoes the objectives when it shares this many words (by stem) with them: one shared
# word is too often a word of every job (« service », « responsable »).
ECHO_MIN_SHARED = 2
NBSP = "\u00a0"


def _quote(text):
    return f"«{NBSP}{text}{NBSP}»"


def _lower_first(label):
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def echo_sentence(objectives, presentation):
    """The sentence of the mentor's presentation that shares the most words (by stem) with the
    mentee's objectives, as he or she wrote it; None when none shares ECHO_MIN_SHARED of them."""
    wanted = {word_stem for _word, word_stem in words(objectives or "")}
    if not wanted:
        return None
    best, best_count = None, ECHO_MIN_SHARED - 1
    for sentence in _SENTENCE_END.split(presentation or ""):
        sentence = sentence.strip()
        count = len(wanted & {word_stem for _word, word_stem in words(sentence)})
        if count > best_count:
            best, best_count = sentence, count
    if best is None:
        return None
    return Truncator(best).words(QUOTE_MAX_WORDS, truncate="…")


def _themes(mentee_themes, mentor, name):
    if not mentee_themes:
        return None
    offered = {theme.pk for theme in mentor.themes.all()}
    shared = [theme for theme in mentee_themes if theme.pk in offered]
    if not shared:
        return _("%(name)s ne propose aucun des thèmes que vous avez choisis.") % {"name": name}
    labels = ", ".join(_lower_first(theme.label) for theme in shared)
    return ngettext(
        "%(name)s propose un thème que vous avez choisi : %(labels)s.",
        "%(name)s propose %(count)s des thèmes que vous avez choisis : %(labels)s.",
        len(shared),
    ) % {"name": name, "count": len(shared), "labels": labels}


def _echo(mentee, mentor, name, pronoun):
    sentence = echo_sentence(mentee.objectives, mentor.presentation)
    if sentence is None:
        return None
    if sentence == (mentor.presentation or "").strip():
        # A presentation of one sentence, shown just above: not quoted twice.
        return _("La présentation de %(name)s fait écho à vos objectifs.") % {"name": name}
    return _("En écho à vos objectifs, %(who)s écrit : %(quote)s") % {
        "who": pronoun.lower() if pronoun != name else name,
        "quote": _quote(sentence),
    }


def _branch(mentee, mentee_branch_id, mentor, name):
    branch = mentor.organisation.branch.name
    other = mentor.organisation.branch_id != mentee_branch_id
    if mentee.prefers_other_branch:
        if other:
            return _("Comme vous le souhaitiez, %(name)s travaille dans une autre branche que vous (%(branch)s).") % {
                "name": name,
                "branch": branch,
            }
        return _("%(name)s travaille dans votre branche (%(branch)s), alors que vous souhaitiez une autre branche.") % {
            "name": name,
            "branch": branch,
        }
    if other:
        return _("%(name)s travaille dans une autre branche que vous (%(branch)s).") % {"name": name, "branch": branch}
    return _("%(name)s travaille dans la même branche que vous (%(branch)s).") % {"name": name, "branch": branch}


def _experience(mentee, mentor, name, pronoun, past):
    gap = (mentor.years_experience or 0) - (mentee.years_experience or 0)
    if gap > 0:
        text = ngettext(
            "%(name)s a %(years)s an d'expérience de plus que vous.",
            "%(name)s a %(years)s ans d'expérience de plus que vous.",
            gap,
        )
    elif gap == 0:
        text = _("%(name)s a autant d'années d'expérience que vous.")
    else:
        text = ngettext(
            "%(name)s a %(years)s an d'expérience de moins que vous.",
            "%(name)s a %(years)s ans d'expérience de moins que vous.",
            -gap,
        )
    text %= {"name": name, "years": abs(gap)}
    if past:
        text += " " + ngettext(
            "%(who)s a déjà accompagné une personne lors d'une édition précédente.",
            "%(who)s a déjà accompagné %(count)s personnes lors d'éditions précédentes.",
            past,
        ) % {"who": pronoun, "count": past}
    return text


def _availability(mentee, mentor):
    if not mentee.availability or not mentor.availability:
        return None
    shared = [code for code in mentee.availability if code in set(mentor.availability)]
    if not shared:
        return _("Vous n'avez pas de créneau en commun : il vous faudra convenir ensemble d'un moment.")
    slots = ", ".join(availability_labels(shared))
    return ngettext(
        "Vous avez un créneau en commun : %(slots)s.",
        "Vous avez %(count)s créneaux en commun : %(slots)s.",
        len(shared),
    ) % {"count": len(shared), "slots": slots}


def proposal_sentences(mentee, proposals):
    """Set `.sentences` (the mentee's explanation) on each proposal of `mentee`'s page: a few queries
    whatever their number (the mentee's themes and branch, the mentors' past pairs)."""
    if not proposals:
        return
    mentee_themes = list(mentee.themes.all())
    mentee_branch_id = mentee.organisation.branch_id
    past = past_mentee_counts(mentee.programme, [proposal.mentor.user_id for proposal in proposals])
    for proposal in proposals:
        mentor = proposal.mentor
        name = mentor.user.first_name or mentor.user.get_full_name()
        pronoun = by_civility(mentor.user, feminine=_("Elle"), masculine=_("Il"), neutral=name)
        sentences = [
            _themes(mentee_themes, mentor, name),
            _echo(mentee, mentor, name, pronoun),
            _branch(mentee, mentee_branch_id, mentor, name),
            _experience(mentee, mentor, name, pronoun, past.get(mentor.user_id, 0)),
            _availability(mentee, mentor),
        ]
        proposal.sentences = [sentence for sentence in sentences if sentence]
