from django.urls import path

from .views import applicant, engineer, hr

app_name = "candidatures"

urlpatterns = [
    # applicants
    path("candidater/lien/<str:token>/", applicant.apply_from_link, name="apply_from_link"),
    # public: the "do not invite me again" link of an invitation email
    path("invitations/ne-plus-inviter/<str:token>/", applicant.invitation_opt_out_view, name="invitation_opt_out"),
    path("candidater/", applicant.application_start, name="start"),
    path("candidater/<str:role>/", applicant.application_new, name="new"),
    path("candidatures/<int:pk>/", applicant.application_detail, name="detail"),
    path("candidatures/<int:pk>/modifier/", applicant.application_edit, name="edit"),
    path("candidatures/<int:pk>/retirer/", applicant.application_withdraw_view, name="withdraw"),
    path("candidatures/<int:pk>/reprendre/", applicant.application_reopen_view, name="reopen"),
    # HR referents
    path("rh/relais/", hr.relay_home, name="relay_home"),
    path("rh/organismes/<int:organisation_id>/kit/", hr.relay_kit, name="relay_kit"),
    path(
        "rh/organismes/<int:organisation_id>/lien/regenerer/",
        hr.relay_link_regenerate_view,
        name="relay_link_regenerate",
    ),
    path("rh/organismes/<int:organisation_id>/suivi/", hr.tracking, name="tracking"),
    # eligibility review (HR referent of the organisation, or engineer)
    path("examen/candidatures/<int:pk>/", hr.application_review, name="review"),
    path("examen/validation-groupee/", hr.bulk_validate, name="bulk_validate"),
    # programme engineer
    path("pilotage/candidatures/", engineer.application_list, name="engineer_list"),
    path("pilotage/appel/", engineer.call_settings, name="call_settings"),
    path("pilotage/candidatures/import/", engineer.import_applications, name="import"),
    path("pilotage/candidatures/import/<int:pk>/", engineer.import_job, name="import_job"),
]
