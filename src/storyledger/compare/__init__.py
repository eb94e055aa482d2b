"""Cross-outlet comparison: story grouping, fact alignment, discrepancies, timeline."""
