"""Thin adapters between each messaging platform and the engine's Incoming/Reply envelope."""

import os

# python-telegram-bot 22 moves time periods (RetryAfter.retry_after...) to timedelta; opt in
# now so it stops warning (our code reads both forms: telegram_send.retry_after_seconds)
os.environ.setdefault("PTB_TIMEDELTA", "1")
