"""Lint rules, one module a family; each module lists its rules in `RULES`.

See `planctl.lint.registry` for how to add a rule.
"""
