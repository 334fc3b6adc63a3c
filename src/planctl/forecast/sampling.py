"""Random inputs of a forecast: three-point distributions and risk probabilities.

Everything here draws from one `numpy.random.Generator`, always in the same order for the same
inputs, so a seed reproduces a forecast exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

DISTRIBUTIONS = ("pert", "triangular")
PERT_WEIGHT = 4.0
"""The weight of the most likely value in a BetaPERT distribution (the classic PERT's 4)."""

SCALE_PROBABILITY = {1: 0.1, 2: 0.3, 3: 0.5, 4: 0.7, 5: 0.9}
"""A probability written on the five-step scale, as a chance: the middle of its fifth (a
fraction is put on the scale by rounding up to the next fifth, so step 2 covers 0.2..0.4)."""


def three_point(rng: np.random.Generator, low: float, likely: float, high: float,
                size: int, distribution: str) -> np.ndarray:
    """`size` draws from a BetaPERT or triangular distribution on [low, high] with mode `likely`.

    A point estimate (low == high) gives that value every time.
    """
    import numpy as np

    if high <= low:
        return np.full(size, float(low))
    if distribution == "triangular":
        return rng.triangular(low, min(max(likely, low), high), high, size)
    span = high - low
    alpha = 1 + PERT_WEIGHT * (likely - low) / span
    beta = 1 + PERT_WEIGHT * (high - likely) / span
    return low + span * rng.beta(alpha, beta, size)


def whole_days(draws: np.ndarray) -> np.ndarray:
    """Sampled spans in whole working days, rounded up as the contract rounds effort."""
    import numpy as np

    return np.ceil(draws - 1e-9).astype(np.int64)


def risk_chance(probability: int | float) -> float:
    """The chance that a risk occurs, 0..1: a whole number is a step of the five-step scale
    (`SCALE_PROBABILITY`), a number with a decimal point the fraction itself (as the format
    reads `probability`)."""
    if isinstance(probability, int) and not isinstance(probability, bool):
        return SCALE_PROBABILITY[probability]
    return min(1.0, max(0.0, float(probability)))
