"""The one percentile every latency figure uses: eval, the bench and the bot's /stats.

numpy's default definition (linear interpolation between the two closest ranks), so a p50
here is the median a reader expects and agrees with any numpy-based tool.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def percentile(values: Sequence[float], percent: float, digits: int | None = None) -> float:
    """The `percent` (0-100) percentile of values, rounded to `digits` if given; 0.0 for none."""
    if not len(values):
        return 0.0
    value = float(np.percentile(values, percent))
    return value if digits is None else round(value, digits)
