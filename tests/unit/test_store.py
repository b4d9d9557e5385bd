"""The compact knowledge store and the search index cache (issue 17): built on a fresh
machine, reused after, rebuilt when the data changes or a file is damaged; the answers and
the details a citizen sees are the same either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import loader, search_cache, store_build
from knowledge.index import SearchIndex
from knowledge.loader import load_knowledge
from tests.unit.test_loader import OVERLAY_KHAI_SINH, make_kb_dir, write_overlay


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of its own (nothing left by another test or run)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TTHC_CACHE_DIR", str(folder))
    loader.clear_cache()
    yield folder
    loader.clear_cache()


def _no_build(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("built again although a fitting file was there")


def test_fresh_cache_folder_is_created_and_the_store_holds_every_detail(
    tmp_path: Path, cache: Path
) -> None:
    data = make_kb_dir(tmp_path)
    kb = load_knowledge(data)
    assert len(list(cache.glob("knowledge-*.sqlite"))) == 1
    ks = kb.get("1.001193")
    assert ks is not None
    # details come from the store on demand, merged with the overlay as before
    assert [d.name for d in ks.documents] == [
        "Tờ khai đăng ký khai sinh",
        "Văn bản ủy quyền",
    ]
    assert ks.legal_basis[0].number == "60/2014/QH13"
    assert ks.methods[0].fee_text == "Miễn phí"


def test_second_start_reads_the_store_without_building(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_kb_dir(tmp_path)
    first = [(p.code, p.display_name) for p in load_knowledge(data).procedures]
    loader.clear_cache()
    monkeypatch.setattr(store_build, "build", _no_build)
    kb = load_knowledge(data)
    assert [(p.code, p.display_name) for p in kb.procedures] == first
    assert kb.get("1.001193").documents[0].id == "to_khai"


def test_an_edited_overlay_builds_a_new_store_with_the_new_fact(
    tmp_path: Path, cache: Path
) -> None:
    data = make_kb_dir(tmp_path)
    assert load_knowledge(data).get("1.001193").display_name == "Đăng ký khai sinh"
    write_overlay(data, {**OVERLAY_KHAI_SINH, "short_name": "Khai sinh cho con"})
    loader.clear_cache()
    assert load_knowledge(data).get("1.001193").display_name == "Khai sinh cho con"


def test_a_damaged_store_file_is_rebuilt(tmp_path: Path, cache: Path) -> None:
    data = make_kb_dir(tmp_path)
    load_knowledge(data)
    [path] = cache.glob("knowledge-*.sqlite")
    path.write_bytes(b"not a database")
    loader.clear_cache()
    kb = load_knowledge(data)
    assert kb.get("1.001193").documents[1].id == "uy_quyen"


def _answers(index: SearchIndex) -> list[object]:
    return search_cache.answers(index, ["lam giay khai sinh", "đăng ký khai tử", "xin chào"])


def test_search_index_is_cached_and_a_damaged_file_is_rebuilt(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = load_knowledge(make_kb_dir(tmp_path))
    built = search_cache.cached_index(kb, SearchIndex.build)
    [path] = cache.glob("search-*.pickle")
    expected = _answers(built)
    assert expected[0][2][0][0] == "1.001193"  # the question finds the birth registration
    # a restart reads the file: the same answers without building
    with monkeypatch.context() as m:
        m.setattr(SearchIndex, "build", _no_build)
        assert _answers(search_cache.cached_index(kb, SearchIndex.build)) == expected
    path.write_bytes(b"\x80\x05garbage")
    assert _answers(search_cache.cached_index(kb, SearchIndex.build)) == expected
