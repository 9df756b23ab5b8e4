"""Entry point of the frozen desk application: the same as the ``counter-app`` command."""

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
