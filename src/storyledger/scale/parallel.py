"""Extraction on several processes: lives in nlp/parallel.py (api uses it, and api may not
import scale); re-exported here for callers of the old name."""

from storyledger.nlp.parallel import extract_parallel

__all__ = ["extract_parallel"]
