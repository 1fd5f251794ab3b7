"""``python -m medialit.cli``: the ``medialit`` command."""

import sys

from . import main

sys.exit(main())  # pragma: no cover
