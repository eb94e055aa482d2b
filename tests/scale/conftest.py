"""Spark tests need the scale extra (pip install storyledger[scale]); without it they are
skipped, named."""

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
