"""Scaling out: many machines on Spark (`spark`); many processes on one machine is
`nlp.parallel` (api runs it, and api may not import scale)."""
