"""Topics a one-stop shop never handles (``knowledge.intents.detect_intent``)."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.intent_phrases import PhraseSet
from knowledge.query_roles import purpose_at

# Topics a one-stop shop never handles; checked on whole accent-free words. Ads ("bán đất
# chính chủ", "cho thuê phòng trọ giá rẻ", "tuyển thợ xây") and how-to questions ("cách nuôi
# cá rô", "cách chăm sóc người già"), bank loans and savings, and complaints about the bot
# ("trả lời lung tung") are no procedure either.
_OFF_TOPIC = PhraseSet(
    """thời tiết, bóng đá, xổ số, giá vàng, tỷ giá, chứng khoán, bitcoin, crypto, nấu ăn,
    món ăn, công thức nấu, cách nấu, bài hát, ca sĩ, phim, người yêu, tình yêu, chơi game,
    kể chuyện, chuyện cười, làm thơ, viết code, python, javascript, mấy giờ rồi, ăn gì,
    điện thoại gì, bạn là ai, bạn tên gì, tên bạn là gì, drop table, select from, giá xăng,
    lô đề, dự báo, horoscope,
    tử vi, bói toán, vé máy bay, vé xe, khách sạn, vay tiền, đau bụng, bị sốt, uống thuốc,
    taxi, mất điện, cúp điện, học tiếng anh, quán nhậu, đá mấy giờ, hát cho, giá lúa,
    đô la, mua bảo hiểm xe, bảo hiểm xe máy, bảo hiểm ô tô, bảo hiểm nhân thọ, xe cũ, trời mưa,
    có mưa, chính chủ, giá rẻ, giá tốt, liên hệ em, tuyển thợ, tuyển dụng, tuyển nhân viên,
    cần tuyển, nguyên căn, cách chăm sóc, cách nuôi, cách trồng, cách chữa, cách trị,
    lãi suất bao nhiêu, lãi bao nhiêu, lãi thấp, lãi cao, gửi tiết kiệm, app vay, vay online,
    vay nhanh, vay tín chấp, vay mua xe, vay mua nhà, vay trả góp, ngân hàng nào, giá phân bón,
    tăng giá, trả lời gì mà, trả lời sai, trả lời lung tung, trả lời linh tinh, trả lời vớ vẩn,
    chẳng đúng gì, không đúng gì, bot ngu, bot dở, giá xe, giá ô tô, giá thuốc, cá cảnh,
    học bằng lái, học lái xe, trung tâm nào tốt, thang máy"""
)


def off_topic(words: Sequence[str]) -> bool:
    """True when the normalised message holds an off-topic phrase that is not only the
    purpose of a need told before it ("xin giấy xác nhận tình trạng hôn nhân để làm hồ sơ vay
    mua nhà" asks for the certificate; "vay mua nhà lãi bao nhiêu" is a bank's business)."""
    for hit in _OFF_TOPIC.hits(words):
        if not any(purpose_at(words, i) for i in range(1, hit.start)):
            return True
    return False
