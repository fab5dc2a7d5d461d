"""``python -m propmgmt_rules``: the command line."""

import sys

from .cli import main

sys.exit(main())
