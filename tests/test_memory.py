"""The build's collector settings are undone afterwards, even when the build fails."""

from __future__ import annotations

import gc

import pytest

from microsite.memory import YOUNG_THRESHOLD, build_heap


def test_settings_restored_after_success_and_failure() -> None:
    before = gc.get_threshold()
    with build_heap():
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), build_heap():
        raise RuntimeError("dựng hỏng")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_cycles_made_during_the_build_are_still_collected() -> None:
    class Node:
        pass

    with build_heap():
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 2
