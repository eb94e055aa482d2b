"""`python -m storyledger.cli`, the same as the `storyledger` entry point."""

from storyledger.cli import main

main()
