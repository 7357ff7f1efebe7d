"""A long article parsed in two processes: the pieces (extract.pieces_of, whole paragraphs) split
in two by characters, the second half parsed by a child process while this one parses the first.

The parse is most of a long import (a 1 MB article: some 32 of 60 s, issue 15) and runs on one
core; the machines the workbench runs on have two or more. The child sends its docs back as
spaCy's own bytes (every token attribute the rules read: tags, morphology, lemmas, heads,
dependencies, sentence starts, entities), and the docs are those one process makes, so claims
and their offsets do not change. Where a second process cannot be had (one core, no
multiprocessing, a child that dies) the pieces are parsed here, as before.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from spacy.language import Language
    from spacy.tokens import Doc

PARALLEL_CHARS = 100_000
"""An article of more characters than this is parsed in two processes. A child costs a fork
(or, beside other threads, a fresh interpreter loading the model: some seconds) and its docs
about a second per megabyte to send back; ordinary articles (a few thousand characters) stay in
one process."""
_SENT = ("user_data", "tensor")
"""Left out of the bytes a child sends: the pieces' extension values are set here, and the
tok2vec tensor, which nothing after the parser reads, would be most of the bytes."""


def parse_texts(nlp: Language, language: str, texts: list[str], disable: list[str], batch_size: int) -> list[Doc]:
    """The texts parsed by `nlp` without the `disable`d components, in order; in two processes
    when they hold more than PARALLEL_CHARS characters and a second core is there."""
    if sum(len(t) for t in texts) <= PARALLEL_CHARS or len(texts) < 2 or _cores() < 2:
        return _parse(nlp, texts, disable, batch_size)
    half = _halfway(texts)
    started = _start(language, texts[half:], disable, batch_size)
    if started is None:
        return _parse(nlp, texts, disable, batch_size)
    process, receiver = started
    try:
        first = _parse(nlp, texts[:half], disable, batch_size)
        try:
            sent: list[bytes] | None = receiver.recv()
        except (EOFError, OSError):
            sent = None  # the child died: its half is parsed here
        process.join()
    finally:
        receiver.close()
        if process.is_alive():  # interrupted meanwhile
            process.kill()
            process.join()
    if sent is None or len(sent) != len(texts) - half:
        return first + _parse(nlp, texts[half:], disable, batch_size)
    from spacy.tokens import Doc

    return first + [Doc(nlp.vocab).from_bytes(data) for data in sent]


def _parse(nlp: Language, texts: list[str], disable: list[str], batch_size: int) -> list[Doc]:
    with nlp.select_pipes(disable=disable):
        return list(nlp.pipe(texts, batch_size=batch_size))


def _halfway(texts: list[str]) -> int:
    """Where to cut the texts so both halves hold about as many characters (each keeps one at least)."""
    total, seen = sum(len(t) for t in texts), 0
    for i, text in enumerate(texts):
        if seen + len(text) / 2 >= total / 2:
            return min(max(i, 1), len(texts) - 1)
        seen += len(text)
    return len(texts) - 1


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _start(
    language: str, texts: list[str], disable: list[str], batch_size: int
) -> tuple[BaseProcess, Connection] | None:
    """A child parsing `texts`, and the end of the pipe its docs come back on; None where no child
    can be started. Forked when this process runs one thread (the model is shared, not loaded
    again); beside other threads (the TUI's), forking is unsafe, so a fresh interpreter loads it."""
    try:
        import multiprocessing

        method = (
            "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"
        )
        context: Any = multiprocessing.get_context(method)
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_child, args=(language, texts, disable, batch_size, sender), daemon=True, name="workbench-parse"
        )
        process.start()
    except (ImportError, OSError, ValueError, RuntimeError):
        return None
    sender.close()
    return process, receiver


def _child(language: str, texts: list[str], disable: list[str], batch_size: int, sender: Connection) -> None:
    """In the child: parse, send the docs' bytes, and end quietly whatever happens (the parent
    parses the texts itself when nothing comes); Ctrl-C is the parent's to handle, and a parent
    killed outright takes the child with it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    try:
        from workbench.nlp.pipeline import load_nlp

        nlp = load_nlp(language)
        sender.send([doc.to_bytes(exclude=list(_SENT)) for doc in _parse(nlp, texts, disable, batch_size)])
    except BaseException:  # noqa: BLE001, S110 - the parent parses these texts itself
        pass
    finally:
        sender.close()


def _die_with_parent() -> None:
    """On Linux, ask to be killed when the parent dies (a kill -9 of an import leaves no child parsing)."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
