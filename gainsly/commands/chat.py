"""``gainsly chat [--user NAME]``: the Telegram conversation, in a terminal.

One message per line from standard input, interactive or piped; the coach's replies on
standard output; exit 0 at end of input. Buttons print as numbered choices — type the
number or the label to pick one. The conversation is the same engine the bot runs, so
everything (onboarding, /today, logs, the rest timer) works here without a bot token.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from coach.conversation import ConversationEngine, Incoming
from coach.conversation.incoming import Attachment, Channel, Kind
from coach.errors import InvalidInput
from coach.replies import Button, Reply
from gainsly.app import App, build_app
from gainsly.settings import Settings

_BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)
_LABEL_NOISE = re.compile(r"[^\w+-]+")

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
    return asyncio.run(chat(settings, handle[:100], sys.stdin, sys.stdout))


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"


def _label_key(label: str) -> str:
    """A label as typed: case, emoji and punctuation ignored; + and − kept (they differ)."""
    return _LABEL_NOISE.sub(" ", label.lower().replace("−", "-")).strip()


@dataclass
class Terminal:
    """Prints replies and turns typed lines into messages or button presses."""

    engine: ConversationEngine
    handle: str
    out: TextIO
    files_dir: Path
    interactive: bool
    choices: list[Button] = field(default_factory=list)
    timers: set[asyncio.Task[None]] = field(default_factory=set)

    def incoming(self, line: str) -> Incoming:
        picked = self._pick(line)
        if picked is not None:
            return Incoming.local(self.handle, picked.label, callback=picked.data)
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

    def _pick(self, line: str) -> Button | None:
        """The choice ``line`` names: a label typed out (which wins, so "4" picks the "4" button),
        a choice number, or the unambiguous start of a label ("next" for "Next (2/3) →")."""
        if not self.choices:
            return None
        wanted = _label_key(line)
        if not wanted:
            return None
        exact = [b for b in self.choices if _label_key(b.label) == wanted]
        if exact:
            return exact[0]
        if line.isdigit() and 1 <= int(line) <= len(self.choices):
            return self.choices[int(line) - 1]
        starts = [b for b in self.choices if _label_key(b.label).startswith(wanted + " ")]
        return starts[0] if len(starts) == 1 else None

    def show(self, replies: list[Reply]) -> None:
        numbered: list[Button] = []
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
                    numbered.append(button)
                    cells.append(f"[{len(numbered)}] {button.label}")
                self.out.write("  " + "   ".join(cells) + "\n")
        if numbered:
            self.choices = numbered
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


async def chat(settings: Settings, handle: str, source: TextIO, out: TextIO) -> int:
    interactive = source.isatty()
    if interactive:
        out.write(BANNER + "\n")
        out.flush()
    app = await build_app(settings)
    try:
        await converse(app, handle, source, out, interactive=interactive)
    finally:
        await app.aclose()
    if interactive:
        out.write("\nSee you at the next session. 👋\n")
    return 0
