"""`python -m tacitus.extract …`: the extract command without loading every other `tacitus` subcommand.

Same options and output as `tacitus extract`; starts faster because the main command group imports all
stages (analysis, reports, …) before it runs any of them.
"""

from tacitus.extract.cli import extract_command

if __name__ == "__main__":
    extract_command(prog_name="python -m tacitus.extract")
