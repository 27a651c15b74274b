"""``python -m pressespiegel`` runs the command line."""

from pressespiegel.cli import main

main()
