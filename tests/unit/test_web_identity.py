"""Who is talking on the web chat (``bot.channels.web_identity``), without a server: a
signed session cookie that cannot be forged, the chat of a page label, the client's address
behind trusted proxies, and the per-address token bucket."""

from __future__ import annotations

from types import SimpleNamespace

from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from bot.channels import web_identity as wi

SETTINGS = SimpleNamespace(web_session_secret="", phone_hash_key="k" * 32)


def test_a_fresh_cookie_reads_back_and_a_forged_one_does_not() -> None:
    cookie = wi.new_cookie(SETTINGS)
    sid, sig = cookie.split(".")
    assert wi.session_of(SETTINGS, cookie) == sid
    assert wi.new_cookie(SETTINGS) != cookie  # random per session
    assert wi.session_of(SETTINGS, f"{sid}.{'0' * len(sig)}") is None  # wrong signature
    assert wi.session_of(SETTINGS, f"other.{sig}") is None  # another id, same signature
    other = SimpleNamespace(web_session_secret="another secret", phone_hash_key="k" * 32)
    assert wi.session_of(other, cookie) is None  # signed with another key
    for bad in (None, "", sid, f"{cookie}.x", "a" * 120 + "." + "b" * 10, "é.é"):
        assert wi.session_of(SETTINGS, bad) is None


def test_the_session_secret_wins_over_the_phone_key() -> None:
    a = SimpleNamespace(web_session_secret="s1", phone_hash_key="k1")
    b = SimpleNamespace(web_session_secret="s1", phone_hash_key="k2")
    assert wi.session_of(b, wi.new_cookie(a)) is not None  # same secret: same key
    c = SimpleNamespace(web_session_secret="", phone_hash_key="k1")
    assert wi.session_of(c, wi.new_cookie(a)) is None


def test_a_page_label_is_its_own_chat_within_its_session() -> None:
    one = wi.chat_id_for("s", "me")
    assert one.startswith("w") and len(one) == 41
    assert one == wi.chat_id_for("s", "me")
    assert one != wi.chat_id_for("s", "new") != wi.chat_id_for("t", "me")


def test_a_request_keeps_its_session_or_gets_a_new_cookie() -> None:
    cookie = wi.new_cookie(SETTINGS)
    known = make_mocked_request("POST", "/chat", headers={"Cookie": f"{wi.COOKIE}={cookie}"})
    assert wi.request_session(known, SETTINGS) == (cookie.split(".")[0], None)
    fresh = make_mocked_request("POST", "/chat")
    sid, value = wi.request_session(fresh, SETTINGS)
    assert value is not None and value.startswith(sid + ".")
    assert wi.session_of(SETTINGS, value) == sid


def test_the_cookie_is_http_only_strict_and_secure_over_https() -> None:
    for headers, secure in (({}, False), ({"X-Forwarded-Proto": "https"}, True)):
        resp = web.Response()
        wi.set_session_cookie(resp, make_mocked_request("GET", "/", headers=headers), "v.s")
        morsel = resp.cookies[wi.COOKIE]
        assert morsel.value == "v.s" and morsel["httponly"] and morsel["path"] == "/"
        assert morsel["samesite"] == "Strict" and morsel["max-age"] == str(wi.MAX_AGE)
        assert bool(morsel["secure"]) is secure


def _from(peer: str, forwarded: str | None = None) -> web.Request:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    transport = SimpleNamespace(get_extra_info=lambda name, default=None: (peer, 1234))
    return make_mocked_request("GET", "/", headers=headers, transport=transport)


def test_the_client_address_behind_trusted_proxies() -> None:
    trusted = frozenset({"10.0.0.1", "10.0.0.2"})
    assert wi.client_address(_from("203.0.113.5", "1.2.3.4"), trusted) == "203.0.113.5"
    assert wi.client_address(_from("10.0.0.1", "1.2.3.4, 10.0.0.2"), trusted) == "1.2.3.4"
    assert wi.client_address(_from("10.0.0.1", "9.9.9.9, 1.2.3.4"), trusted) == "1.2.3.4"
    assert wi.client_address(_from("10.0.0.1", " , 10.0.0.2"), trusted) == "10.0.0.1"
    assert wi.client_address(_from("10.0.0.1"), trusted) == "10.0.0.1"
    assert wi.client_address(_from("10.0.0.1", "x" * 100), trusted) == "x" * 64


def test_the_bucket_allows_a_burst_then_one_per_refill() -> None:
    limit = wi.RateLimiter(per_minute=60, burst=3)  # one token a second
    assert [limit.allow("a", now=0.0) for _ in range(4)] == [True, True, True, False]
    assert limit.retry_after("a") == 2  # 1 s needed, told 2: a retry never comes too early
    assert limit.allow("b", now=0.0)  # another address has its own bucket
    assert not limit.allow("a", now=0.5)
    assert limit.allow("a", now=1.6) and not limit.allow("a", now=1.6)
    assert [limit.allow("a", now=100.0) for _ in range(4)] == [True, True, True, False]
    assert limit.retry_after("never seen") == 1


def test_a_full_table_forgets_the_refilled_buckets_first(monkeypatch) -> None:
    monkeypatch.setattr(wi, "MAX_BUCKETS", 4)
    limit = wi.RateLimiter(per_minute=60, burst=2)
    for key in "abcd":
        assert limit.allow(key, now=0.0)
    assert limit.allow("d", now=0.0)  # d is empty now; a, b and c are full again in a second
    assert limit.allow("e", now=1.5)
    assert set(limit._buckets) == {"d", "e"}
    assert limit.allow("d", now=1.5) and not limit.allow("d", now=1.5)  # d kept its count
    assert limit.allow("a", now=1.5)  # a forgotten: a full bucket again


def test_a_full_table_of_busy_buckets_forgets_the_oldest_half(monkeypatch) -> None:
    monkeypatch.setattr(wi, "MAX_BUCKETS", 4)
    limit = wi.RateLimiter(per_minute=1, burst=1)  # one a minute
    for at, key in enumerate("abcd"):
        assert limit.allow(key, now=float(at))
    assert limit.allow("e", now=4.0)
    assert set(limit._buckets) == {"c", "d", "e"}
    assert not limit.allow("c", now=4.0)  # still busy, still limited
