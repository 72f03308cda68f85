"""Start Mosaic's server: ``python server.py [--port 8090] [--host 127.0.0.1] …`` (see ``mosaic serve --help``)."""

import sys

from mosaic.cli import main

if __name__ == "__main__":
    sys.argv[1:1] = ["serve"]
    main()
