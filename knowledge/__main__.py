from knowledge.cli import main

main(prog_name="python -m knowledge")
