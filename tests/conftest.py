"""Test-wide settings.

Hypothesis's per-example deadline is a timing assertion; timings belong in the benchmarks
(``benchmarks/``), never in unit tests, where a loaded CI machine would make them flaky. Every
property test runs without one (a test's own ``@settings`` still sets its example count).
"""

from hypothesis import settings

settings.register_profile("propmgmt-rules", deadline=None)
settings.load_profile("propmgmt-rules")
