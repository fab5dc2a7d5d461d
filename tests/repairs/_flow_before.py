"""The revisit planner's flow solver as it was before the second round of issue 12 (kept
only here, to check that the solver now lays out the same flows: see test_flow_identity.py).
"""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

from collections import deque

__all__ = ["FlowNetwork"]


class FlowNetwork:
    """A directed network with integer capacities and lower bounds on edges.

    Edges are added with :meth:`add` (``lo <= flow <= hi``); :meth:`max_flow` (no lower
    bounds), :meth:`min_flow` and :meth:`feasible` solve it; :meth:`flow` reads an edge's
    flow afterwards. Deterministic: edges are explored in the order they were added.
    """

    __slots__ = ("adj", "cap", "lo", "n", "orig", "to")

    def __init__(self, n: int) -> None:
        self.n = n
        self.adj: list[list[int]] = [[] for _ in range(n)]
        self.to: list[int] = []
        self.cap: list[int] = []
        self.orig: list[int] = []
        self.lo: dict[int, int] = {}

    def _edge(self, u: int, v: int, cap: int) -> int:
        idx = len(self.to)
        self.to += (v, u)
        self.cap += (cap, 0)
        self.orig += (cap, 0)
        adj = self.adj
        adj[u].append(idx)
        adj[v].append(idx + 1)
        return idx

    def add(self, u: int, v: int, lo: int, hi: int) -> int:
        """Add an edge u → v carrying between ``lo`` and ``hi`` units; returns its handle."""
        if not 0 <= lo <= hi:
            raise ValueError(f"bad bounds {lo}..{hi}")
        to = self.to  # _edge, inline: a plan's network adds every edge here
        idx = len(to)
        to += (v, u)
        cap = hi - lo
        self.cap += (cap, 0)
        self.orig += (cap, 0)
        adj = self.adj
        adj[u].append(idx)
        adj[v].append(idx + 1)
        if lo:
            self.lo[idx] = lo
        return idx

    def fan_out(self, u: int, vs: list[int], hi: int) -> int:
        """Add an edge u → v carrying up to ``hi`` units for each v of ``vs``, in order (as
        :meth:`add` one after the other, at a fraction of the cost); returns the first
        edge's handle, the others following at steps of 2 (see :meth:`flows`)."""
        if hi < 0:
            raise ValueError(f"bad bounds 0..{hi}")
        to = self.to
        first = len(to)
        if u in vs:  # a loop: its two ends take turns in u's list, as add() puts them
            for v in vs:
                self.add(u, v, 0, hi)
            return first
        count = len(vs)
        pairs = [u] * (2 * count)
        pairs[::2] = vs
        to += pairs
        self.cap += [hi, 0] * count
        self.orig += [hi, 0] * count
        adj = self.adj
        adj[u].extend(range(first, first + 2 * count, 2))
        back = first + 1
        for v in vs:
            adj[v].append(back)
            back += 2
        return first

    def flows(self, first: int, count: int) -> list[int]:
        """The flows on ``count`` edges added by one :meth:`fan_out` from handle ``first``."""
        orig, cap = self.orig, self.cap
        return [orig[e] - cap[e] for e in range(first, first + 2 * count, 2)]

    def flow(self, edge: int) -> int:
        """The flow on an edge (its lower bound included)."""
        return self.lo.get(edge, 0) + self.orig[edge] - self.cap[edge]

    # -- Dinic -------------------------------------------------------------------------------

    def _levels(self, s: int, t: int) -> list[int] | None:
        """The BFS levels from ``s`` in the residual network, up to ``t``'s level: a node
        further away is left unlevelled (-1), which changes no augmenting path (a path to
        ``t`` only climbs levels below ``t``'s), only saves exploring dead ends."""
        level = [-1] * len(self.adj)
        level[s] = 0
        queue = [s]
        to, cap, adj = self.to, self.cap, self.adj
        for u in queue:
            nxt = level[u] + 1
            for e in adj[u]:
                v = to[e]
                if cap[e] > 0 and level[v] < 0:
                    level[v] = nxt
                    if v == t:
                        return level
                    queue.append(v)
        return None

    def _push(self, s: int, t: int, limit: int, level: list[int], it: list[int]) -> int:
        """One augmenting path from ``s`` to ``t`` in the level graph (at most ``limit``
        units), depth first, edges in the order added, ``it`` remembering each node's dead
        edges; the flow pushed (0: none left). Iterative, with its path on a stack."""
        to, cap, adj = self.to, self.cap, self.adj
        path: list[int] = []
        limits = [limit]
        u = s
        while u != t:
            edges = adj[u]
            i = it[u]
            n = len(edges)
            next_level = level[u] + 1
            while i < n:
                e = edges[i]
                if cap[e] > 0 and level[to[e]] == next_level:
                    break
                i += 1
            it[u] = i
            if i < n:  # advance along the admissible edge
                e = edges[i]
                path.append(e)
                c = cap[e]
                limits.append(c if c < limits[-1] else limits[-1])
                u = to[e]
            else:  # a dead end: back to the edge's tail, and past that edge
                if not path:
                    return 0
                e = path.pop()
                limits.pop()
                u = to[e ^ 1]
                it[u] += 1
        pushed = limits[-1]
        for e in path:
            cap[e] -= pushed
            cap[e ^ 1] += pushed
        return pushed

    def _grow(self, s: int, t: int, limit: int) -> int:
        total = 0
        while total < limit:
            level = self._levels(s, t)
            if level is None:
                break
            it = [0] * len(self.adj)
            while total < limit:
                pushed = self._push(s, t, limit - total, level, it)
                if not pushed:
                    break
                total += pushed
        return total

    def max_flow(self, s: int, t: int) -> int:
        """The maximum flow from s to t (lower bounds must all be 0)."""
        if self.lo:
            raise ValueError("max_flow on a network with lower bounds: use min_flow/feasible")
        return self._grow(s, t, sum(self.orig) + 1)

    def reachable(self, s: int) -> set[int]:
        """The nodes reachable from s in the residual network (the source side of a min cut)."""
        seen = {s}
        queue = deque([s])
        while queue:
            u = queue.popleft()
            for e in self.adj[u]:
                v = self.to[e]
                if self.cap[e] > 0 and v not in seen:
                    seen.add(v)
                    queue.append(v)
        return seen

    def min_flow(self, s: int, t: int) -> int | None:
        """The least s-t flow meeting every lower bound, or None when no flow meets them.

        Standard reduction: a t → s edge closes the circulation, a super source and sink
        carry the lower bounds' imbalances; a max flow between them saturates them iff a
        feasible flow exists. Then as much flow as possible is pushed back from t to s.
        """
        excess = [0] * self.n
        for e, lo in self.lo.items():
            excess[self.to[e]] += lo
            excess[self.to[e ^ 1]] -= lo
        big = sum(self.orig) + sum(self.lo.values()) + 1
        base = len(self.adj)
        ss, tt = base, base + 1
        self.adj.append([])
        self.adj.append([])
        back = self._edge(t, s, big)
        need = 0
        extra: list[int] = [back]
        for v in range(self.n):
            if excess[v] > 0:
                extra.append(self._edge(ss, v, excess[v]))
                need += excess[v]
            elif excess[v] < 0:
                extra.append(self._edge(v, tt, -excess[v]))
        got = self._grow(ss, tt, need)
        if got < need:
            self._drop(extra, base)
            return None
        value = self.orig[back] - self.cap[back]
        self._drop(extra, base)
        value -= self._grow(t, s, value)
        return value

    def _drop(self, edges: list[int], base: int) -> None:
        """Remove helper edges (added last, so last in every node's list: only the lists of
        their ends hold them, at their tails) and the helper nodes."""
        first = min(edges)
        adj, to = self.adj, self.to
        for e in edges:
            for u in (to[e], to[e ^ 1]):
                if u < base:
                    edges_u = adj[u]
                    while edges_u and edges_u[-1] >= first:
                        edges_u.pop()
        del adj[base:]
        del self.to[first:]
        del self.cap[first:]
        del self.orig[first:]

    def feasible(self, s: int, t: int) -> bool:
        """Whether some s-t flow meets every lower bound."""
        return self.min_flow(s, t) is not None
