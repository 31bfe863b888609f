"""How urgent a level is, by its rank among its condition's levels, never by its id.

Rules list levels most urgent first, and any condition may name its levels as it likes. So the
style (a class `level-tier-N`, N = 1 most urgent .. 4 least) and the words that say how urgent a
result is both come from the rank alone: a new level id needs no CSS, template or script edit.
Pure and MicroPython-safe: the browser renders results with it too.
"""

TIERS = 4
TIER_CLASS_PREFIX = "level-tier-"


def tier(rank: int, count: int) -> int:
    """The style tier (1..4) of the level at `rank` (1 = most urgent) of `count` levels. Only the
    first level is tier 1 and only the last tier 4; the levels between spread over tiers 2 and 3,
    a tie going to the more urgent tier. Integer arithmetic, so CPython and MicroPython agree."""
    if isinstance(rank, bool) or not isinstance(rank, int) or not isinstance(count, int) or not 1 <= rank <= count:
        raise ValueError("rank %r is not between 1 and %r" % (rank, count))
    if rank == 1:
        return 1
    if rank == count:
        return TIERS
    between = count - 2         # levels that are neither first nor last
    if between == 1:
        return 2
    # 2 + round((rank - 2) / (between - 1)), halves rounded down.
    return 2 + (2 * (rank - 2) + between - 2) // (2 * (between - 1))


def tier_class(rank: int, count: int) -> str:
    return TIER_CLASS_PREFIX + str(tier(rank, count))


def words(rank: int, count: int) -> str:
    """The urgency in words, for people who cannot tell the colours apart (or see none)."""
    tier(rank, count)   # the same checks
    if count == 1:
        return "Urgency level 1 of 1"
    if rank == 1:
        return "Urgency level 1 of %d: the most urgent" % count
    if rank == count:
        return "Urgency level %d of %d: the least urgent" % (rank, count)
    return "Urgency level %d of %d" % (rank, count)
