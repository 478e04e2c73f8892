import pytest


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the emails) at the end of the block, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
