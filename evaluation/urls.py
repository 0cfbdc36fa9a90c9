from django.urls import path

from .views import editions, engineer, indicators, participant

app_name = "evaluation"

urlpatterns = [
    # participants
    path("questionnaires/", participant.my_surveys, name="my_surveys"),
    path("questionnaires/<int:survey_id>/", participant.answer, name="answer"),
    path("questionnaires/reponses/<int:response_id>/", participant.my_response, name="my_response"),
    # programme engineer: questionnaires
    path("pilotage/evaluation/", engineer.home, name="engineer_home"),
    path("pilotage/evaluation/questionnaires/par-defaut/", engineer.defaults_create, name="defaults_create"),
    path("pilotage/evaluation/questionnaires/<int:survey_id>/", engineer.survey_detail, name="survey_detail"),
    path("pilotage/evaluation/questionnaires/<int:survey_id>/apercu/", engineer.survey_preview, name="survey_preview"),
    path(
        "pilotage/evaluation/questionnaires/<int:survey_id>/questions/ajouter/",
        engineer.question_create,
        name="question_create",
    ),
    path("pilotage/evaluation/questions/<int:question_id>/", engineer.question_edit, name="question_edit"),
    path(
        "pilotage/evaluation/questions/<int:question_id>/supprimer/",
        engineer.question_delete_view,
        name="question_delete",
    ),
    path(
        "pilotage/evaluation/questions/<int:question_id>/deplacer/", engineer.question_move_view, name="question_move"
    ),
    # indicators, report and exports
    path("pilotage/evaluation/indicateurs/", indicators.engineer_indicators, name="engineer_indicators"),
    path(
        "pilotage/evaluation/indicateurs/<slug:theme>/",
        indicators.engineer_indicators,
        name="engineer_indicators_theme",
    ),
    path("pilotage/evaluation/editions/", editions.engineer_editions, name="engineer_editions"),
    path("pilotage/evaluation/rapport.pdf", indicators.engineer_report, name="engineer_report"),
    path("pilotage/evaluation/donnees.csv", indicators.data_csv, name="data_csv"),
    path("pilotage/evaluation/reponses-libres.csv", indicators.free_text_csv_view, name="free_text_csv"),
    path("pilotage/evaluation/donnees.xlsx", indicators.data_xlsx, name="data_xlsx"),
    path("pilotage/evaluation/rapports/", indicators.report_job_create, name="report_job_create"),
    path(
        "pilotage/evaluation/rapports/<int:job_id>/avancement/",
        indicators.report_job_progress_view,
        name="report_job_progress",
    ),
    path(
        "pilotage/evaluation/rapports/<int:job_id>/<str:kind>/",
        indicators.report_job_download,
        name="report_job_download",
    ),
    path("rh/evaluation/", indicators.hr_indicators, name="hr_indicators"),
    path("rh/evaluation/indicateurs/<slug:theme>/", indicators.hr_indicators, name="hr_indicators_theme"),
    path("rh/evaluation/editions/", editions.hr_editions, name="hr_editions"),
    path("rh/evaluation/rapport.pdf", indicators.hr_report, name="hr_report"),
]
