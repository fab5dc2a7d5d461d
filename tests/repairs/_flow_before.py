"""The revisit planner's flow solver as it was before the second round of issue 12 (kept
only here, to check that the solver now lays out the same flows: see test_flow_identity.py).

Only what that round changed is kept: the network built one fan of edges at a time
(``fan_out``) and Dinic's levelling and search (``_levels``, ``_push``, ``_grow``); the rest
(adding an edge, reading flows, maximum, minimum and feasible flows over ``_grow``) is the
solver's own, inherited.
"""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

from propmgmt_rules.repairs._flow import FlowNetwork as _Now

__all__ = ["FlowNetwork"]


class FlowNetwork(_Now):
    """The solver before (see the module)."""

    __slots__ = ()

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
