import pytest

from tests.factories import ApplicationFactory, UserFactory


@pytest.fixture
def make_mentor(programme, other_organisation):
    """make_mentor(last_name=..., **application traits): a person with a mentor application (validated by default)."""
    serial = iter(range(1, 10_000))

    def make(last_name=None, **traits):
        number = next(serial)
        user = UserFactory(
            email=f"mentor{number}@caf.fr",
            first_name="Camille",
            last_name=last_name or f"Mentor{number:03d}",
            organisation=other_organisation,
        )
        traits.setdefault("validated", True)
        ApplicationFactory(programme=programme, user=user, mentor=True, **traits)
        return user

    return make
