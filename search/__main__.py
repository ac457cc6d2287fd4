"""`python -m search ...`: the command-line interface."""
import os
import sys

from search.cli import main

try:
    sys.exit(main())
except BrokenPipeError:              # output piped into head and the like
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)
