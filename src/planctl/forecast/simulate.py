"""Monte Carlo over the levelled network: iterations in batches, then the statistics.

Each batch draws its random inputs in a fixed order (task spans in file order, then for each
risk its occurrence and its delay), runs the vectorised forward pass on the driving network
(dependency links plus the resource hand-offs of the deterministic levelled schedule), and keeps
per iteration the plan's finish, each milestone's and each deadline task's date, which tasks
were critical, and the finish without each risk (the same draws, that risk left out).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from planctl.forecast.inputs import RiskEvent, Spread
from planctl.forecast.passes import (
    Leave,
    Passes,
    Value,
    critical,
    forward,
    leave_of,
)
from planctl.forecast.sampling import three_point, whole_days
from planctl.schedule.network import MILESTONE, Network

BATCH_VALUES = 5_000_000
"""Nodes x iterations held at once: bounds memory on large plans."""
AUTO_FIRST, AUTO_MAX = 1_000, 32_000
"""With no iteration count given: start here, double until P80 is stable, stop here."""
STABLE_DAYS = 1.0
"""P80 is stable when its 95 % confidence interval is at most this many working days wide on
either side."""
_Z95 = 1.96


@dataclass
class Draws:
    """Everything one iteration of the forecast keeps (arrays over iterations)."""

    finish: list[np.ndarray] = field(default_factory=list)
    """Ordinal of the plan's finish date."""
    dates: dict[int, list[np.ndarray]] = field(default_factory=dict)
    """Ordinal of the shown finish of the milestones and deadline tasks watched."""
    critical: dict[int, int] = field(default_factory=dict)
    """Iterations in which each node was critical."""
    spans: dict[int, list[np.ndarray]] = field(default_factory=dict)
    """Sampled work of each uncertain node."""
    without: dict[str, list[np.ndarray]] = field(default_factory=dict)
    """Finish ordinal with each risk left out."""

    def joined(self, parts: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


class Simulation:
    """The levelled network of one plan and what varies in it."""

    def __init__(self, net: Network, extra: list[int], spreads: list[Spread],
                 risks: list[RiskEvent], distribution: str, watched: list[int],
                 fixed_finish: dict[int, int]) -> None:
        self.net, self.extra, self.spreads, self.risks = net, extra, spreads, risks
        self.distribution, self.watched = distribution, watched
        self.fixed_finish = fixed_finish
        """Ordinal of the shown finish of tasks whose dates are facts (actual dates)."""
        self.leave: dict[int, Leave] = leave_of(net)
        self.real = [i for i in net.real if not net.cancelled[i]] or list(net.real)
        self.last = _may_finish_last(net, self.real)
        self.cal = net.calendar
        self._ordinals = np.zeros(0, dtype=np.int64)

    # -- one batch -------------------------------------------------------------------------

    def batch(self, rng: np.random.Generator, size: int, draws: Draws) -> None:
        net = self.net
        work: list[Value] = list(net.work)
        shift: list[Value] = [0] * len(net)
        for spread in self.spreads:
            span = three_point(rng, spread.low, spread.likely, spread.high, size,
                               self.distribution)
            sampled = np.maximum(whole_days(span * spread.share), spread.at_least)
            work[spread.node] = sampled
            draws.spans.setdefault(spread.node, []).append(sampled)
        added: list[np.ndarray] = []
        for risk in self.risks:
            occurs = rng.random(size) < risk.chance
            delay = whole_days(three_point(rng, risk.low, risk.likely, risk.high, size,
                                           self.distribution)) * occurs
            added.append(delay)
            for i in risk.nodes:
                if net.kind[i] == MILESTONE:
                    shift[i] = shift[i] + delay
                else:
                    work[i] = work[i] + delay
        times = forward(net, self.extra, work, shift, self.leave)
        finish = self._finish(times, size)
        draws.finish.append(finish)
        for i in self.watched:
            draws.dates.setdefault(i, []).append(self._shown(i, times, size))
        last_end = _broadcast(_max_of([times.end[i] for i in net.real]), size)
        flags = critical(net, times, last_end, self.real)
        for i, flag in flags.items():
            draws.critical[i] = draws.critical.get(i, 0) + int(np.count_nonzero(flag))
        hits = []
        for risk, delay in zip(self.risks, added, strict=True):
            # Shortening a task that is not critical cannot move the finish: only iterations
            # in which the risk occurred on a critical task are run again without it.
            on_path = np.zeros(size, dtype=bool)
            for i in risk.nodes:
                on_path |= flags.get(i, False)
            hits.append(np.flatnonzero((delay > 0) & on_path))
            draws.without.setdefault(risk.id, []).append(finish.copy())
        self._without_risks(added, hits, work, shift, draws)

    def _without_risks(self, delays: list[np.ndarray], hits: list[np.ndarray],
                       work: list[Value], shift: list[Value], draws: Draws) -> None:
        """Run again, each without its risk, the iterations `hits[r]` of every risk r, all
        in one pass over the network (the iterations of all risks side by side), in chunks
        that keep memory bounded."""
        chunk: list[int] = []
        room = max(1, BATCH_VALUES // max(1, len(self.net)))
        used = 0
        for r, hit in enumerate(hits):
            if not len(hit):
                continue
            if chunk and used + len(hit) > room:
                self._without_chunk(chunk, delays, hits, work, shift, draws)
                chunk, used = [], 0
            chunk.append(r)
            used += len(hit)
        if chunk:
            self._without_chunk(chunk, delays, hits, work, shift, draws)

    def _without_chunk(self, chunk: list[int], delays: list[np.ndarray],
                       hits: list[np.ndarray], work: list[Value], shift: list[Value],
                       draws: Draws) -> None:
        net = self.net
        pick = np.concatenate([hits[r] for r in chunk])

        def subset(value: Value) -> Value:
            return value if isinstance(value, int) else value[pick]

        w, s = [subset(v) for v in work], [subset(v) for v in shift]
        at = 0
        for r in chunk:
            hit, risk = hits[r], self.risks[r]
            # The risk's delay in its own rows of the chunk, none in the others'.
            removed = np.zeros(len(pick), dtype=np.int64)
            removed[at:at + len(hit)] = delays[r][hit]
            for i in risk.nodes:
                if net.kind[i] == MILESTONE:
                    s[i] = s[i] - removed
                else:
                    w[i] = w[i] - removed
            at += len(hit)
        finish = self._finish(forward(net, self.extra, w, s, self.leave), len(pick))
        at = 0
        for r in chunk:
            hit = hits[r]
            draws.without[self.risks[r].id][-1][hit] = finish[at:at + len(hit)]
            at += len(hit)

    def _shown_index(self, i: int, times: Passes) -> Value:
        """Working-day index of the day node i's finish is shown on (as `Schedule` shows it)."""
        s, e = times.start[i], times.end[i]
        if self.net.kind[i] == MILESTONE:
            placed = times.placed[i]
            if isinstance(placed, bool) and isinstance(s, int):
                return s if placed or s <= 0 else s - 1
            return np.where(np.asarray(placed) | (np.asarray(s) <= 0), s, np.asarray(s) - 1)
        if isinstance(s, int) and isinstance(e, int):
            return max(e - 1, s)
        return np.maximum(np.asarray(e) - 1, s)

    def _ordinal(self, index: Value, size: int) -> np.ndarray:
        top = int(np.max(index))
        if top >= len(self._ordinals):
            self.cal.ensure(top)
            self._ordinals = np.fromiter((d.toordinal() for d in self.cal.days),
                                         dtype=np.int64, count=len(self.cal.days))
        return _broadcast(self._ordinals[np.maximum(index, 0)], size)

    def _shown(self, i: int, times: Passes, size: int) -> np.ndarray:
        fixed = self.fixed_finish.get(i)
        if fixed is not None:
            return np.full(size, fixed, dtype=np.int64)
        return self._ordinal(self._shown_index(i, times), size)

    def _finish(self, times: Passes, size: int) -> np.ndarray:
        moving = [self._shown_index(i, times) for i in self.last if i not in self.fixed_finish]
        out = (self._ordinal(_max_of(moving), size) if moving
               else np.full(size, 0, dtype=np.int64))
        fixed = [self.fixed_finish[i] for i in self.last if i in self.fixed_finish]
        return np.maximum(out, max(fixed)) if fixed else out

    # -- the whole run ---------------------------------------------------------------------

    def run(self, seed: int, iterations: int | None) -> Draws:
        """`iterations` draws, or with None as many as P80 needs to be stable."""
        rng = np.random.default_rng(seed)
        draws = Draws()
        size = max(100, min(AUTO_MAX, BATCH_VALUES // max(1, len(self.net))))
        goal = iterations if iterations is not None else AUTO_FIRST
        done = 0
        while True:
            while done < goal:
                step = min(size, goal - done)
                self.batch(rng, step, draws)
                done += step
            if iterations is not None or goal >= AUTO_MAX:
                return draws
            if self.p80_error(draws.joined(draws.finish))[1] <= STABLE_DAYS:
                return draws
            goal = min(AUTO_MAX, goal * 2)

    def working_index(self, ordinals: np.ndarray) -> np.ndarray:
        """Working-day index of each date (a non-working day counts as the next workday)."""
        return np.searchsorted(self._ordinals, ordinals)

    def p80_error(self, finish: np.ndarray) -> tuple[float, float]:
        """Standard error of P80 and the half-width of its 95 % interval, in working days."""
        n = len(finish)
        days = np.sort(self.working_index(finish))
        centre = n * 0.8
        reach = _Z95 * math.sqrt(n * 0.8 * 0.2)
        lo = max(0, math.floor(centre - reach) - 1)
        hi = min(n - 1, math.ceil(centre + reach) - 1)
        p80 = days[min(n - 1, max(0, math.ceil(centre) - 1))]
        half = max(p80 - days[lo], days[hi] - p80)
        return float(days[hi] - days[lo]) / (2 * _Z95), float(half)


def percentile(ordinals: np.ndarray, x: float) -> date:
    """The earliest date d with P(finish <= d) >= x %."""
    ranked = np.sort(ordinals)
    k = max(0, math.ceil(len(ranked) * x / 100 - 1e-9) - 1)
    return date.fromordinal(int(ranked[k]))


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson's correlation, 0 when either side does not vary."""
    sa, sb = float(np.std(a)), float(np.std(b))
    if sa == 0 or sb == 0:
        return 0.0
    return float(np.mean((a - a.mean()) * (b - b.mean())) / (sa * sb))


def _max_of(values: list[Value]) -> Value:
    ints = [v for v in values if isinstance(v, int)]
    arrays = [v for v in values if not isinstance(v, int)]
    best: Value = max(ints) if ints else -(1 << 62)
    if arrays:
        best = np.maximum(best, np.max(np.stack(arrays), axis=0))
    return best


def _may_finish_last(net: Network, real: list[int]) -> list[int]:
    """The nodes of `real` whose shown finish can be the plan's: not those that a successor
    which follows its links must finish after (a finish-to-start or finish-to-finish link with
    no lead), whatever the spans."""
    from planctl.schedule.network import FF, FS

    return [i for i in real if not any(
        typ in (FS, FF) and lag >= 0 and net.follows_links[j] and j in real_set
        for j, typ, lag in net.succs[i])] if (real_set := set(real)) else []


def _broadcast(value: Value, size: int) -> np.ndarray:
    out = np.asarray(value, dtype=np.int64)
    return np.broadcast_to(out, (size,)).copy() if out.ndim == 0 else out
