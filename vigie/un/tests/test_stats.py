import pytest

from vigie.un.stats import cohens_kappa


def test_kappa_matches_a_hand_computed_example() -> None:
    # 10 items coded by two coders. Agreements: 7 (A,A ×4; B,B ×3). Observed po = 0.7.
    # Coder 1: A=6, B=4; coder 2: A=5, B=5. Chance pe = (6×5 + 4×5) / 100 = 0.5.
    # kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    pairs = [("A", "A")] * 4 + [("B", "B")] * 3 + [("A", "B")] * 2 + [("B", "A")]
    assert cohens_kappa(pairs) == pytest.approx(0.4)


def test_kappa_of_three_codes_hand_computed() -> None:
    # Coder 1: x x x y y y z z z; coder 2: x x y y y z z z x. Agreements on items 1, 2, 4, 5,
    # 7, 8: po = 6/9. Both coders use each code 3 times: pe = 3 × (3×3) / 81 = 1/3.
    # kappa = (2/3 − 1/3) / (1 − 1/3) = 0.5.
    first = "xxxyyyzzz"
    second = "xxyyyzzzx"
    assert cohens_kappa(list(zip(first, second, strict=True))) == pytest.approx(0.5)


def test_kappa_is_none_without_pairs_and_one_for_a_single_shared_code() -> None:
    assert cohens_kappa([]) is None
    assert cohens_kappa([("A", "A"), ("A", "A")]) == 1.0


def test_total_disagreement_gives_negative_kappa() -> None:
    assert cohens_kappa([("A", "B"), ("B", "A")]) == pytest.approx(-1.0)
