"""Scaling out: many processes on one machine (`parallel`), many machines on Spark (`spark`)."""
