from journeydocs.cli import run

run()
