"""An ordered visit route for one team member's day: OR-Tools routing over straight-line travel times.

Straight lines at city driving speed are rough, but the order they give is what matters for v1;
no map service is called (none is reachable from the center's network, and none is needed).
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

SPEED_KMH = 25.0  # city traffic, door to door
VISIT_MINUTES = 30


@dataclass(frozen=True)
class Stop:
    key: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Leg:
    stop: Stop
    arrive: datetime
    travel_minutes: int


def minutes_between(a: Stop, b: Stop) -> int:
    """Straight-line (haversine) distance at ``SPEED_KMH``, rounded up to whole minutes."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    km = 2 * 6371.0 * math.asin(math.sqrt(h))
    return math.ceil(km / SPEED_KMH * 60)


def plan_route(start: Stop, stops: list[Stop], leave_at: datetime, *, seconds: int = 2) -> list[Leg]:
    """Visit every stop once from ``start`` (the route may end anywhere), shortest total travel first."""
    if not stops:
        return []
    points = [start, *stops]
    n = len(points)
    # A dummy end node at distance 0 from everywhere lets the route end at its last visit.
    matrix = [[0 if j == n else minutes_between(points[i], points[j]) for j in range(n + 1)] for i in range(n)]
    matrix.append([0] * (n + 1))
    manager = pywrapcp.RoutingIndexManager(n + 1, 1, [0], [n])
    routing = pywrapcp.RoutingModel(manager)
    cost = routing.RegisterTransitCallback(lambda i, j: matrix[manager.IndexToNode(i)][manager.IndexToNode(j)])
    routing.SetArcCostEvaluatorOfAllVehicles(cost)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.seconds = seconds
    solution = routing.SolveWithParameters(params)
    order, index = [], routing.Start(0)
    while solution and not routing.IsEnd(index):
        node = manager.IndexToNode(index)
        if node not in (0, n):
            order.append(node)
        index = solution.Value(routing.NextVar(index))
    legs, clock, here = [], leave_at, start
    for node in order or range(1, n):
        stop = points[node]
        travel = minutes_between(here, stop)
        clock += timedelta(minutes=travel)
        legs.append(Leg(stop, clock, travel))
        clock += timedelta(minutes=VISIT_MINUTES)
        here = stop
    return legs


def route_minutes(start: Stop, stops: list[Stop]) -> int:
    """Travel minutes of visiting ``stops`` in the given order (for comparing with the solver's order)."""
    total, here = 0, start
    for stop in stops:
        total += minutes_between(here, stop)
        here = stop
    return total
