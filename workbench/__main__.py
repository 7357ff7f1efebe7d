from workbench.cli import cli

cli()
