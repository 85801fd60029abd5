"""``gainsly chat [--user NAME]``: the Telegram conversation, in a terminal.

One message per line from standard input, interactive or piped; the coach's replies on
standard output; exit 0 at end of input. Buttons print as numbered choices — type the
number or the label to pick one. The conversation is the same engine the bot runs, so
everything (onboarding, /today, logs, the rest timer) works here without a bot token; the
engine also remembers the choices shown last (in PostgreSQL), so a number typed in the next
run still picks from them.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from coach.conversation import ConversationEngine, Incoming
from coach.conversation.incoming import Attachment, Channel, Kind
from coach.errors import InvalidInput
from coach.replies import Reply
from gainsly.app import App, build_app
from gainsly.settings import Settings

_BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)

SETTING_UP = "Setting up your local coach database (first run only)…"

BANNER = (
    "Gainsly coach — type a message and press Enter. Numbers pick the choices shown.\n"
    "/start begins, /help lists commands, '/file PATH' sends a file (a CSV to import). Ctrl-D quits.\n"
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("chat", help="talk to your coach in the terminal (no bot token needed)")
    parser.add_argument("--user", default=None, help="local user to chat as (default: your OS user name)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    handle = (args.user or _os_user()).strip()
    if not handle:
        raise InvalidInput("--user needs a name")
    quiet_logs(settings)
    return asyncio.run(chat(settings, handle[:100], sys.stdin, sys.stdout, err=sys.stderr))


def quiet_logs(settings: Settings) -> None:
    """The chat is a conversation, not a server log: set-up narration (database created, library
    loaded) stays out of the terminal unless GAINSLY_LOG_LEVEL asks for it; warnings still show."""
    if "log_level" not in settings.model_fields_set:
        logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))


def setup_notice(settings: Settings) -> str | None:
    """A friendly line when the embedded database is about to be created (a few seconds, once)."""
    if settings.database_url is None and not (settings.data_dir / "postgres").exists():
        return SETTING_UP
    return None


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"


@dataclass
class Terminal:
    """Prints replies (buttons as numbered choices) and turns typed lines into messages.

    A typed number or label is sent as text: the engine knows which choices were shown.
    """

    engine: ConversationEngine
    handle: str
    out: TextIO
    files_dir: Path
    interactive: bool
    timers: set[asyncio.Task[None]] = field(default_factory=set)

    def incoming(self, line: str) -> Incoming:
        if line.startswith("/file"):
            path = Path(line[len("/file") :].strip()).expanduser()
            try:
                content = path.read_bytes()
            except OSError as exc:
                return Incoming.local(self.handle, f"(could not read {path}: {exc.strerror})")
            return Incoming(
                Channel.LOCAL,
                self.handle,
                Kind.DOCUMENT,
                display_name=self.handle,
                document=Attachment(path.name, content),
            )
        return Incoming.local(self.handle, line)

    def show(self, replies: list[Reply]) -> None:
        numbered = 0
        for reply in replies:
            if reply.text:
                marker = "· " if reply.extra.get("notice") else ""
                self.out.write(marker + self._text(reply.text) + "\n")
            if reply.image is not None:
                path = self._save(f"{self.handle}-chart.png", reply.image.png)
                caption = f" — {reply.image.caption}" if reply.image.caption else ""
                self.out.write(f"[chart saved to {path}]{caption}\n")
            if reply.document is not None:
                path = self._save(reply.document.filename, reply.document.content)
                self.out.write(f"[file saved to {path}]\n")
            if reply.timer is not None:
                self._start_timer(reply.timer.seconds, reply.timer.label)
            for row in reply.buttons:
                cells = []
                for button in row:
                    numbered += 1
                    cells.append(f"[{numbered}] {button.label}")
                self.out.write("  " + "   ".join(cells) + "\n")
        self.out.write("\n")
        self.out.flush()

    def _text(self, text: str) -> str:
        if self.interactive and self.out.isatty():
            return _BOLD.sub("\033[1m\\1\033[0m", text)
        return _BOLD.sub(r"\1", text)

    def _save(self, filename: str, content: bytes) -> Path:
        self.files_dir.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^\w.-]+", "_", filename) or "file"
        path = self.files_dir / safe
        path.write_bytes(content)
        return path

    def _start_timer(self, seconds: int, label: str | None) -> None:
        minutes, secs = divmod(seconds, 60)
        what = f" ({label})" if label else ""
        if not self.interactive:
            self.out.write(f"⏱ Rest {minutes}:{secs:02d}{what}\n")
            return
        self.out.write(f"⏱ Rest {minutes}:{secs:02d}{what} — I'll tell you when it's time.\n")

        async def ring() -> None:
            await asyncio.sleep(seconds)
            self.out.write(f"\n⏰ Rest over{what} — next set!\n")
            self.out.flush()

        task = asyncio.create_task(ring())
        self.timers.add(task)
        task.add_done_callback(self.timers.discard)


async def converse(app: App, handle: str, source: TextIO, out: TextIO, *, interactive: bool) -> None:
    """Read lines until end of input, answering each one."""
    terminal = Terminal(
        ConversationEngine(app.session_factory, app.deps),
        handle,
        out,
        app.settings.data_dir / "chat-files",
        interactive,
    )
    loop = asyncio.get_running_loop()
    while True:
        if interactive:
            out.write("you› ")
            out.flush()
        line = await loop.run_in_executor(None, source.readline)
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        terminal.show(await terminal.engine.handle(terminal.incoming(line)))
    for task in terminal.timers:
        task.cancel()


async def chat(
    settings: Settings, handle: str, source: TextIO, out: TextIO, *, err: TextIO | None = None
) -> int:
    """Talk until end of input; ``err`` gets the one-line notice of a first-run set-up."""
    interactive = source.isatty()
    if interactive:
        out.write(BANNER + "\n")
        out.flush()
    notice = setup_notice(settings)
    if notice is not None and err is not None:
        err.write(notice + "\n")
        err.flush()
    app = await build_app(settings)
    try:
        await converse(app, handle, source, out, interactive=interactive)
    finally:
        await app.aclose()
    if interactive:
        out.write("\nSee you at the next session. 👋\n")
    return 0
