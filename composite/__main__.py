import sys

from composite.cli import main

sys.exit(main())
