"""The charter of the 2026-2027 edition, loaded as its published version 1 by `seed_reference`.

The text is the programme's reference data, in French; the programme engineer writes the next
versions in the application (a published version is never edited, see services_frame).
"""

import datetime
from zoneinfo import ZoneInfo

from .models import Charter

PARIS = ZoneInfo("Europe/Paris")
PROGRAMME_SLUG = "2026-2027"
PUBLISHED_AT = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=PARIS)

TITLE = "Charte du mentorat — Programme 2026-2027"

BODY = """\
Le programme de mentorat du Régime général de la Sécurité sociale réunit, pendant sept mois, une
personne mentorée et un mentor, salariés d'organismes du Régime général. Cette charte fixe le cadre
commun de leur relation. Chaque membre du binôme la signe, avec le cadre que le binôme a défini
ensemble : objectifs, rythme, dates et outil de visioconférence.

## 1. Ce qu'est le mentorat

Le mentorat est une relation d'accompagnement **confidentielle** entre deux salariés, fondée sur le
partage d'expérience, l'écoute et le questionnement. Le mentor aide la personne mentorée à prendre du
recul, à trouver ses propres réponses et à progresser vers les objectifs qu'elle s'est fixés.

## 2. Ce que le mentorat n'est pas

Le mentorat n'est pas :

- **une formation** : le mentor ne délivre pas de contenu pédagogique et ne fixe pas de programme à suivre ;
- **un coaching** : ce n'est pas une prestation professionnelle d'accompagnement, mais un échange entre pairs ;
- **un tutorat** : le mentor n'encadre pas l'apprentissage d'un métier ni l'intégration dans une équipe ;
- **une évaluation** : rien de ce qui se dit en séance n'entre dans l'appréciation professionnelle de quiconque ;
- **un contrôle** : les référents RH et l'équipe du programme suivent l'avancement du binôme (cadre,
  signature de la charte, nombre et dates des séances), jamais le contenu des échanges ;
- **un « management bis »** : le mentor ne donne ni consignes ni objectifs de travail et ne se substitue
  jamais au manager.

## 3. Aucun lien hiérarchique

Le mentor et la personne mentorée n'ont aucun lien hiérarchique, ni direct ni indirect. Dans le parcours
« Accompagnement des primo-managers », le mentor appartient en outre à un autre organisme que la
personne mentorée. Si un lien hiérarchique apparaît en cours de programme (mobilité, réorganisation),
le binôme le signale à l'équipe du programme, qui propose un autre mentor.

## 4. Égalité et réciprocité

La relation se vit d'égal à égal. Chacun apprend de l'autre : la personne mentorée bénéficie de
l'expérience du mentor, le mentor enrichit sa pratique et son regard sur d'autres métiers et d'autres
organismes. Chacun respecte le point de vue, le rythme et les choix de l'autre.

## 5. Volontariat, durée et rythme

La participation est **volontaire** pour les deux membres du binôme. Elle a lieu **sur le temps de
travail** et ne donne lieu à aucune rémunération supplémentaire.

Le programme dure **sept mois**, de mi-octobre 2026 à mi-mai 2027. Le binôme organise **de 6 à 8
séances d'environ une heure**, à un rythme d'environ une séance par mois, en visioconférence. Il peut
adapter le contenu et la fréquence des échanges : il l'inscrit dans son cadre.

## 6. Confidentialité

Le contenu des échanges est **strictement confidentiel**. Ni le mentor ni la personne mentorée ne
rapportent à quiconque — manager, service des ressources humaines, collègues, équipe du programme — ce
qui est dit en séance, sauf accord de l'autre. Les notes personnelles ne sont lues que par leur auteur ;
les notes partagées ne sont lues que par le binôme.

### Les limites de la confidentialité

La confidentialité ne cède que dans deux cas :

- lorsqu'existe un **danger grave pour la personne elle-même ou pour autrui** (risque pour la santé ou
  la sécurité, situation de harcèlement ou de violence) : le mentor en parle d'abord avec la personne
  concernée et l'oriente vers les interlocuteurs compétents (médecine du travail, service des
  ressources humaines, dispositifs d'écoute et de signalement) ;
- lorsque **la loi impose** de révéler une information (obligations légales de signalement).

Dans ces cas, la personne concernée en est informée, sauf si cela l'exposait à un danger.

## 7. Déontologie

La pratique du mentorat dans le programme s'inscrit dans le **code de déontologie de l'EMCC**
(European Mentoring and Coaching Council). Chacun s'y réfère, notamment pour agir dans l'intérêt de la
personne accompagnée, respecter la confidentialité, éviter tout conflit d'intérêts, reconnaître les
limites de son rôle et orienter vers d'autres ressources lorsque c'est nécessaire. Le code est
disponible auprès de l'équipe du programme.

## 8. Les rôles de chacun

### Le mentor

- partage son expérience, écoute, questionne et aide à prendre du recul ;
- ne décide pas à la place de la personne mentorée ;
- garde une stricte confidentialité ;
- suit la formation des mentors avant la première séance ;
- s'engage pour les sept mois du programme et se rend disponible pour les séances convenues ;
- indique après chaque séance qu'elle a eu lieu (date, durée, thèmes abordés), sans en décrire le contenu
  à quiconque.

### La personne mentorée

- est actrice de sa démarche : elle définit ses objectifs, prépare les séances et prend l'initiative
  des échanges ;
- a choisi son mentor parmi les propositions de la plateforme ;
- s'engage pour la durée du programme ;
- reste libre de changer de mentor.

### L'équipe du programme et les référents RH

L'équipe du programme organise la mise en relation, fournit les documents et les formations, répond
aux questions et peut être sollicitée en cas de difficulté. Les référents RH relaient le programme dans
leur organisme et en suivent l'avancement. Ni l'une ni les autres n'ont accès au contenu des échanges.

## 9. Le cadre du binôme

Avant de signer, le binôme convient de son cadre : un à trois objectifs définis par la personne
mentorée, chacun avec une auto-évaluation de départ de 1 à 5 ; le rythme des séances ; les dates de
début et de fin ; l'outil ou le lien de visioconférence. Ce cadre fait partie du document signé. Les
objectifs sont revus en fin de programme.

## 10. Liberté d'arrêter et de changer de mentor

Chacun peut mettre fin à la relation à tout moment. La personne mentorée peut demander un autre
mentor : elle reçoit alors de nouvelles propositions, sans le mentor précédent. Le motif n'est lu que
par l'équipe du programme. Mettre fin au mentorat n'a aucune conséquence sur la situation
professionnelle de quiconque.

## 11. Données personnelles

La plateforme traite les données nécessaires au programme : identité, organisme, emploi, candidature,
cadre du binôme, dates des séances et réponses aux questionnaires d'évaluation. Elles servent
uniquement à organiser, suivre et évaluer le programme. Les résultats de l'évaluation sont présentés de
façon agrégée, sans groupe de moins de cinq personnes. La signature de cette charte enregistre la date,
l'heure, l'adresse IP, le navigateur et l'empreinte numérique (SHA-256) du texte signé, afin de prouver
ce qui a été signé. Les données sont conservées pendant le programme et son évaluation, puis
anonymisées. Chacun peut exercer ses droits d'accès, de rectification, d'effacement et d'opposition
auprès de l'équipe du programme.

## 12. Engagement

En signant, chacun déclare avoir lu cette charte et le cadre du binôme, et s'engage à les respecter.
"""


def charter_reference_load(programme):
    """Make sure the 2026-2027 programme has its charter, published as version 1.

    Nothing is written when a version 1 exists, even with another text: a published charter is
    never changed, and the engineer's later versions are theirs.
    """
    if programme.slug != PROGRAMME_SLUG or Charter.objects.filter(programme=programme, version=1).exists():
        return None
    return Charter.objects.create(programme=programme, version=1, title=TITLE, body=BODY, published_at=PUBLISHED_AT)
