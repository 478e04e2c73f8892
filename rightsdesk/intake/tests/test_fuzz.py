"""Generated hostile requests to every public form (rightsdesk/intake/tests/fuzzing.py): never a
server error, never an error logged, and a person's earlier answers always still load.

A small seeded run (the same examples every time, no hypothesis database); bench/fuzz.py sends
10,000 and more.
"""

import pytest
from hypothesis import HealthCheck, given, settings

from rightsdesk.intake.tests import fuzzing

pytestmark = pytest.mark.django_db

# The complaint steps get more examples: there are fifteen of them behind one target.
EXAMPLES = {"step": 120, "status_detail": 30, "review": 20}
FUZZ_SETTINGS = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@pytest.fixture
def fuzzer(file_store):
    return fuzzing.Fuzzer()


def _fuzz(target):
    @settings(max_examples=EXAMPLES.get(target, 12), **FUZZ_SETTINGS)
    @given(visit=fuzzing.visits(target))
    def run(fuzzer, visit):
        failures = fuzzer.run(visit)
        assert not failures, "\n".join(f.report() for f in failures)

    return run


@pytest.mark.parametrize("target", list(fuzzing.TARGETS))
def test_generated_requests_never_cause_a_server_error(fuzzer, target):
    _fuzz(target)(fuzzer)
    assert fuzzer.sent >= EXAMPLES.get(target, 12)
    assert not [status for status in fuzzer.statuses if status >= 500]
