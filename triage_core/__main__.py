"""`python -m triage_core evaluate|verify|flow ...`"""

import sys

from .cli import main

sys.exit(main())
