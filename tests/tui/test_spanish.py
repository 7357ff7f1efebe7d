"""The TUI driven in Spanish (issue 17): footer, palette, tables, detail and dialogs, and snapshots."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from tests.tui.helpers import opened, settle, settle_steady, text_of, wait_until
from tests.tui.test_app import Notes
from workbench import i18n
from workbench.service import Workbench
from workbench.tui.app import make_app
from workbench.tui.commands import binding_commands
from workbench.tui.dialogs.source import SourceDialog
from workbench.tui.dialogs.verdict import VerdictDialog


@pytest.fixture
def spanish() -> None:
    i18n.set_language("es")


def footer_words(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


def column_labels(table: DataTable) -> list[str]:
    return [str(column.label) for column in table.columns.values()]


async def test_the_main_screen_speaks_spanish(frozen: Workbench, spanish):
    async with opened(frozen) as (app, pilot):
        words = footer_words(app)
        assert {"Salir", "Veredicto", "Fuente", "Buscar", "Informe", "Cola", "Teclas"} <= set(words)
        assert not {"Quit", "Verdict", "Source", "Find", "Export", "Queue", "Keys"} & set(words)
        assert column_labels(app.screen.query_one("#claims", DataTable)) == ["#", "Tipo", "Estado", "Afirmación"]
        assert column_labels(app.screen.query_one("#articles", DataTable)) == ["Título", "Fecha", "Revisión"]
        heading = text_of(app.screen.query_one("#detail-heading"))
        assert "puntuación" in heading and "score" not in heading
        assert app.screen.query_one("#claims").border_subtitle.endswith("afirmaciones")


async def test_the_palette_finds_veredicto(frozen: Workbench, spanish):
    async with opened(frozen) as (app, pilot):
        titles = [command.title for command in binding_commands(app, app.screen)]
        assert titles[:2] == ["Veredicto", "Fuente"] and "Salir" in titles
        everything = [command.title for command in app.get_system_commands(app.screen)]
        assert "Quit" not in everything and "Keys" not in everything  # Textual's own, replaced by ours
        assert "Tema" in everything and "Theme" not in everything  # the rest of Textual's, translated
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"veredicto")
        commands = app.screen.query_one(CommandList)
        await wait_until(
            pilot,
            lambda: (
                commands.highlighted is not None
                and "Veredicto" in str(commands.get_option_at_index(commands.highlighted).prompt)
            ),
        )


async def test_the_verdict_and_source_dialogs_speak_spanish_and_store_the_values(frozen: Workbench, spanish):
    notes = Notes()
    async with opened(frozen, notes=notes) as (app, pilot):
        claim_id = app.screen.claim_id
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, VerdictDialog)
        prompts = [str(app.screen.query_one("#ratings").get_option_at_index(i).prompt) for i in range(2)]
        assert prompts == ["1  Verdadero", "2  Mayormente verdadero"]
        await pilot.press("2", "ctrl+s")
        await settle(pilot)
        assert frozen.verdict_history(claim_id)[-1]["rating"] == "Mostly true"  # stored as the scale spells it
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SourceDialog)
        labels = [str(button.label) for button in app.screen.query("RadioButton")]
        assert labels == ["respalda", "refuta", "contexto"]
        app.screen.query_one("#url").value = "https://www.mod.go.jp/"
        await pilot.click("#stance-refutes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [s["stance"] for s in frozen.review(claim_id).sources] == ["refutes"]
        assert [note.message for note in notes] == [
            f"Afirmación {claim_id}: Mayormente verdadero.",
            f"Fuente 1 adjuntada a la afirmación {claim_id}.",
        ]
        detail = text_of(app.screen.query_one("#detail-verdict"))
        assert detail.startswith("Mayormente verdadero · ") and detail.endswith(" · hace 5 min")  # FIXED_NOW


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_main_screen_in_spanish(snap_compare, frozen: Workbench, size: tuple[int, int]):
    """The main screen in Spanish: every footer word, column and heading whole at both sizes."""
    i18n.set_language("es")
    assert snap_compare(make_app(frozen), terminal_size=size, run_before=settle_steady)


def test_main_screen_with_key_help_in_spanish_at_80x24(snap_compare, frozen: Workbench):
    i18n.set_language("es")
    assert snap_compare(make_app(frozen), terminal_size=(80, 24), press=["question_mark"], run_before=settle_steady)


async def test_the_detail_names_actors_in_spanish(frozen: Workbench, spanish):
    from tests.tui.test_app import detail_field

    async with opened(frozen) as (app, _pilot):
        entities = detail_field(app, "entities")
        assert "Rusia (LOC)" in entities and "Russia" not in entities  # stored as Russia
        assert "Vladimir Putin → Vladímir Putin (PER)" in entities
