"""``python -m bot`` is the same as ``tthc-bot``."""

import sys

from bot.cli import main

sys.exit(main())
