"""Reading a typed answer to "Anh/chị ở xã/phường nào ạ?" against the shipped province:
current and former names, with or without accents, shorthand, codes, ambiguous names."""

from __future__ import annotations

import pytest

from knowledge.localities import load_localities

PLACES = load_localities()
CAO_LANH, MY_NGAI, TAN_HONG = "29869", "29884", "29926"


@pytest.mark.parametrize(
    ("typed", "code", "via"),
    [
        ("phường Cao Lãnh", CAO_LANH, None),
        ("phuong cao lanh", CAO_LANH, None),
        ("p3 cao lanh", CAO_LANH, "Phường 3 (TP Cao Lãnh)"),
        ("F3 Cao Lãnh", CAO_LANH, "Phường 3 (TP Cao Lãnh)"),
        ("p.3 tp cao lanh", CAO_LANH, "Phường 3 (TP Cao Lãnh)"),
        ("phường 2 tp cao lãnh", CAO_LANH, "Phường 2 (TP Cao Lãnh)"),  # merged on 01/01/2025
        ("tan thuan dong", CAO_LANH, "Xã Tân Thuận Đông (TP Cao Lãnh)"),
        ("xã Tân Thuận Đông cũ", CAO_LANH, "Xã Tân Thuận Đông (TP Cao Lãnh)"),
        ("xa my ngai cu", MY_NGAI, "Xã Mỹ Ngãi (TP Cao Lãnh)"),  # a 2020 name, twice merged
        ("my ngai", MY_NGAI, None),
        ("phuong 11", MY_NGAI, "Phường 11 (TP Cao Lãnh)"),
        ("em ở xã tân hồng ạ", TAN_HONG, None),
        ("29869", CAO_LANH, None),
        ("xa cao lanh", CAO_LANH, None),  # the wrong type word still means the ward
        ("xa my quy", "30055", None),  # the sources write "Mỹ Quí"
    ],
)
def test_one_place_is_read(typed: str, code: str, via: str | None) -> None:
    found = PLACES.find(typed)
    assert found.ward is not None and found.ward.code == code
    assert (found.via.label if found.via else None) == via


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # two communes called Mỹ Tân merged into different units
        ("xa my tan cu", {"Xã Mỹ Tân (TP Cao Lãnh)", "Xã Mỹ Tân (huyện Cái Bè, Tiền Giang)"}),
        # numbered wards existed in several towns
        ("phường 3", {"Phường 3 (TP Cao Lãnh)", "Phường 3 (TP Sa Đéc)"}),
        # Tân Thành and Tân Thạnh read the same without accents
        ("tan thanh", {"Xã Tân Thành", "Xã Tân Thạnh"}),
    ],
)
def test_an_ambiguous_name_offers_the_places(typed: str, expected: set[str]) -> None:
    found = PLACES.find(typed)
    assert found.ward is None
    labels = {h.former.label if h.former else h.ward.name for h in found.choices}
    assert expected <= labels


def test_accents_tell_apart_what_folding_merges() -> None:
    assert PLACES.find("Tân Thạnh").ward.code == "30157"
    assert PLACES.find("xã Mỹ Thọ").ward.name == "Xã Mỹ Thọ"
    assert PLACES.find("phường Mỹ Tho").ward.name == "Phường Mỹ Tho"


def test_a_split_commune_offers_both_new_units() -> None:
    found = PLACES.find("gao giong")
    assert {h.ward.name for h in found.choices} == {"Xã Phú Cường", "Xã Phong Mỹ"}
    assert all(h.former.part for h in found.choices)


def test_typos_are_suggested_never_chosen() -> None:
    found = PLACES.find("tan thuan dogn")
    assert found.ward is None and not found.choices
    assert CAO_LANH in {h.ward.code for h in found.suggestions}


@pytest.mark.parametrize("typed", ["", "3", "làm giấy khai sinh", "ấp Đông Định", "😀", "x" * 500])
def test_no_place_in_it(typed: str) -> None:
    found = PLACES.find(typed)
    assert found.ward is None and not found.choices
