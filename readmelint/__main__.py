from readmelint.cli import run

run()
