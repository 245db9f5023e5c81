"""Agreement between two coders (Cohen's kappa), computed by hand so the formula is visible."""

from collections import Counter
from collections.abc import Sequence


def cohens_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa for paired codes: (observed − chance agreement) / (1 − chance agreement).

    Returns None when there are no pairs, and 1.0 when both coders used one same code for every
    item (chance agreement is then 1 and the ratio is undefined, but agreement is perfect).
    """
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for first, second in pairs if first == second) / n
    first_counts = Counter(first for first, _second in pairs)
    second_counts = Counter(second for _first, second in pairs)
    expected = sum(first_counts[code] * second_counts.get(code, 0) for code in first_counts) / (
        n * n
    )
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)
