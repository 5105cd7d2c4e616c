"""Spark as the engine beyond one machine: extraction over partitions, Splink linkage and Ibis indicators.

The store stays the system of record: Spark reads documents or Parquet exported from it and every result comes
back through the `Store` interface. Needs the `spark` extra (`pip install 'tacitus[spark]'`) and Java 17+.
"""

from tacitus.spark.session import java_available, spark_session

__all__ = ["java_available", "spark_session"]
