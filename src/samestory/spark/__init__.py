"""Spark engines: the local stages' pure functions mapped over PySpark (``--engine spark``)."""
