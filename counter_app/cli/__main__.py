"""`python -m counter_app.cli …`, as the `counter-app` console script."""

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
