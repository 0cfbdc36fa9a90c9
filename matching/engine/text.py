"""TF-IDF over French texts, built with scipy.sparse: objectives of the mentee vs presentation of the mentor.

Tokens are lower-cased letters; stop words (and words of duration: "28 ans d'expérience" says
nothing of what a mentee and a mentor share) are dropped and a light suffix stripping folds
"équipe"/"équipes" or "changer"/"changement" onto one stem. Each stem keeps its most frequent
surface word so that sentences can quote real words ("équipe", not "equip").
"""

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

import numpy as np
from scipy import sparse

_WORD = re.compile(r"[^\W\d_]+")

# Compared after accent folding.
_STOP_WORDS = frozenset(
    """
    a au aux avec ce ces cet cette ceci cela ca celui celle celles ceux chez comme dans de des du elle elles en
    entre et etre eux il ils je la le les leur leurs lui ma mais me meme memes mes moi mon ne ni nos notre nous
    on ou par pas pour qu que qui quoi dont sa sans se ses si son sous sur ta te tes toi ton tu un une vos votre
    vous y est sont suis sommes etes es ete etait etais etaient ai as avons avez ont avoir eu fait faire fais
    peut peux pouvoir veux veut vouloir voudrais souhaite souhaiterais souhaitons aimerais aime plus moins tres
    tout tous toute toutes autre autres aussi ainsi bien encore deja donc car or puis alors afin notamment
    depuis apres avant pendant quand comment pourquoi chaque plusieurs peu beaucoup trop ici parfois souvent
    toujours jamais mieux non oui sans ceux leurs nbsp etc via lors cote face vers
    an ans annee annees mois semaine semaines jour jours fois
    """.split()
)

# Longest first; one suffix is stripped when at least three letters remain.
_SUFFIXES = tuple(
    sorted(
        """
        issements issement atrices atrice ateurs ateur ations ation ements ement ments ment ances ance ences
        ence ismes isme istes iste ables able ibles ible euses euse eurs eur ives ive ifs if iales iale iaux
        ial ielles ielle iels iel ites ite ees ee es er ez e s x
        """.split(),
        key=len,
        reverse=True,
    )
)


def fold(word):
    """Lower-case without accents: "Équipe" -> "equipe"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=200_000)
def stem(word):
    """The stem of one lower-case word, or None for a stop word or a word too short to mean much."""
    folded = fold(word)
    if len(folded) < 3 or folded in _STOP_WORDS:
        return None
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
            return folded[: -len(suffix)]
    return folded


def words(text):
    """(surface word, stem) for every meaningful word of a text, in order."""
    pairs = []
    for word in _WORD.findall(text.lower()):
        word_stem = stem(word)
        if word_stem is not None:
            pairs.append((word, word_stem))
    return pairs


class TextModel:
    """Vocabulary, smoothed IDF and a quotable surface word per stem, fitted on the texts of one run.

    Cosine similarities only agree with a matching run when the model is fitted on the same texts:
    `fit_text_model(mentees + mentors)` rebuilds it.
    """

    def __init__(self, vocabulary, idf, surfaces):
        self.vocabulary = vocabulary  # stem -> column
        self.idf = idf  # float64 array, one per column
        self.surfaces = surfaces  # column -> most frequent word of the stem

    @classmethod
    def fit(cls, texts):
        document_frequency = Counter()
        surface_counts = Counter()
        for text in texts:
            pairs = words(text)
            surface_counts.update(pairs)
            document_frequency.update({word_stem for _word, word_stem in pairs})
        stems = sorted(document_frequency)
        vocabulary = {word_stem: column for column, word_stem in enumerate(stems)}
        n_documents = len(texts)
        idf = np.array(
            [math.log((1 + n_documents) / (1 + document_frequency[word_stem])) + 1.0 for word_stem in stems],
            dtype=np.float64,
        )
        best = {}
        # The most frequent surface word of a stem; ties go to the alphabetically first one.
        for (word, word_stem), count in sorted(surface_counts.items()):
            if word_stem not in best or count > best[word_stem][1]:
                best[word_stem] = (word, count)
        surfaces = [best[word_stem][0] for word_stem in stems]
        return cls(vocabulary, idf, surfaces)

    def transform(self, texts):
        """L2-normalised TF-IDF rows (CSR, float32): sublinear term frequency times IDF."""
        indptr = [0]
        indices = []
        counts_data = []
        vocabulary = self.vocabulary
        for text in texts:
            counts = Counter(vocabulary[word_stem] for _word, word_stem in words(text) if word_stem in vocabulary)
            columns = sorted(counts)
            indices.extend(columns)
            counts_data.extend(counts[column] for column in columns)
            indptr.append(len(indices))
        indices = np.asarray(indices, dtype=np.int32)
        indptr = np.asarray(indptr, dtype=np.int64)
        weights = (1.0 + np.log(np.asarray(counts_data, dtype=np.float64))) * self.idf[indices]
        row_of = np.repeat(np.arange(len(texts)), np.diff(indptr))
        norms = np.sqrt(np.bincount(row_of, weights=weights * weights, minlength=len(texts)))
        weights /= norms[row_of]
        return sparse.csr_matrix((weights.astype(np.float32), indices, indptr), shape=(len(texts), len(vocabulary)))

    def shared_words(self, terms_a, terms_b, limit=3, quote=None):
        """Up to `limit` words for the stems two texts share ({column: weight} each), heaviest first.

        `quote` ({column: word}) gives the words as one of the texts writes them.
        """
        shared = terms_a.keys() & terms_b.keys()
        best = sorted(shared, key=lambda column: (-terms_a[column] * terms_b[column], column))[:limit]
        quote = quote or {}
        return [quote.get(column, self.surfaces[column]) for column in best]

    def quotes(self, text):
        """{column: the first word of this text with that stem}."""
        found = {}
        for word, word_stem in words(text):
            column = self.vocabulary.get(word_stem)
            if column is not None and column not in found:
                found[column] = word
        return found


def fit_text_model(persons):
    """The text model of a run over these persons (mentees and mentors of one track)."""
    return TextModel.fit([person.text for person in persons])
