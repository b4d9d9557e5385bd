"""Round 9 of issue 11. Questions written for these tests, not taken from the eval sets."""

from __future__ import annotations

import pytest

JOINT_FOREIGN = "1.001695"  # khai sinh kết hợp nhận cha, mẹ, con có yếu tố nước ngoài


@pytest.mark.parametrize(
    "text",
    [
        "bố cháu là người Pháp, muốn vừa khai sinh vừa nhận cha cho cháu",
        "cha của bé là người Úc, giờ muốn làm khai sinh và nhận cha luôn",
    ],
)
def test_a_foreign_father_recognised_at_the_birth_registration_is_the_joint_procedure(
    knowledge, text: str
) -> None:
    # "nhận cha" typed as a phrase names the joint procedure's own act, although the birth
    # registration's alias ("... có cha là người nước ngoài") holds the word "cha"
    _kb, index = knowledge
    assert index.classify(text).matches[0].code == JOINT_FOREIGN
