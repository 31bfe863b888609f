"""`python -m triage_core evaluate|verify|flow|fhir|new ...`"""

import sys

from .cli import main

sys.exit(main())
