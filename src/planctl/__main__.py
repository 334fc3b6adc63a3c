"""`python -m planctl` runs the command line."""

from planctl.cli import run

run()
