"""The Spark session every ``--engine spark`` stage runs in, and an ordered map over it."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from samestory._optional import require
from samestory.errors import WorkerError

if TYPE_CHECKING:
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

SPARK_CONF = {
    "spark.app.name": "samestory",
    "spark.ui.enabled": "false",  # no web server for a batch command
    "spark.ui.showConsoleProgress": "false",  # samestory's own --progress bar says how it goes
    "spark.log.level": "ERROR",  # from startup on, unlike setLogLevel afterwards
}


def spark_session(master: str) -> tuple[SparkSession, bool]:
    """The active Spark session, else a new one at ``master``; and whether it is new (then the
    caller stops it)."""
    require("pyspark", pip="'samestory[spark]'", purpose="the spark engine")
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        if active.sparkContext.master != master:
            log.warning("using the active Spark session at %s, not %s", active.sparkContext.master, master)
        return active, False
    if master.startswith("local"):
        # Spark starts the workers with `python3` from PATH, which may lack samestory; in local
        # mode they run on this machine, so this interpreter has everything they import
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master)
    for key, value in SPARK_CONF.items():
        builder = builder.config(key, value)
    return builder.getOrCreate(), True


def map_in_order(sc: SparkContext, task: Callable, items: list) -> list:
    """``task`` of each item, one Spark task per item, in the items' order."""
    if not items:
        return []
    from py4j.protocol import Py4JJavaError

    try:
        return sc.parallelize(items, len(items)).map(task).collect()
    except Py4JJavaError as exc:  # the JVM gave up on the job: an executor or worker lost
        message = str(exc.java_exception.toString()).splitlines()[0][:500]
        raise WorkerError(f"a Spark job failed: {message}") from None
