"""Drive the engine like a citizen would: type text, press buttons, read replies."""

from __future__ import annotations

from typing import Any

from handlers.types import Button, Incoming, Reply


class Chat:
    """One chat with the engine; remembers the last replies to press their buttons."""

    def __init__(
        self, engine: Any, chat_id: str = "u1", channel: str = "test", locale: str = "vi"
    ) -> None:
        self.engine = engine
        self.chat_id = chat_id
        self.channel = channel
        self.locale = locale
        self.last: list[Reply] = []

    async def send(self, msg: Incoming) -> list[Reply]:
        self.last = await self.engine.handle(msg)
        return self.last

    async def say(self, text: str | None, kind: str = "text") -> list[Reply]:
        """Type a message."""
        return await self.send(
            Incoming(
                channel=self.channel,
                chat_id=self.chat_id,
                text=text,
                kind=kind,
                locale=self.locale,
            )
        )

    async def press(self, payload: str) -> list[Reply]:
        """Press a button by its payload."""
        return await self.send(
            Incoming(
                channel=self.channel, chat_id=self.chat_id, payload=payload, locale=self.locale
            )
        )

    def buttons(self) -> list[Button]:
        return [b for r in self.last for b in r.flat_buttons()]

    def labels(self) -> list[str]:
        return [b.label for b in self.buttons()]

    async def click(self, label_part: str) -> list[Reply]:
        """Press the first offered button whose label contains ``label_part``."""
        for button in self.buttons():
            if label_part.lower() in button.label.lower():
                return await self.press(button.payload)
        raise AssertionError(f"no button {label_part!r} among {self.labels()}")

    def payload(self, prefix: str) -> str | None:
        """The first offered payload starting with ``prefix`` (e.g. ``"ck:d:have"``)."""
        return next((b.payload for b in self.buttons() if b.payload.startswith(prefix)), None)

    async def press_prefix(self, prefix: str) -> list[Reply]:
        """Press the offered button whose payload starts with ``prefix``."""
        payload = self.payload(prefix)
        if payload is None:
            raise AssertionError(
                f"no button {prefix!r} among {[b.payload for b in self.buttons()]}"
            )
        return await self.press(payload)

    @property
    def text(self) -> str:
        """All reply texts of the last turn joined."""
        return "\n".join(r.text for r in self.last)
