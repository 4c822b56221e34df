"""The timetable rules, checked on small problems whose best answer is known."""

from iljari.events.scheduling import Problem, Schedule, check, greedy, solve


def test_solver_finds_the_known_optimum_and_keeps_every_rule():
    # Two seekers want booth 0 (one interviewer) in a one-slot event: only the better pair fits.
    problem = Problem(slots=1, booth_capacity={0: 1}, values={(0, 0): 0.9, (1, 0): 0.4})
    schedule = solve(problem, time_limit=5)
    assert schedule.interviews == [(0, 0, 0)]
    assert check(problem, schedule) == []


def test_walking_gap_and_availability_are_respected():
    problem = Problem(
        slots=4,
        booth_capacity={0: 1, 1: 1},
        values={(0, 0): 1.0, (0, 1): 1.0},
        available={0: (1, 3)},
        gap=1,
    )
    schedule = solve(problem, time_limit=5)
    slots = sorted(t for _, _, t in schedule.interviews)
    assert len(slots) == 2 and slots[0] >= 1 and slots[1] - slots[0] >= 2
    assert check(problem, schedule) == []


def test_fairness_gives_everyone_one_before_anyone_a_third():
    # Seeker 0 fits three booths strongly; seeker 1 fits booth 2 weakly. Booth 2 has one slot free.
    values = {(0, 0): 1.0, (0, 1): 1.0, (0, 2): 1.0, (1, 2): 0.1}
    base = dict(slots=5, booth_capacity={0: 1, 1: 1, 2: 1}, values=values, closed={(2, t) for t in range(1, 5)})
    fair = solve(Problem(**base), time_limit=5)
    assert {s for s, _, _ in fair.interviews} == {0, 1}
    assert check(Problem(**base), fair) == []
    unfair = solve(Problem(**base, fairness=False), time_limit=5)
    assert unfair.value > fair.value
    assert check(Problem(**base), unfair) == ["someone has a third interview while a fitting seeker has none"]
    assert check(Problem(**base), greedy(Problem(**base))) == []  # the baseline keeps the rule too


def test_repair_keeps_fixed_interviews_and_skips_closed_slots():
    values = {(0, 0): 1.0, (1, 0): 0.5, (2, 0): 0.8}
    problem = Problem(slots=3, booth_capacity={0: 1}, values=values, fixed=[(1, 0, 0)], closed={(0, 1)})
    schedule = solve(problem, time_limit=5)
    assert (1, 0, 0) in schedule.interviews
    assert all(t != 1 for _, _, t in schedule.interviews)
    assert [t for s, _, t in schedule.interviews if s in (0, 2)] == [2]


def test_greedy_baseline_is_valid_but_not_better_than_the_solver():
    values = {(s, b): round(0.2 + ((s * 7 + b * 3) % 10) / 12, 3) for s in range(12) for b in range(4) if (s + b) % 3}
    problem = Problem(slots=6, booth_capacity={0: 1, 1: 2, 2: 1, 3: 1}, values=values)
    base = greedy(problem)
    best = solve(problem, time_limit=10, hint=base)
    assert check(problem, base) == [] and check(problem, best) == []
    assert best.value >= base.value


def test_check_reports_a_double_booked_booth():
    problem = Problem(slots=1, booth_capacity={0: 1}, values={(0, 0): 1.0, (1, 0): 1.0})
    assert check(problem, Schedule([(0, 0, 0), (1, 0, 0)], 2.0, 0, "")) == ["booth 0 has 2 interviews at slot 0"]
