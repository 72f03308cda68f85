"""``python -m mosaic`` runs the command line."""

from mosaic.cli import main

main()
