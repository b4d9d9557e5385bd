"""How a card names a legal document: its kind and issuer read from the number's form, the
name of a known law (``knowledge/data/legal_names.yaml``), and a title kept only when it
says more than the number.

"60/2014/QH13: Luật 60/2014/QH13" becomes "Luật Hộ tịch 2014 (60/2014/QH13)";
"99/2022/NĐ-CP: Về đăng ký biện pháp bảo đảm" becomes "Nghị định 99/2022/NĐ-CP của Chính
phủ: Về đăng ký biện pháp bảo đảm"; a title that already cites the number is the citation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.normalize import fold

_DATA = Path(__file__).parent / "data" / "legal_names.yaml"
_KINDS = ("bộ luật", "luật", "nghị định", "nghị quyết", "thông tư liên tịch", "thông tư",
          "quyết định", "pháp lệnh", "lệnh", "văn bản hợp nhất")  # fmt: skip
_KINDS_FOLDED = frozenset(fold(k) for k in _KINDS)
_SUFFIX = re.compile(
    r"/(?:(NĐ-CP)|(NQ-CP)|QĐ-([A-Za-zĐđ]+)|TT-([A-Za-zĐđ]+)|(TTLT)-[A-Za-zĐđ&-]+|(UBTVQH)\d*|(QH)\d+)$"
)


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8")) or {}
    return dict(data.get("issuers") or {}), dict(data.get("laws") or {})


def kind_and_issuer(number: str) -> tuple[str | None, str | None]:
    """What the number's form says: ("Nghị định", "Chính phủ"), ("Thông tư", "Bộ Tài
    chính"), (None, "Quốc hội") for a law or resolution of the Assembly; (None, None)."""
    issuers, _laws = _table()
    m = _SUFFIX.search(number.strip())
    if not m:
        return None, None
    decree, resolution, decision, circular, joint, standing, assembly = m.groups()
    if decree:
        return "Nghị định", "Chính phủ"
    if resolution:
        return "Nghị quyết", "Chính phủ"
    if decision:
        return "Quyết định", issuers.get(decision)
    if circular:
        return "Thông tư", issuers.get(circular)
    if joint:
        return "Thông tư liên tịch", None
    if standing:
        return None, "Ủy ban Thường vụ Quốc hội"
    return None, "Quốc hội" if assembly else None


def _bare(title: str, number: str) -> bool:
    """The title says nothing but a kind and the number ("Luật 60/2014/QH13", "Quyết định")."""
    rest = fold(title).replace(fold(number), " ")
    rest = re.sub(r"\bso\b|[\s:.,()-]+", " ", rest).strip()
    return not rest or rest in _KINDS_FOLDED


def citation(number: str, title: str) -> str:
    """The document as the card names it."""
    number, title = number.strip(), " ".join(title.split())
    at = fold(title).find(fold(number))
    if at > 0 and fold(title)[at - 1].isalnum():
        title = ""  # glued to other text ("TT29/20252729/QĐ-BCT"): not a title
    if title and at >= 0 and not _bare(title, number):
        return title  # "Nghị định số 120/2025/NĐ-CP ngày 11/6/2025 của Chính phủ quy định..."
    law = _table()[1].get(number)
    kind, issuer = kind_and_issuer(number)
    if kind is None and title:
        # "Pháp lệnh 06/2013/UBTVQH13", "Luật 28/2018/QH14": the title says the kind
        kind = next((k for k in _KINDS if fold(title).startswith(fold(k) + " ")), None)
        kind = kind[:1].upper() + kind[1:] if kind else None
    if law:
        head = f"{law} ({number})"
    elif kind:
        head = f"{kind} {number}" + (f" của {issuer}" if issuer else "")
    elif issuer:
        head = f"{number} của {issuer}"
    else:
        head = number
    if not title or _bare(title, number) or (law and fold(title) in fold(law)):
        return head
    if not law and kind in ("Luật", "Bộ luật") and fold(title).startswith(fold(kind) + " "):
        return f"{title} ({number})"  # the law's name: "Bộ luật hàng hải Việt Nam (95/2015/QH13)"
    return _joined(head, kind, title)


# what a title may start with to follow "Nghị định 99/2022/NĐ-CP của Chính phủ" as the
# official citation does ("... của Chính phủ về đăng ký biện pháp bảo đảm")
_JOINS = {"ve", "quy", "huong", "sua", "ban", "bai", "bo", "thuc", "phan", "danh", "cat"}


def _joined(head: str, kind: str | None, title: str) -> str:
    """The head and the title as one citation: the title's own kind word is not said
    twice, and a title in capitals keeps its colon."""
    if kind and fold(title).startswith(fold(kind) + " "):
        title = title[len(kind) + 1 :]  # "Nghị định quy định chi tiết..." after "Nghị định"
    elif not kind or not title.split() or fold(title.split()[0]) not in _JOINS:
        return f"{head}: {title}"
    if title.isupper():
        return f"{head}: {title}"
    return f"{head} {title[:1].lower()}{title[1:]}"
