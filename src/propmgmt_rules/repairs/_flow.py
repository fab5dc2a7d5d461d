"""A small exact integer flow solver (Dinic), with lower bounds and minimum feasible flow.

Private machinery of the revisit planner: networks there have a few hundred nodes and a few
thousand edges whatever the number of repairs, so a plain Python Dinic is fast enough.

>>> net = FlowNetwork(4)
>>> a = net.add(0, 1, 0, 3)
>>> b = net.add(0, 2, 2, 2)          # lower bound 2: at least 2 units must go this way
>>> c = net.add(1, 3, 0, 5)
>>> d = net.add(2, 3, 0, 5)
>>> net.min_flow(0, 3)              # the least flow meeting every lower bound
2
>>> net.flow(a), net.flow(b)
(0, 2)
"""

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
        idx = self._edge(u, v, hi - lo)  # (a plan builds its network at once: of_edges)
        if lo:
            self.lo[idx] = lo
        return idx

    @classmethod
    def of_edges(cls, n: int, tails: list[int], heads: list[int], caps: list[int],
                 lows: dict[int, int]) -> FlowNetwork:
        """The network of the edges ``tails[i]`` → ``heads[i]`` carrying up to ``caps[i]``
        units above their lower bound ``lows.get(2 * i, 0)``, added in that order: the
        network :meth:`add` builds edge after edge (edge i's handle is 2i, the same lists in
        the same order), at a fraction of the cost."""
        net = cls(n)
        m = len(tails)
        to = [0] * (2 * m)
        to[::2] = heads
        to[1::2] = tails
        cap = [0] * (2 * m)
        cap[::2] = caps
        net.to, net.cap, net.orig, net.lo = to, cap, cap.copy(), lows
        adj = net.adj
        for e, u, v in zip(range(0, 2 * m, 2), tails, heads, strict=True):
            adj[u].append(e)
            adj[v].append(e + 1)
        return net

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
        push = queue.append
        for u in queue:
            nxt = level[u] + 1
            for e in adj[u]:
                if cap[e]:  # residual capacities are never negative
                    v = to[e]
                    if level[v] < 0:
                        level[v] = nxt
                        if v == t:
                            return level
                        push(v)
        return None

    def _grow(self, s: int, t: int, limit: int) -> int:
        """Dinic from ``s`` to ``t``, at most ``limit`` units: a BFS levelling, then
        augmenting paths in the level graph found depth first (edges in the order added,
        ``it`` remembering each node's dead edges), until no path is left; again.

        After a push the search goes on from the tail of the path's first saturated edge,
        the path before it kept: the very path a search from ``s`` would walk again (each
        node's ``it`` still points at the path's edge, not saturated before that edge), so
        the paths found, and the flow, are those of a search restarted from ``s``. A node
        found to be a dead end is unlevelled: the edges into it are passed over as the search
        would leave them, after going there and coming straight back (within a level graph a
        dead end stays one: a push opens only edges back to a lower level)."""
        to, cap, adj = self.to, self.cap, self.adj
        total = 0
        while total < limit:
            level = self._levels(s, t)
            if level is None:
                break
            it = [0] * len(adj)
            path: list[int] = []
            u = s
            while True:
                if u == t:  # push the path's bottleneck
                    pushed = limit - total
                    for e in path:
                        if cap[e] < pushed:
                            pushed = cap[e]
                    for e in path:
                        cap[e] -= pushed
                        cap[e ^ 1] += pushed
                    total += pushed
                    if total >= limit:
                        break
                    j = 0  # an edge of the path is saturated (else the limit is reached)
                    while cap[path[j]]:
                        j += 1
                    u = to[path[j] ^ 1]
                    del path[j:]
                    continue
                edges = adj[u]
                i = it[u]
                n = len(edges)
                want = level[u] + 1
                while i < n:
                    e = edges[i]
                    if cap[e] and level[to[e]] == want:
                        break
                    i += 1
                it[u] = i
                if i < n:  # advance along the admissible edge
                    path.append(e)
                    u = to[e]
                elif path:  # a dead end: back to the edge's tail, and past that edge
                    level[u] = -1  # dead for this level graph: no edge is taken into it again
                    e = path.pop()
                    u = to[e ^ 1]
                    it[u] += 1
                else:  # no path left in this level graph
                    break
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
        excess: dict[int, int] = {}  # the nodes the lower bounds unbalance
        to = self.to
        for e, lo in self.lo.items():
            head, tail = to[e], to[e ^ 1]
            excess[head] = excess.get(head, 0) + lo
            excess[tail] = excess.get(tail, 0) - lo
        big = sum(self.orig) + sum(self.lo.values()) + 1
        base = len(self.adj)
        ss, tt = base, base + 1
        self.adj.append([])
        self.adj.append([])
        back = self._edge(t, s, big)
        need = 0
        extra: list[int] = [back]
        for v in sorted(excess):  # in the nodes' order, as a pass over every node
            x = excess[v]
            if x > 0:
                extra.append(self._edge(ss, v, x))
                need += x
            elif x < 0:
                extra.append(self._edge(v, tt, -x))
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
