"""One local SparkSession for the whole test session (a JVM start costs tens of seconds on a busy machine).

Every Spark test lives in one module so that `pytest -n 2 --dist loadfile` starts one JVM, not one per worker.
The tests are skipped only when no Java runtime is installed (`.ci/run` installs Debian's headless JRE).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tacitus.spark import java_available


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    if not java_available():
        pytest.skip("no Java runtime: Spark needs Java 17+ (apt-get install openjdk-17-jre-headless)")
    from tacitus.spark import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()
