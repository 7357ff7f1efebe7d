"""The terminal UI: a thin shell over `workbench.service.Workbench`.

Nothing is imported here, so `import workbench.tui` stays cheap; the app lives in `workbench.tui.app`.
"""
