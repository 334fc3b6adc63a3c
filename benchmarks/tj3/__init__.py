"""Benchmarks of planctl against TaskJuggler (tj3): levelling quality and speed."""
