from django.urls import path

from .questions import views as questions
from .views import engineer, participant

app_name = "matching"

urlpatterns = [
    # mentee
    path("mes-propositions/", participant.my_proposals, name="my_proposals"),
    path("mes-propositions/<int:proposal_id>/choisir/", participant.choose, name="choose"),
    path("mes-propositions/<int:proposal_id>/question/", questions.ask, name="ask_question"),
    path("mes-demandes/<int:request_id>/annuler/", participant.cancel_request, name="cancel_request"),
    path("mon-binome/<int:pair_id>/changer-de-mentor/", participant.change_mentor, name="change_mentor"),
    # mentor
    path("mon-binome/<int:pair_id>/arreter/", participant.mentor_end_pair, name="mentor_end_pair"),
    path("demandes/", participant.mentor_requests, name="mentor_requests"),
    path("demandes/<int:request_id>/", participant.request_answer, name="request_answer"),
    path("demandes/questions/<int:question_id>/", questions.answer, name="question_answer"),
    # programme engineer
    path("pilotage/mise-en-relation/", engineer.console, name="console"),
    path("pilotage/mise-en-relation/reglages/", engineer.settings_edit, name="settings"),
    path("pilotage/mise-en-relation/parcours/<int:track_id>/lancer/", engineer.run_start, name="run_start"),
    path("pilotage/mise-en-relation/<int:run_id>/", engineer.run_detail, name="run_detail"),
    path("pilotage/mise-en-relation/<int:run_id>/avancement/", engineer.run_progress, name="run_progress"),
    path("pilotage/mise-en-relation/<int:run_id>/mentors/", engineer.run_mentors, name="run_mentors"),
    path("pilotage/mise-en-relation/<int:run_id>/ajouter/", engineer.proposal_add_view, name="proposal_add"),
    path(
        "pilotage/mise-en-relation/propositions/<int:proposal_id>/retirer/",
        engineer.proposal_remove_view,
        name="proposal_remove",
    ),
    path(
        "pilotage/mise-en-relation/<int:run_id>/mentores/<int:mentee_id>/ajouter/",
        engineer.proposal_search,
        name="proposal_search",
    ),
    path("pilotage/mise-en-relation/<int:run_id>/exclure/", engineer.exclusion_add_view, name="exclusion_add"),
    path(
        "pilotage/mise-en-relation/<int:run_id>/ancien-mentor/",
        engineer.former_mentor_allowance_view,
        name="former_mentor_allowance",
    ),
    path("pilotage/mise-en-relation/<int:run_id>/publier/", engineer.run_publish, name="run_publish"),
    path("pilotage/mise-en-relation/<int:run_id>/export.csv", engineer.run_export, name="run_export"),
    path("pilotage/binomes/<int:pair_id>/arreter/", engineer.pair_end_view, name="engineer_pair_end"),
]
