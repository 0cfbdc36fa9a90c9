"""The default questionnaires' introductions said that the team never sees individual answers, while
the engineer's export holds one row per answer under the respondent's pseudonym. Questionnaires
created with those words get the true ones (evaluation.reference_surveys.who_reads); an introduction
the engineer rewrote is left as it is."""

from django.db import migrations

# (phase, audience, the old default text, the new one), frozen here: the defaults may change again.
INTRODUCTIONS = [
    (
        "start",
        "mentee",
        "Votre binôme vient de démarrer. Ce questionnaire prend 5 minutes. Vos réponses sont confidentielles : l'équipe du programme ne voit que des résultats d'ensemble, jamais vos réponses individuelles, et ni votre mentor ni votre référent RH n'y ont accès.",
        "Votre binôme vient de démarrer. Ce questionnaire prend 5 minutes. Qui lit vos réponses : l'ingénieur·e en mentorat les reçoit pour évaluer le programme, sous un pseudonyme, sans votre nom ni votre adresse ; vos réponses libres lui parviennent à part, détachées de toute personne et de vos autres réponses. Les référents RH ne voient que des résultats d'ensemble portant sur au moins cinq personnes. Votre mentor n'y a pas accès.",
    ),
    (
        "start",
        "mentor",
        "Votre binôme vient de démarrer. Ce questionnaire prend 5 minutes. Vos réponses sont confidentielles : l'équipe du programme ne voit que des résultats d'ensemble, jamais vos réponses individuelles, et ni la personne que vous accompagnez ni votre référent RH n'y ont accès.",
        "Votre binôme vient de démarrer. Ce questionnaire prend 5 minutes. Qui lit vos réponses : l'ingénieur·e en mentorat les reçoit pour évaluer le programme, sous un pseudonyme, sans votre nom ni votre adresse ; vos réponses libres lui parviennent à part, détachées de toute personne et de vos autres réponses. Les référents RH ne voient que des résultats d'ensemble portant sur au moins cinq personnes. La personne que vous accompagnez n'y a pas accès.",
    ),
    (
        "mid",
        "mentee",
        "Trois mois et demi après le démarrage : où en êtes-vous ? Trois minutes, réponses confidentielles.",
        "Trois mois et demi après le démarrage : où en êtes-vous ? Trois minutes. Qui lit vos réponses : l'ingénieur·e en mentorat les reçoit pour évaluer le programme, sous un pseudonyme, sans votre nom ni votre adresse ; vos réponses libres lui parviennent à part, détachées de toute personne et de vos autres réponses. Les référents RH ne voient que des résultats d'ensemble portant sur au moins cinq personnes. Votre mentor n'y a pas accès.",
    ),
    (
        "mid",
        "mentor",
        "Trois mois et demi après le démarrage : où en êtes-vous ? Trois minutes, réponses confidentielles.",
        "Trois mois et demi après le démarrage : où en êtes-vous ? Trois minutes. Qui lit vos réponses : l'ingénieur·e en mentorat les reçoit pour évaluer le programme, sous un pseudonyme, sans votre nom ni votre adresse ; vos réponses libres lui parviennent à part, détachées de toute personne et de vos autres réponses. Les référents RH ne voient que des résultats d'ensemble portant sur au moins cinq personnes. La personne que vous accompagnez n'y a pas accès.",
    ),
    (
        "end",
        "mentee",
        "Le programme s'achève : merci de nous dire ce qu'il vous a apporté. Dix minutes, réponses confidentielles ; l'équipe du programme n'en publie que des résultats d'ensemble portant sur au moins cinq personnes.",
        "Le programme s'achève : merci de nous dire ce qu'il vous a apporté. Dix minutes. Qui lit vos réponses : l'ingénieur·e en mentorat les reçoit pour évaluer le programme, sous un pseudonyme, sans votre nom ni votre adresse ; vos réponses libres lui parviennent à part, détachées de toute personne et de vos autres réponses. Les référents RH ne voient que des résultats d'ensemble portant sur au moins cinq personnes. Votre mentor n'y a pas accès.",
    ),
    (
        "end",
        "mentor",
        "Le programme s'achève : merci de nous dire ce qu'il vous a apporté. Dix minutes, réponses confidentielles ; l'équipe du programme n'en publie que des résultats d'ensemble portant sur au moins cinq personnes.",
        "Le programme s'achève : merci de nous dire ce qu'il vous a apporté. Dix minutes. Qui lit vos réponses : l'ingénieur·e en mentorat les reçoit pour évaluer le programme, sous un pseudonyme, sans votre nom ni votre adresse ; vos réponses libres lui parviennent à part, détachées de toute personne et de vos autres réponses. Les référents RH ne voient que des résultats d'ensemble portant sur au moins cinq personnes. La personne que vous accompagnez n'y a pas accès.",
    ),
]


def forwards(apps, schema_editor):
    Survey = apps.get_model("evaluation", "Survey")
    for phase, audience, old, new in INTRODUCTIONS:
        Survey.objects.filter(phase=phase, audience=audience, introduction=old).update(introduction=new)


def backwards(apps, schema_editor):
    Survey = apps.get_model("evaluation", "Survey")
    for phase, audience, old, new in INTRODUCTIONS:
        Survey.objects.filter(phase=phase, audience=audience, introduction=new).update(introduction=old)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0002_encrypted_free_text")]

    operations = [migrations.RunPython(forwards, backwards)]
