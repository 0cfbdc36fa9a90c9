"""A new model linked to a person fails here until the data download exports it or explains why not."""

from django.apps import apps
from django.contrib.auth import get_user_model

from mentorat.privacy.selectors import EXPORTED, NOT_PERSONAL


def _personal_roots():
    return {
        get_user_model(),
        apps.get_model("candidatures", "Application"),
        apps.get_model("sessions_binome", "Pair"),
        apps.get_model("sessions_binome", "MentoringSession"),
        apps.get_model("evaluation", "Response"),
    }


def linked_models():
    roots = _personal_roots()
    for model in apps.get_models():
        relations = [
            f
            for f in model._meta.get_fields()
            if f.is_relation and (f.concrete or f.many_to_many) and not f.auto_created
        ]
        if model is get_user_model() or any(f.related_model in roots for f in relations):
            yield model._meta.label


def test_every_model_linked_to_a_person_is_exported_or_explained():
    missing = sorted(set(linked_models()) - set(EXPORTED) - set(NOT_PERSONAL))
    assert not missing, f"models linked to a person, neither exported nor listed as not personal: {missing}"


def test_the_lists_name_existing_models_once():
    for label in [*EXPORTED, *NOT_PERSONAL]:
        apps.get_model(label)
    assert not set(EXPORTED) & set(NOT_PERSONAL)
    assert all(reason.strip() for reason in NOT_PERSONAL.values())
