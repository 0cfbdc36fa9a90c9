"""The platform's own pages, written in French and loaded by `reference_resources_load()`.

Pure data, like mentorat/core/reference_data.py. The slug identifies a page: once loaded, the page
belongs to the programme engineer, who may rewrite it on the platform; loading again never
overwrites it.
"""

GUIDE = """\
Ce guide s'adresse à toutes les personnes qui participent au programme de mentorat du Régime général :
mentorés, mentors, référents RH et équipe du programme. Il dit ce qu'est le mentorat, comment se déroulent
les sept mois du programme et à qui s'adresser. Gardez-le sous la main : la plupart des questions qui se
posent en cours de route y trouvent leur réponse.

## Le mentorat, en quelques mots

Le mentorat est une **relation d'accompagnement confidentielle entre deux salariés de la Sécurité sociale**
qui n'ont **aucun lien hiérarchique** entre eux. Le mentor partage son expérience, écoute et pose des
questions ; le mentoré s'en saisit pour avancer sur ses propres objectifs. La relation se vit **d'égal à égal**
et elle est **réciproque** : le mentor apprend lui aussi beaucoup de ces échanges.

Trois principes fondent le programme :

- **le volontariat** : personne n'est mentor ou mentoré par obligation, et chacun peut arrêter ;
- **le temps de travail** : les séances ont lieu sur le temps de travail, sans rémunération supplémentaire ;
- **un cadre clair** : des objectifs, une durée de sept mois, une charte signée, un rythme d'environ une
  heure par mois et une compréhension partagée des rôles de chacun. À l'intérieur de ce cadre, le binôme
  adapte librement le contenu et la fréquence des échanges.

## Ce que le mentorat n'est pas

| Le mentorat est… | Le mentorat n'est pas… |
|---|---|
| un espace d'échange libre et confidentiel | une évaluation ni un contrôle : rien de ce qui se dit n'est rapporté à la hiérarchie |
| le partage d'une expérience vécue | une formation : le mentor ne transmet pas un programme ni un savoir académique |
| un appui pour trouver ses propres réponses | du coaching : le mentor n'est pas un professionnel de l'accompagnement rémunéré pour cela |
| une relation entre pairs, sans lien hiérarchique | du tutorat ni du « management bis » : le mentor ne donne ni consignes ni directives |
| une démarche volontaire, limitée dans le temps | un engagement sans fin : le programme dure sept mois |

Le mentor n'a donc pas à « avoir raison » ni à tout savoir. Son rôle est d'ouvrir des pistes à partir de ce
qu'il a vécu, et de laisser le mentoré choisir.

## Les deux parcours de l'édition 2026-2027

- **Programme 1 · Accompagnement des primo-managers.** Un agent qui prend son premier poste d'encadrement
  est accompagné par un manager confirmé. Le mentor travaille obligatoirement **dans un autre organisme**
  que le mentoré ; un mentor d'une autre branche est un plus, pour la richesse de la dimension interbranche.
- **Programme 2 · Transmission de l'expérience.** Un salarié qui souhaite apprendre (compétences
  numériques, parcours interbranche, découverte des codes implicites de l'institution lors d'une prise de
  fonction…) est accompagné par un salarié expérimenté qui souhaite transmettre son expertise.

## Les rôles de chacun

### Le mentoré

Le mentoré est **acteur de sa démarche**. Il définit un à trois objectifs, prépare ses séances, prend
l'initiative des rendez-vous et des sujets. Il **choisit son mentor** parmi les trois à cinq profils que la
plateforme lui propose, s'engage pour la durée du programme et **reste libre de changer de mentor**.

### Le mentor

Le mentor est un salarié expérimenté qui partage son expérience, **écoute**, **questionne** et aide le
mentoré à prendre du recul. Il respecte une **stricte confidentialité**, s'engage pour sept mois et **suit la
formation des mentors** avant la première séance. Après chaque séance, il en consigne la tenue sur la
plateforme (date, durée, thèmes abordés par grandes catégories) : c'est ce qui permet de suivre le
programme sans jamais en connaître le contenu.

### Le référent RH

Le référent RH relaie l'appel à candidatures dans son organisme et facilite la participation (temps de
travail, organisation). Il suit l'**avancement** des binômes de son organisme : statut, charte signée,
nombre de séances, date de la dernière séance. Il **ne voit jamais le contenu** des échanges ni les notes,
et n'a accès aux résultats des questionnaires que sous forme agrégée.

### L'ingénieur·e en mentorat

L'équipe du programme organise l'ensemble : appel à candidatures, vérification de l'éligibilité, mise en
relation, formation des mentors, suivi des binômes et évaluation. C'est elle que vous contactez en cas de
difficulté dans votre binôme, en toute confidentialité.

## Le cycle du programme, mois par mois

| Période | Ce qui se passe |
|---|---|
| Juillet – début septembre 2026 | Appel à candidatures relayé par les référents RH ; dépôt des candidatures (clôture le 12 septembre) |
| Septembre 2026 | Examen de l'éligibilité, formation des mentors |
| Fin septembre 2026 | Mise en relation : chaque mentoré reçoit 3 à 5 propositions et choisit son mentor, qui confirme |
| Première quinzaine d'octobre 2026 | Première séance : le binôme fixe ses objectifs et son cadre, puis chacun signe la charte |
| Mi-octobre 2026 – mi-mai 2027 | Sept mois d'accompagnement : 6 à 8 séances d'environ une heure, à peu près une par mois, en visioconférence |
| Janvier 2027 | Point d'étape : questionnaire de mi-parcours |
| Mai – juin 2027 | Dernière séance, bilan des objectifs, questionnaire de fin de programme |
| À la clôture | Chaque participant télécharge son attestation de participation |

Quelques repères pour bien vivre ces sept mois :

- **les premières séances** posent la relation : faire connaissance, préciser les objectifs, convenir du cadre ;
- **le cœur du programme** avance au rythme des situations que vit le mentoré : une prise de poste, une
  réunion difficile, un projet, une décision de carrière ;
- **la dernière séance** fait le bilan : ce qui a changé, ce qui reste à travailler, comment continuer seul.

## La confidentialité

Ce qui se dit entre le mentor et le mentoré **reste entre eux**. Aucun compte rendu n'est transmis à la
hiérarchie, au référent RH ou à l'équipe du programme. Sur la plateforme :

- les **notes partagées** ne sont lues que par les deux membres du binôme ;
- les **notes personnelles** (préparation, réflexions) ne sont lues que par leur auteur ;
- le référent RH et l'équipe du programme ne voient que des **informations d'avancement** (dates, nombre de
  séances, thèmes abordés par grandes catégories), jamais le contenu ;
- les questionnaires d'évaluation sont exploités de façon **agrégée**, sans jamais isoler une personne.

**Les limites de la confidentialité.** Elle cède dans deux cas seulement : lorsqu'une personne est en danger
(risque grave pour la santé ou la sécurité du mentoré ou d'autrui) et lorsque la loi impose de signaler
un fait. Le mentor en parle alors d'abord avec le mentoré et l'oriente vers le bon interlocuteur (médecine du
travail, service social, ressources humaines, équipe du programme). En cas de doute, il peut demander conseil
à l'équipe du programme sans citer de nom.

## Le code de déontologie de l'EMCC

Le programme s'appuie sur le **code de déontologie de l'EMCC** (European Mentoring and Coaching Council),
référence européenne des pratiques de mentorat et de coaching. Appliqué à notre programme, il demande
notamment :

- **d'agir dans l'intérêt du mentoré**, en respectant son autonomie et ses choix ;
- **de clarifier les attentes dès le départ** : objectifs, durée, rythme, confidentialité et ses limites ;
- **de préserver la confidentialité** et de n'utiliser aucune information au détriment de quiconque ;
- **de rester dans son rôle** : ne pas se substituer au manager, au médecin du travail ou à un professionnel,
  et orienter vers eux quand un sujet dépasse le cadre du mentorat ;
- **d'éviter les conflits d'intérêts** : c'est la raison pour laquelle un mentor n'accompagne jamais une
  personne de sa ligne hiérarchique ;
- **de mettre fin à la relation avec respect** lorsqu'elle n'est plus utile ;
- **de continuer à se former** et de réfléchir à sa pratique.

Le texte complet est publié par l'EMCC sur son site : [emccglobal.org](https://www.emccglobal.org/).

## La charte du mentorat

Au début de la relation, le binôme renseigne son **cadre** (objectifs du mentoré, rythme, dates de début et de
fin, outil de visioconférence), puis **chacun signe la charte** sur la plateforme. La charte rappelle les
engagements de ce guide : absence de lien hiérarchique, égalité et réciprocité, volontariat, confidentialité et
ses limites, déontologie de l'EMCC, rôles du mentor et du mentoré, durée et rythme, liberté d'arrêter et
données personnelles. Le binôme devient **actif** lorsque les deux signatures sont faites ; la charte signée
est téléchargeable en PDF par ses deux membres.

## Changer de mentor ou arrêter

Une relation de mentorat ne fonctionne pas toujours, et ce n'est la faute de personne : les disponibilités ne
coïncident pas, les attentes ont changé, le courant ne passe pas. Le programme le prévoit.

- **Le mentoré peut mettre fin à la relation à tout moment**, depuis la plateforme. Le motif qu'il indique n'est
  lu que par l'équipe du programme. Il reçoit ensuite de **nouvelles propositions**, sans le ou les mentors
  précédents.
- **Le mentor** qui rencontre une difficulté en parle d'abord avec son mentoré, puis, si besoin, avec l'équipe
  du programme.
- Dans tous les cas, une **dernière séance de clôture**, même courte, permet de se quitter en bons termes.

## Qui contacter ?

| Votre question | À qui vous adresser |
|---|---|
| Le programme, votre candidature, l'utilisation de la plateforme | L'équipe du programme, depuis la page [Contact et assistance](/contact/) |
| Une difficulté dans votre binôme, un changement de mentor | L'ingénieur·e en mentorat, en toute confidentialité |
| Le temps de travail, une autorisation d'absence, l'organisation dans votre organisme | Votre référent RH |
| Une situation qui dépasse le mentorat (santé, conflit, souffrance au travail) | La médecine du travail, le service social ou les ressources humaines de votre organisme |
"""

FIRST_SESSION = """\
La première séance donne le ton de toute la relation. Elle sert à faire connaissance, à préciser ce que le
mentoré attend du programme et à convenir ensemble du cadre. Elle dure environ une heure, en
visioconférence, sur le temps de travail. Voici comment la préparer, la mener et la prolonger.

## Avant la séance

### Pour le mentoré

- **Relisez vos objectifs de candidature** et essayez de les formuler en une à trois phrases : « dans sept
  mois, j'aimerais… ». Ils peuvent encore évoluer : la première séance est faite pour cela.
- **Notez deux ou trois situations concrètes** que vous vivez en ce moment et sur lesquelles vous aimeriez
  avancer (une réunion à animer, une décision à prendre, un dossier qui vous résiste).
- **Demandez-vous ce que vous attendez de votre mentor** : un regard extérieur, un retour d'expérience, un
  réseau, des questions qui font réfléchir ?
- **Proposez la date** : c'est au mentoré de prendre l'initiative du premier rendez-vous.

### Pour le mentor

- **Relisez le profil et les objectifs** que votre mentoré a partagés.
- **Rappelez-vous votre posture** : écouter plus que parler, poser des questions ouvertes, partager votre
  expérience sans la présenter comme la seule voie, laisser le mentoré décider.
- **Préparez quelques mots sur votre parcours**, y compris les difficultés que vous avez rencontrées : c'est
  souvent ce qui met le plus à l'aise.

### Pour les deux

- **Bloquez un créneau d'une heure** dans vos agendas, sur le temps de travail, à un moment où vous ne serez
  pas interrompus. Programmez la séance sur la plateforme : vous recevrez l'invitation et un rappel.
- **Prévenez votre manager** que vous participez à une séance de mentorat ; vous n'avez pas à en dire plus.
- **Testez l'outil de visioconférence** la veille (voir les conseils pratiques plus bas).

## Pendant la séance : un déroulé possible

| Durée | Étape | Ce qu'on y fait |
|---|---|---|
| 10 min | Faire connaissance | Chacun présente son parcours, son poste, ce qui l'a amené au programme |
| 15 min | Les attentes | Le mentoré présente ses objectifs et les situations qu'il a notées ; le mentor reformule |
| 15 min | Le cadre | Vous convenez ensemble des règles de fonctionnement (voir plus bas) |
| 15 min | Un premier sujet | Vous commencez à travailler sur une situation concrète du mentoré |
| 5 min | Conclure | Ce que chacun retient, la prochaine date, ce que le mentoré fera d'ici là |

Ce déroulé n'est qu'un repère : si la conversation prend un autre chemin utile, suivez-la.

## Des questions pour lancer l'échange

### Questions que le mentor peut poser

- Qu'est-ce qui vous a donné envie de participer au programme ?
- Si, dans sept mois, le mentorat a été vraiment utile, qu'est-ce qui aura changé pour vous ?
- Quelle situation vous occupe le plus en ce moment ?
- Qu'avez-vous déjà essayé ? Qu'est-ce qui a marché, même un peu ?
- Comment préférez-vous travailler : que je partage mon expérience, que je vous pose des questions, les deux ?
- Y a-t-il des sujets que vous ne souhaitez pas aborder ?

### Questions que le mentoré peut poser

- Comment avez-vous vécu votre propre prise de poste, ou votre arrivée dans votre organisme ?
- Quelle erreur vous a le plus appris ?
- Qu'est-ce qui vous a aidé à trouver votre place, votre style ?
- Comment se passe, chez vous, ce qui me pose question chez moi ?
- Qu'attendez-vous de moi pour que nos échanges soient utiles ?

## Le cadre à convenir ensemble

Avant de vous quitter, mettez-vous d'accord sur les points suivants ; vous les reporterez ensuite dans le
cadre du binôme sur la plateforme, avant de signer la charte.

- **Les objectifs** : un à trois, formulés par le mentoré, avec une auto-évaluation de départ.
- **Le rythme** : par défaut une séance par mois, soit six à huit séances d'environ une heure sur sept mois.
- **Les dates** : début et fin de l'accompagnement (par défaut celles du programme, mi-octobre à mi-mai).
- **L'outil** : le lien de visioconférence que vous utiliserez, et une solution de secours (le téléphone).
- **La confidentialité** : ce qui se dit reste entre vous, dans les limites rappelées par la charte.
- **Les reports** : comment prévenir en cas d'empêchement (au moins 48 heures avant si possible) et replanifier.
- **Les échanges entre les séances** : sont-ils possibles, par quel canal, dans quelles limites ?
- **Le droit de se dire les choses** : comment chacun signalera que quelque chose ne lui convient pas ; la
  liberté pour le mentoré de changer de mentor.

## Conseils pratiques pour la visioconférence

- **Connectez-vous cinq minutes avant** pour vérifier le son et l'image.
- **Utilisez un casque ou des écouteurs** avec micro : le son est meilleur et la conversation reste privée.
- **Installez-vous dans un lieu calme et fermé**, où vous ne serez pas entendu : c'est une condition de la
  confidentialité. Un bureau partagé ou un espace ouvert ne convient pas.
- **Gardez la caméra allumée** si votre connexion le permet : les expressions comptent beaucoup dans cet
  échange. Placez la lumière face à vous plutôt que derrière.
- **Coupez les notifications** de la messagerie et du téléphone pendant l'heure de la séance.
- **Convenez d'un plan de secours** : en cas de coupure, qui rappelle qui, et à quel numéro.
- **N'enregistrez jamais la séance**, ni l'image ni le son.

## Après la séance

- **Le mentor consigne la séance** sur la plateforme : tenue, durée réelle, thèmes abordés par grandes
  catégories. Ces informations servent au suivi du programme ; le contenu des échanges n'y figure pas.
- **Chacun peut prendre des notes personnelles** sur la plateforme : elles ne sont lues que par leur auteur.
- **Le mentoré fait le point** sur ce qu'il retient et sur la petite action qu'il a choisi de mener d'ici la
  prochaine séance.
- **Programmez dès maintenant la séance suivante**, environ un mois plus tard.
- **Renseignez le cadre et signez la charte** si ce n'est pas encore fait : le binôme devient actif lorsque
  les deux signatures sont faites.

Bonne première séance !
"""

PAGES = [
    {
        "slug": "guide-du-mentorat",
        "title": "Guide du mentorat",
        "summary": (
            "Ce qu'est le mentorat et ce qu'il n'est pas, les rôles de chacun, les sept mois du programme, "
            "la confidentialité, la déontologie, la charte, le changement de mentor et qui contacter."
        ),
        "body": GUIDE,
        "audience": "everyone",
        "position": 10,
        "published": True,
        "programme": None,
    },
    {
        "slug": "preparer-sa-premiere-seance",
        "title": "Préparer sa première séance",
        "summary": (
            "Avant, pendant et après la première séance : les questions à poser, le cadre à convenir "
            "ensemble et des conseils pratiques pour la visioconférence."
        ),
        "body": FIRST_SESSION,
        "audience": "everyone",
        "position": 20,
        "published": True,
        "programme": None,
    },
]
