"""One SparkSession per process, configured for Tacitus: local[N] by default, a cluster with a master URL.

Why these settings: Arrow carries pandas frames to and from Python workers (mapInPandas, toPandas) without
row-by-row pickling; the web UI and its port are off (tests and batch jobs run side by side); shuffles get a few
partitions per core instead of Spark's 200, which on small and medium inputs would cost more than the work.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from tacitus.errors import TacitusError
from tacitus.extract.parallel import available_cores


class EngineUnavailable(TacitusError, RuntimeError):
    """The Spark engine cannot start here (no Java, no pyspark): one line for the user, not a traceback."""


def java_available() -> bool:
    """True when a Java runtime is on PATH or under JAVA_HOME (Spark's JVM needs one; Java 17+ for Spark 4)."""
    home = os.environ.get("JAVA_HOME")
    return shutil.which("java") is not None or bool(home and os.path.exists(os.path.join(home, "bin", "java")))


def spark_session(master: str | None = None, *, app_name: str = "tacitus") -> Any:
    """The active SparkSession, or a new one on `master` (default `local[N]`, N = the cores available).

    Executors run this same Python (`PYSPARK_PYTHON`) unless the environment says otherwise, so in local mode the
    Python workers import the installed `tacitus`; on a cluster, install `tacitus[spark]` on every executor.
    """
    if not java_available():
        raise EngineUnavailable("Spark needs a Java runtime (17 or later): install one, e.g. openjdk-17-jre-headless")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineUnavailable("the Spark engine needs pyspark: pip install 'tacitus[spark]'") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    active = SparkSession.getActiveSession()
    if active is not None and (master is None or active.sparkContext.master == master):
        return active
    cores = available_cores()
    builder = (
        SparkSession.builder.appName(app_name)
        .master(master or f"local[{cores}]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", str(4 * cores) if master is None else "200")
        .config("spark.sql.session.timeZone", "UTC")
    )
    jar = _splink_similarity_jar()
    if jar:
        builder = builder.config("spark.jars", jar)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _splink_similarity_jar() -> str | None:
    """Splink's jar of string-similarity functions (jaro_winkler, …) for this Spark version, when Splink has one:
    jars can only join a session when it starts, and linkage comparisons may call those functions."""
    try:
        from splink.backends.spark import similarity_jar_location

        path: str = similarity_jar_location()
    except Exception:  # no Splink, or a Spark version without a matching jar: comparisons use built-ins only
        return None
    return path if os.path.exists(path) else None
