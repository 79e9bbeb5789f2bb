"""``python -m kansenmonitor`` runs the command-line interface."""

import sys

from kansenmonitor.cli import main

sys.exit(main())
