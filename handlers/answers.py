"""The shared typed-answer layer: what typed words mean at a step that offers buttons.

One place for every choice step (walkthrough questions and documents, booking days, slots
and confirmations, the dossier card's subscribe offer): citizens type "co", "rồi", "dc",
"ừ", "ko", "k", "chưa", "ko bik", "quay lại", "thôi", or a piece of a label without accents,
instead of tapping. ``understand`` turns that into the payload of the offered button it
means, or ``None`` when nothing fits (the step then says so once, briefly, with the same
buttons: ``not_understood``). ``social_of`` recognises "cám ơn", "bye", "ko hiểu" typed in
the middle of a flow, which get a fitting answer and keep the flow.

A button's meaning (``role``: yes, no, unknown, back, stop) is given by the flow or read from
its label ("Đã có", "Chưa có...", "Tôi không rõ"); a label is matched by its words (all the
typed words in one label only), else by a fuzzy, accent-free comparison.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from handlers.answer_labels import (
    Option,
    by_fuzz,
    by_place,
    by_words,
    head_words,
    words_of,
)
from handlers.answer_overlap import closest
from handlers.answer_words import (
    ADDRESS,
    ADDRESS_LEAD,
    AFFIRM,
    ASKING,
    AT_OFFICE,
    BACK,
    DONE_FILL,
    DONE_LEAD,
    IN_PERSON,
    INSIST,
    MAX_REASON,
    NO,
    PARTICLES,
    ROLE_WORDS,
    SOCIAL,
    SOCIAL_FILL,
    STOP,
    UNKNOWN,
    YES,
    only_address,
    role_words,
)
from handlers.sanitize import match_button
from knowledge.normalize import fold


def options_of(last_buttons: Iterable[Sequence[str]]) -> list[Option]:
    """The state's ``last_buttons`` rows (``[label, payload]`` or ``[label, payload, role]``)."""
    out = []
    for row in last_buttons:
        if len(row) >= 2:
            label, payload = str(row[0]), str(row[1])
            role = str(row[2]) if len(row) > 2 and row[2] else label_role(label)
            out.append(Option(label, payload, role))
    return out


def split_role(text: str) -> tuple[str, list[str]]:
    """``("yes", ["huy"])`` for "ừ hủy đi": the role its first words carry and the rest."""
    words = words_of(text)
    if text.strip().lower().startswith("đúng") and words[:1] == ["dung"]:
        return YES, words[1:]  # "đúng rồi", "đúng vậy" (never "dừng", folded alike)
    whole = fold(text).split()
    if len(whole) > 2 and whole[0] == "da" and whole[-1] in ("roi", "r"):
        return YES, whole[1:-1]  # "đã photo rồi": "đã … rồi" answers "đã … chưa?"
    if len(words) > 2 and words[0] in ADDRESS_LEAD and words[-1] in ("roi", "r"):
        if not set(words) & ASKING - {"roi"}:  # "cháu photo rồi ạ", never "cháu chưa ... rồi"
            return YES, words[1:-1]
    if not words and text.strip(" .!") == "?":
        return UNKNOWN, []
    role, rest = role_words(words)
    if not role and len(words) > 1 and words[0] in ADDRESS_LEAD:  # "cháu chưa ạ"
        role, rest = role_words(words[1:])
        if not role or not only_address(rest):
            return "", words
    if role and rest and only_address(rest):
        rest = [w for w in rest if w not in ADDRESS | PARTICLES]  # "có nha con": the yes alone
    return (role, rest) if role else ("", words)


def role_of(text: str) -> str:
    """The role of a whole short answer ("ko bik" -> unknown), '' when it is anything else."""
    role, rest = split_role(text)
    return role if role and set(rest) <= INSIST else ""


def label_role(label: str) -> str:
    """What a label means when the flow did not say: "Đã có" yes, "Chưa có..." no, "Tôi
    không rõ" unknown, "⬅ Quay lại" back."""
    words = fold(label).split()
    if words[:1] == ["dung"]:
        return STOP
    if words[:1] == ["da"] and len(words) > 1:  # "Đã photo sẵn" (a label never says "Dạ")
        return YES
    role, _rest = split_role(label)
    if role == YES and (words[:2] == ["co", "the"] or (words[0] == "duoc" and len(words) > 1)):
        return ""  # "Có thể...", "Được người khác ủy quyền" (passive) are no "yes" buttons
    return role


def _fits(rest: list[str], option: Option) -> bool:
    """The words left after the role word only insist ("có chứ", "rồi ạ") or repeat the
    option's label ("ừ hủy"): "có thể", "không hiểu" are not "có", "không"."""
    allowed = (
        set(fold(option.label).split())
        | INSIST
        | {w for _r, ps in ROLE_WORDS for p in ps for w in p}
    )
    return set(rest) <= allowed


def _for_role(role: str, options: Sequence[Option]) -> list[Option]:
    """Options a role word presses: its own role; at a confirmation (a "yes" button is
    offered) "không", "thôi", "quay lại" press the safe "no" button, "không" else "stop"."""
    own = [o for o in options if o.role == role]
    if own or role in (YES, UNKNOWN) or not any(o.role == YES for o in options):
        return own
    if role == BACK and any(o.role == STOP for o in options):
        return []  # a question with "Dừng" (not a confirmation): "quay lại" is no answer
    safe = [o for o in options if o.role == NO]
    return safe or ([o for o in options if o.role == STOP] if role == NO else [])


def understand(text: str, last_buttons: Iterable[Sequence[str]]) -> str | None:
    """The payload of the offered button ``text`` means, or ``None`` when nothing fits."""
    rows = [list(r) for r in last_buttons]
    options = options_of(rows)
    if words_of(text) == ["dung"] and "dừng" not in text.lower():
        # "dung" without accents is "đúng" (yes) as often as "dừng" (stop): where a yes is
        # offered it answers the question; only "dừng", "dừng lại", "thôi" stop
        yes = [o for o in options if o.role == YES]
        if len(yes) == 1:
            return yes[0].payload
    pressed = match_button(text, [r[:2] for r in rows])  # its number or its exact label
    if pressed:
        return pressed
    role, rest = split_role(text)
    if role:
        candidates = _for_role(role, options)
        if len(candidates) == 1 and _fits(rest, candidates[0]):
            explicit = {str(r[1]) for r in rows if len(r) > 2 and r[2]}
            if candidates[0].payload not in explicit and len(cases_for(role, options)) > 1:
                return None  # "rồi" at "Chưa từng / Đã ly hôn / Vợ chồng đã mất": ask which
            return candidates[0].payload
        negated = _negated_statement(text, role, rest, candidates)
        if negated is not None:  # "chưa, chưa ai ly hôn hết": the question's "Không"
            return negated.payload
        if not rest:
            return None  # "rồi" where nothing means yes: never a label that contains "rồi"
        chosen = (
            by_words(words_of(text), options)  # "không có người làm chứng": one whole label
            or by_words(rest, candidates)
            or _by_clauses(text, candidates)  # "ko có giấy chứng sinh nhưng có người làm chứng"
            or by_fuzz(text, candidates)
        )
        if chosen is not None and chosen.role not in _OPPOSITE.get(role, ()):
            return chosen.payload
        if len(candidates) > 1:
            return None  # "không ..." between two "không" labels: not understood
    words = words_of(text)
    chosen = by_place(words, options) or by_words(words, options) or by_fuzz(text, options)
    if chosen is not None and chosen.role in _OPPOSITE.get(role, ()):
        chosen = None  # "đúng rồi" (a yes) at a list with no yes is never "Dừng đặt lịch"
    if chosen is None and role:
        chosen = _answer_with_reason(text, rest, _for_role(role, options))
    if chosen is None and (_in_person(text) or _says_in_person(words)):  # "tự đi", "nộp tại xã"
        chosen = _in_person_option(options)
    return chosen.payload if chosen is not None else None


def _by_clauses(text: str, candidates: Sequence[Option]) -> Option | None:
    """Between two "không có..." labels, an answer of two clauses with their own signs
    ("không có X nhưng có Y") is the label that says the same of both (never a fuzzy guess,
    which takes the label sharing most letters)."""
    folded = f" {fold(text)} "
    if " nhung " not in folded and "," not in text:
        return None
    found = closest(text, [[o.label, o.payload] for o in candidates]).payload
    return next((o for o in candidates if o.payload == found), None)


def _says_in_person(words: list[str]) -> bool:
    """ "trực tiếp", "đi trực tiếp", "em nộp trực tiếp" (no label says it: "Đến thẳng ...")."""
    said = f" {' '.join(words)} "
    return " truc tiep " in said and not {"truc", "tuyen"} <= set(words) and len(words) <= 5


def _in_person_option(options: Sequence[Option]) -> Option | None:
    """The option that means going to the office: "Nộp trực tiếp", else "Đến thẳng ..."."""
    for phrase in (" truc tiep ", " den thang ", " tu den "):
        found = [o for o in options if phrase in f" {fold(o.label)} "]
        if len(found) == 1:
            return found[0]
    return None


_OPPOSITE = {YES: (STOP,)}  # a yes word never presses a stop button
# words that acknowledge before a thank-you ("dc roi cam on"), unlike "có"/"rồi" (answers)
ACK_LEAD = frozenset("dc duoc ok oke okay okie oki vang xong".split())


def _in_person(text: str) -> bool:
    """Going there oneself ("tự đi"), or filing at an office said as a statement ("tôi nộp
    tại xã"; never "nộp tại xã nào?", "không nộp ở xã")."""
    folded = f" {fold(text)} "
    if any(f" {phrase} " in folded for phrase in IN_PERSON):
        return True
    asks = "?" in text or bool(set(folded.split()) & {"nao", "dau", "khong", "ko", "chua"})
    return not asks and any(f" {phrase} " in folded for phrase in AT_OFFICE)


def cases_for(role: str, options: Sequence[Option]) -> list[Option]:
    """The answers a bare yes word could mean at a question of cases: the content options
    that are not a no, unknown, back or stop ("Đã ly hôn", "Vợ/chồng đã mất"). One of them
    only (a yes/no question, a document's "Đã có") when every other one says no."""
    if role != YES:
        return []
    content = [o for o in options if o.role not in (BACK, STOP)]
    cases = [o for o in content if o.role not in (NO, UNKNOWN)]
    if len(content) <= 2 and any(o.role == YES for o in cases):
        return []  # a yes/no question: the yes is meant
    return cases


def _negated_statement(
    text: str, role: str, rest: list[str], candidates: list[Option]
) -> Option | None:
    """A walkthrough question's one "no" option for a negative answer followed by a plain
    negative statement ("chưa, chưa ai ly hôn hết", "không, chưa ly hôn lần nào"); never a
    question ("chưa ly hôn phải không?") nor a reason that affirms ("không, tôi đã ly hôn")."""
    if role != NO or len(candidates) != 1 or not candidates[0].payload.startswith("ck:a:"):
        return None
    words = fold(text).replace(" lan nao", " lan").split()  # "chưa lần nào": never, no question
    rest = [w for w in rest if w != "nao"] if "lan nao" in " ".join(rest) else rest
    if "?" in text or not rest or len(rest) > MAX_REASON + 2 or set(rest) & AFFIRM:
        return None
    if words[-1] in ("khong", "ko", "k", "chua", "ha", "hả", "sao") or set(rest) & _ASKS:
        return None
    return candidates[0]


_ASKS = frozenset("gi sao nao dau bao may phai".split())


def _answer_with_reason(text: str, rest: list[str], candidates: list[Option]) -> Option | None:
    """ "không, ký được hết", "chưa có tờ khai": a walkthrough answer word followed by a
    plain statement (not a question) presses that answer. Only the walkthrough's own
    answers (``ck:``): at a confirmation a "có, nhưng ..." must never confirm. A deciding
    question's option is pressed only when the reason repeats one of its words."""
    if len(candidates) != 1 or not candidates[0].payload.startswith("ck:") or "?" in text:
        return None
    if len(rest) > MAX_REASON or set(rest) & ASKING:
        return None
    option = candidates[0]  # a document's "Chưa có", or a label the reason echoes
    own = set(head_words(option.label)) - {w for _r, ps in ROLE_WORDS for p in ps for w in p}
    return option if option.payload.startswith("ck:d:") or own & set(rest) else None


def social_of(text: str) -> str | None:
    """``"thanks"``, ``"bye"`` or ``"confused"`` for a whole message that is just that;
    ``"done"`` for "thôi không cần nữa", "thôi cảm ơn" (a bare "thôi" stops a step)."""
    words = tuple(words_of(text))
    if len(words) > 3 and words[-2:] == ("dung", "lai") and "đúng" not in text.lower():
        words = words[:-2]  # "thôi để bữa khác làm, dừng lại": the stop said twice
    for lead in DONE_LEAD:
        rest = words[len(lead) :] if words[: len(lead)] == lead else None
        if rest and all(w in DONE_FILL or w in PARTICLES or w in SOCIAL_FILL for w in rest):
            return "done"
        if rest == () and len(lead) > 1 and lead != ("thoi", "khoi"):
            return "done"
    kind = _social(words)
    role, rest_words = split_role(text)
    acked = words[:1] and words[0] in ACK_LEAD  # never "có"/"rồi": those answer a question
    if kind is None and role == YES and rest_words and acked:  # "dc roi cam on", "ok, bye"
        kind = _social(tuple(w for w in rest_words if w not in INSIST))
        return kind if kind in ("thanks", "bye") else None
    return kind


def _social(words: tuple[str, ...]) -> str | None:
    for kind, phrases in SOCIAL.items():
        for phrase in phrases:
            rest = words[len(phrase) :] if words[: len(phrase)] == phrase else None
            if rest is not None and all(w in PARTICLES or w in SOCIAL_FILL for w in rest):
                return kind
    return None
