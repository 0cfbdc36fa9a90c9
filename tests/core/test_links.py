from django.urls import reverse

from mentorat.core.links import reverse_each


def test_reverse_each_gives_what_reverse_gives_for_every_key():
    keys = [1, 7, 42, 987654321, 10**12]
    links = reverse_each("sessions_binome:engineer_pair_detail", keys)
    assert links == {key: reverse("sessions_binome:engineer_pair_detail", args=[key]) for key in keys}


def test_reverse_each_of_no_key_is_empty():
    assert reverse_each("sessions_binome:engineer_pair_detail", []) == {}


def test_reverse_each_writes_the_arguments_after_the_key():
    links = reverse_each("sessions_binome:session_note", [3, 12], "mentee_preparation")
    assert links == {key: reverse("sessions_binome:session_note", args=[key, "mentee_preparation"]) for key in (3, 12)}
