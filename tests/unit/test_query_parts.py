"""The small parts of reading a question: glued words, events, bigrams, attribute words, bands."""

from __future__ import annotations

import pytest

from knowledge.events import AgeRule, Event, EventTable, word_matches
from knowledge.index_bands import (
    ANSWER_FLOOR,
    ANSWER_Z,
    CONFIDENCE,
    SUGGEST_SCORE,
    Match,
    band,
    confidence,
)
from knowledge.index_build import name_heads
from knowledge.index_text import analyze_words, terms_of
from knowledge.intent_phrases import PhraseSet
from knowledge.normalize import normalize
from knowledge.segment import Segmenter

VOCAB = {w: 10.0 for w in "dang ki khai sinh tu ket hon tam tru thuong dk can cuoc".split()}
BIGRAMS = {"dang ki", "khai sinh", "khai tu", "ket hon", "tam tru", "can cuoc"}


@pytest.mark.parametrize(
    ("glued", "pieces"),
    [
        ("dangkykhaisinh", ["dang", "ky", "khai", "sinh"]),  # "ky" is indexed as "ki"
        ("dangkykhaitu", ["dang", "ky", "khai", "tu"]),
        ("dkket", ["dk", "ket"]),  # an abbreviation glued to a syllable
        ("dangkytamtru", ["dang", "ky", "tam", "tru"]),
        ("cancuoc", ["can", "cuoc"]),
    ],
)
def test_glued_words_split_into_known_syllables(glued: str, pieces: list[str]) -> None:
    assert Segmenter(VOCAB, BIGRAMS).split(glued) == pieces


@pytest.mark.parametrize("word", ["xyzxyz", "dangkyq", "ab", "dang1ky"])
def test_no_split_without_a_full_cover_of_known_pieces(word: str) -> None:
    assert Segmenter(VOCAB, BIGRAMS).split(word) is None


def test_the_fewest_pieces_win_and_known_bigrams_break_ties() -> None:
    seg = Segmenter({"ab": 1.0, "cd": 1.0, "abc": 1.0, "d": 1.0, "ef": 1.0}, {"ab cd"})
    assert seg.split("abcdef") == ["ab", "cd", "ef"]


def test_a_glued_question_reads_like_the_typed_one(knowledge) -> None:
    _kb, index = knowledge
    assert index.tokens("ĐăngKýKếtHôn") == index.tokens("đăng ký kết hôn")
    assert [t.word for t in index.tokens("đkkết hôn")] == ["đăng", "ký", "kết", "hôn"]


def test_accented_words_match_accent_for_accent() -> None:
    assert word_matches("đất", "đất") and word_matches("dat", "đặt")
    assert not word_matches("đất", "đặt")
    booking = PhraseSet("đặt chỗ, đặt lịch")
    assert not booking.has(normalize("tách thửa đất cho 2 đứa con").split())
    hits = booking.hits(normalize("tach thua dat cho con").split())
    assert [h.weak_word for h in hits] == ["dat"]  # accent-free: may be "đất cho"
    assert booking.hits(normalize("đặt chỗ ngày mai").split())[0].weak_word is None


def _event(**kw) -> Event:
    phrase = tuple(normalize(kw.pop("when")).split())
    fields = {k: tuple(tuple(normalize(p).split()) for p in v) for k, v in kw.items()}
    return Event((phrase,), tuple(normalize("khai tử").split()), **fields)


def test_an_event_needs_its_context_and_not_its_exclusions() -> None:
    table = EventTable(
        [_event(when="mất", near=["ba", "mẹ"], not_after=["bị"], not_before=["giấy", "sổ"])]
    )
    words, derived = table.apply(normalize("ba tôi mới mất hôm qua").split())
    assert words == ["ba", "tôi", "mới", "khai", "tử", "hôm", "qua"]
    assert derived == [False, False, False, True, True, False, False]
    for text in ("mẹ bị mất sổ đỏ", "mẹ làm mất giấy khai sinh", "tôi mất bao lâu"):
        assert table.apply(normalize(text).split())[0] == normalize(text).split()


def test_the_age_rule_uses_the_catalogues_own_bands() -> None:
    rule = AgeRule(["Cấp thẻ căn cước cho người dưới 14 tuổi", "Liên thông ... dưới 6 tuổi"])
    assert rule.band(["căn", "cước", "cho", "con", "10", "tuổi"]) == ["dưới", "14", "tuổi"]
    assert rule.band(["liên", "thông", "cho", "bé", "3", "tuổi"]) == ["dưới", "6", "tuổi"]
    assert rule.band(["ông", "80", "tuổi", "căn", "cước"]) == []  # an adult's age names no band
    # an age beside no word of the band's names names no band; a clause beside may say it
    assert rule.band(["con", "10", "tuổi"]) == []
    assert rule.band(["con", "10", "tuổi"], ["làm", "căn", "cước"]) == ["dưới", "14", "tuổi"]


def test_bigrams_only_between_words_typed_side_by_side() -> None:
    terms = terms_of(analyze_words(normalize("con mới sinh ạ có cần gì").split()))
    assert "sinh co" not in terms  # "ạ" stood between them
    typed = terms_of(analyze_words(normalize("khai sinh có yếu tố nước ngoài").split()))
    assert "sinh co" in typed and "nuoc ngoai" in typed


def test_the_word_the_of_the_chap_is_kept() -> None:
    terms = terms_of(analyze_words(normalize("đăng ký thế chấp như thế nào").split()))
    assert "the chap" in terms and "the nao" not in terms


@pytest.mark.parametrize(
    "attribute",
    [
        "lệ phí",
        "thời hạn",
        "mất bao lâu",
        "ở đâu",
        "các bước",
        "online",
        "cơ quan nào",
        "trực tuyến",
    ],
)
def test_attribute_words_are_no_evidence_in_a_question(attribute: str) -> None:
    words = normalize(f"đăng ký tạm trú {attribute}").split()
    assert terms_of(analyze_words(words, question=True)) == terms_of(
        analyze_words(normalize("đăng ký tạm trú").split(), question=True)
    )
    # a name keeps them: "Khai lệ phí trước bạ nhà, đất" is about the fee
    assert "le" not in terms_of(analyze_words(words, question=True))


def test_name_heads_cut_qualifiers() -> None:
    heads = dict(
        (t, k)
        for k, t in name_heads(
            "Đăng ký, cấp biển số xe lần đầu thực hiện bằng dịch vụ công một phần hoặc trực tiếp"
        )
    )
    assert heads == {"Đăng ký, cấp biển số xe lần đầu": "head"}
    subject = name_heads("Giải quyết hưởng lương hưu, trợ cấp hàng tháng đối với cán bộ xã")
    assert subject == [("subject", "Giải quyết hưởng lương hưu, trợ cấp hàng tháng")]
    slashes = [t for _, t in name_heads("Khai lệ phí trước bạ nhà, đất/ Miễn lệ phí trước bạ")]
    assert slashes == ["Khai lệ phí trước bạ nhà, đất", "Miễn lệ phí trước bạ"]


def _m(score: float, curated: bool = False, **kw) -> Match:
    return Match("1.000001", "x", score, curated, **kw)


def _lead_at_threshold(score: float, curated: bool, cover: float, prior: float) -> float:
    """The lead over the runner-up at which a match sits exactly on ANSWER_Z."""
    base = confidence(_m(score, curated, cover=cover, prior=prior), score)  # lead 0
    return (ANSWER_Z - base) / CONFIDENCE["lead"]


@pytest.mark.parametrize("curated", [True, False])
def test_band_boundaries_at_the_exact_threshold(curated: bool) -> None:
    score, cover, prior = 70.0, 0.8, 3.0 if curated else 1.0
    lead = _lead_at_threshold(score, curated, cover, prior)
    assert 0 < lead < score
    top = _m(score, curated, cover=cover, prior=prior)
    assert band([top, _m(score - lead - 0.01)]) == "answer"
    assert band([top, _m(score - lead + 0.01)]) == "suggest"
    assert band([_m(SUGGEST_SCORE, curated)]) == "suggest"
    assert band([_m(SUGGEST_SCORE - 0.1, curated)]) == "none"
    assert band([]) == "none"


def test_a_curated_match_needs_more_than_a_catalogue_one() -> None:
    # many alias and example-question fields make loose questions score high on it
    lead = {c: _lead_at_threshold(70.0, c, 0.8, 1.0) for c in (True, False)}
    assert lead[True] > lead[False]


def test_capped_or_low_matches_are_never_answered() -> None:
    far_ahead = _m(0.0)
    assert band([_m(54.0, capped=True, cover=1.0, prior=5.0), far_ahead]) == "suggest"
    assert band([_m(ANSWER_FLOOR - 0.1, cover=1.0, prior=5.0), far_ahead]) == "suggest"
    assert band([_m(ANSWER_FLOOR + 40, cover=1.0, prior=5.0), far_ahead]) == "answer"


def test_the_bundled_event_table_is_sound(knowledge) -> None:
    import yaml

    from knowledge.events import TABLE_FILE, load_table

    raw = yaml.safe_load(TABLE_FILE.read_text(encoding="utf-8"))
    events, aliases = load_table()
    assert len(events) == len(raw["events"]) > 0  # no entry silently dropped
    assert all(e.get("source") and e.get("when") and e.get("means") for e in raw["events"])
    kb, _index = knowledge
    for code, entry in raw["aliases"].items():
        assert entry.get("source") and entry.get("phrases"), code
        assert kb.get(code) is not None, f"alias for unknown procedure {code}"
    assert set(aliases) == set(raw["aliases"])
