"""adopt's scale benchmarks: ``make bench`` runs ``python -m bench.run`` (see README.md)."""
