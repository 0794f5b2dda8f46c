"""python -m checkout: serves on $PORT (8080)."""

import sys

from .server import main

sys.exit(main())
