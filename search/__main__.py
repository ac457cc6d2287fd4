"""`python -m search ...`: the command-line interface."""
import sys

from search.cli import main

sys.exit(main())
