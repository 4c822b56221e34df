"""Interview timetables for a hiring event: a CP-SAT model (OR-Tools) and a greedy baseline.

Plain Python, no Django: the event pages, the repair on the day and the benchmark all call it.

Maximize the total match value of the interviews held, subject to:
- each booth holds at most as many interviews in a slot as it has interviewers;
- a seeker has at most one interview at a time, and ``gap`` free slots between two (to walk
  from booth to booth and catch their breath);
- a seeker meets a booth at most once, only within their available slots, at most ``cap`` times;
- fairness: while any seeker who fits some booth has no interview, nobody gets a third;
- interviews already held or in progress are kept as they are (``fixed``).
"""

import itertools
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

VALUE_SCALE = 1000  # CP-SAT wants integers: values are kept to three decimals
LARGE = 30_000  # (seeker, booth, slot) variables above which fewer workers do better (bench/event_schedule.py)


@dataclass
class Problem:
    slots: int
    booth_capacity: dict[int, int]  # booth → interviewers
    values: dict[tuple[int, int], float]  # (seeker, booth) → match value > 0
    available: dict[int, tuple[int, int]] = field(default_factory=dict)  # seeker → [first, last] slot
    cap: int = 3
    gap: int = 1
    fairness: bool = True
    fixed: list[tuple[int, int, int]] = field(default_factory=list)  # (seeker, booth, slot) to keep
    closed: set[tuple[int, int]] = field(default_factory=set)  # (booth, slot) no longer offered


@dataclass
class Schedule:
    interviews: list[tuple[int, int, int]]  # (seeker, booth, slot)
    value: float
    seconds: float
    status: str

    @property
    def seekers_with_interview(self) -> int:
        return len({s for s, _, _ in self.interviews})

    def summary(self) -> dict:
        return {
            "interviews": len(self.interviews),
            "value": round(self.value, 2),
            "seconds": round(self.seconds, 2),
            "seekers_with_interview": self.seekers_with_interview,
            "status": self.status,
        }


def _window(problem: Problem, seeker: int) -> range:
    first, last = problem.available.get(seeker, (0, problem.slots - 1))
    return range(max(first, 0), min(last, problem.slots - 1) + 1)


def _value_of(problem: Problem, interviews: list[tuple[int, int, int]]) -> float:
    return sum(problem.values.get((s, b), 0.0) for s, b, _ in interviews)


def solve(
    problem: Problem, time_limit: float = 30.0, workers: int | None = None, hint: Schedule | None = None
) -> Schedule:
    """The best timetable CP-SAT finds within the time limit (optimal if it proves it).

    Workers: CP-SAT's full portfolio (8) proves small and mid-sized events optimal in seconds even
    on two cores; on a fair of a thousand people two workers find better timetables in the limit.
    """
    started = time.perf_counter()
    model = cp_model.CpModel()
    fixed = {(s, b): t for s, b, t in problem.fixed}
    x: dict[tuple[int, int, int], cp_model.IntVar] = {}
    for (s, b), value in problem.values.items():
        if value <= 0:
            continue
        for t in _window(problem, s):
            if (b, t) not in problem.closed or fixed.get((s, b)) == t:
                x[s, b, t] = model.new_bool_var(f"x{s}_{b}_{t}")
    by_booth_slot: dict[tuple[int, int], list] = defaultdict(list)
    by_seeker_slot: dict[tuple[int, int], list] = defaultdict(list)
    by_pair: dict[tuple[int, int], list] = defaultdict(list)
    by_seeker: dict[int, list] = defaultdict(list)
    for (s, b, t), var in x.items():
        by_booth_slot[b, t].append(var)
        by_seeker_slot[s, t].append(var)
        by_pair[s, b].append(var)
        by_seeker[s].append(var)
    for (b, _t), vars_ in by_booth_slot.items():
        model.add(sum(vars_) <= problem.booth_capacity.get(b, 1))
    for vars_ in by_pair.values():
        model.add(sum(vars_) <= 1)
    for s, vars_ in by_seeker.items():
        model.add(sum(vars_) <= problem.cap)
        for t in range(problem.slots):
            window = [v for u in range(t, t + problem.gap + 1) for v in by_seeker_slot.get((s, u), [])]
            if len(window) > 1:
                model.add(sum(window) <= 1)
    for (s, b), t in fixed.items():
        if (s, b, t) in x:
            model.add(x[s, b, t] == 1)
    if problem.fairness and problem.cap >= 3:
        # someone_waiting is true when any seeker with a fitting booth has no interview at all.
        # Seekers already past two interviews (kept from before a repair) are left as they are.
        someone_waiting = model.new_bool_var("someone_waiting")
        held = defaultdict(int)
        for s, _b, _t in problem.fixed:
            held[s] += 1
        for s, vars_ in by_seeker.items():
            none = model.new_bool_var(f"none{s}")
            model.add(sum(vars_) == 0).only_enforce_if(none)
            model.add(sum(vars_) >= 1).only_enforce_if(none.Not())
            model.add_implication(none, someone_waiting)
            if held[s] <= 2:
                model.add(sum(vars_) <= 2).only_enforce_if(someone_waiting)
    model.maximize(sum(round(problem.values[s, b] * VALUE_SCALE) * var for (s, b, _), var in x.items()))
    if hint is not None:
        chosen = set(hint.interviews)
        for key, var in x.items():
            model.add_hint(var, key in chosen)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers or (8 if len(x) <= LARGE else 2)
    solver.parameters.random_seed = 7
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Schedule([], 0.0, time.perf_counter() - started, solver.status_name(status))
    interviews = sorted(key for key, var in x.items() if solver.value(var))
    return Schedule(
        interviews, _value_of(problem, interviews), time.perf_counter() - started, solver.status_name(status)
    )


def greedy(problem: Problem) -> Schedule:
    """The baseline staff would do by hand: best pairs first, each at its earliest free slot.

    With the fairness rule on, it goes in rounds — everyone's best booth first, then second
    choices, then thirds — so it keeps the same rule the solver keeps.
    """
    started = time.perf_counter()
    used: dict[tuple[int, int], int] = defaultdict(int)
    busy: dict[int, set[int]] = defaultdict(set)
    count: dict[int, int] = defaultdict(int)
    interviews = list(problem.fixed)
    for s, b, t in problem.fixed:
        used[b, t] += 1
        busy[s].add(t)
        count[s] += 1
    met = {(s, b) for s, b, _ in problem.fixed}
    ranked = sorted(((s, b, v) for (s, b), v in problem.values.items() if v > 0), key=lambda item: -item[2])
    rounds = range(1, problem.cap + 1) if problem.fairness else [problem.cap]
    fitting = {s for s, _, _ in ranked}
    for limit in rounds:
        if problem.fairness and limit >= 3 and any(count[s] == 0 for s in fitting):
            break  # someone who fits a booth still has none: nobody gets a third
        for s, b, _ in ranked:
            if (s, b) in met or count[s] >= limit:
                continue
            for t in _window(problem, s):
                if (b, t) in problem.closed or used[b, t] >= problem.booth_capacity.get(b, 1):
                    continue
                if any(abs(t - u) <= problem.gap for u in busy[s]):
                    continue
                interviews.append((s, b, t))
                used[b, t] += 1
                busy[s].add(t)
                count[s] += 1
                met.add((s, b))
                break
    interviews.sort()
    return Schedule(interviews, _value_of(problem, interviews), time.perf_counter() - started, "GREEDY")


def check(problem: Problem, schedule: Schedule) -> list[str]:
    """Every rule the timetable breaks (an empty list for a valid one)."""
    problems = []
    per_booth: dict[tuple[int, int], int] = defaultdict(int)
    per_seeker: dict[int, list[int]] = defaultdict(list)
    pairs = set()
    for s, b, t in schedule.interviews:
        per_booth[b, t] += 1
        per_seeker[s].append(t)
        if (s, b) in pairs:
            problems.append(f"seeker {s} meets booth {b} twice")
        pairs.add((s, b))
        if problem.values.get((s, b), 0) <= 0:
            problems.append(f"seeker {s} does not fit booth {b}")
        if t not in _window(problem, s):
            problems.append(f"seeker {s} is not available at slot {t}")
    for (b, t), n in per_booth.items():
        if n > problem.booth_capacity.get(b, 1):
            problems.append(f"booth {b} has {n} interviews at slot {t}")
    for s, slots in per_seeker.items():
        slots.sort()
        if len(slots) > problem.cap:
            problems.append(f"seeker {s} has {len(slots)} interviews")
        if any(b - a <= problem.gap for a, b in itertools.pairwise(slots)):
            problems.append(f"seeker {s} has no gap between interviews")
    fitting = {s for s, _ in problem.values}
    if problem.fairness and fitting - set(per_seeker) and any(len(v) >= 3 for v in per_seeker.values()):
        problems.append("someone has a third interview while a fitting seeker has none")
    return problems
