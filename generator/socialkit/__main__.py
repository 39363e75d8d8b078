from socialkit.cli import entry

entry()
