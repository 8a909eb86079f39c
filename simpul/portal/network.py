"""The public cooperation network (issue 16, item 3): regions and organisations as nodes, public
agreements as edges weighted by how many agreements two nodes share, with who connects whom.

A government, agency or DPRD counts as its region (the region is the party that matters
nationally); any other organisation (a university, an NGO, a business) is a node of its own.
Only agreements whose parties are public are read (publication.selectors), in a fixed number
of queries whatever the size of the network: one for the parties, one for the regions left
isolated, one for the province asked for.

Centrality is computed here rather than with a graph library: degree is a count, and
betweenness is Brandes' algorithm (2001) for an unweighted, undirected graph, normalised to
0–1 like networkx's `betweenness_centrality` — a few dozen lines, tested on hand-computed
graphs, not worth a dependency.
"""

import math
from collections import defaultdict, deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Q

from simpul.agreements.models import Party
from simpul.core.public_cache import generation
from simpul.organizations.models import Organization
from simpul.publication import selectors as gate
from simpul.publication.kinds import InfoKind
from simpul.regions.models import Region

from .selectors import Filters, filtered_agreements

N = TypeVar("N", bound=Hashable)

EXACT_NODES = 300  # above this, betweenness is estimated from PIVOTS sources (seconds → <1 s)
PIVOTS = 100
DRAWN_NODES = 60  # the drawing shows the best-connected nodes; the table lists every one
SIZE = 640
CACHE_SECONDS = 24 * 3600  # the drawing's viewBox side, in its own units


def betweenness(adjacency: dict[N, set[N]], *, pivots: int | None = None) -> dict[N, float]:
    """Betweenness centrality of each node of an undirected, unweighted graph: the share of
    shortest paths between other pairs that pass through it (0 to 1).

    With `pivots`, a large graph is estimated from that many source nodes, evenly spread over
    the nodes in their given order (deterministic) and scaled up, like networkx's `k`."""
    keys = list(adjacency)
    n = len(keys)
    index = {key: i for i, key in enumerate(keys)}
    # Integer nodes and lists: about three times faster than dicts of tuples.
    neighbours = [[index[other] for other in adjacency[key]] for key in keys]
    sources = range(n)
    if pivots is not None and pivots < n:
        sources = range(0, n, math.ceil(n / pivots))
    score = [0.0] * n
    for source in sources:
        order: list[int] = []
        predecessors: list[list[int]] = [[] for _ in range(n)]
        paths = [0] * n
        paths[source] = 1
        distance = [-1] * n
        distance[source] = 0
        queue = deque([source])
        while queue:
            node = queue.popleft()
            order.append(node)
            step = distance[node] + 1
            for other in neighbours[node]:
                if distance[other] < 0:
                    distance[other] = step
                    queue.append(other)
                if distance[other] == step:
                    paths[other] += paths[node]
                    predecessors[other].append(node)
        dependency = [0.0] * n
        for node in reversed(order):
            for before in predecessors[node]:
                dependency[before] += paths[before] / paths[node] * (1 + dependency[node])
            if node != source:
                score[node] += dependency[node]
    # Each pair was counted from both ends; 2 / ((n-1)(n-2)) also halves it.
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    scale *= n / len(sources) if len(sources) else 0.0
    return {key: score[i] * scale for i, key in enumerate(keys)}


@dataclass
class Node:
    key: tuple[str, int]
    name: str
    kind: str  # "region" or "organization"
    code: str = ""  # the region code, for regions
    degree: int = 0  # distinct partners
    agreements: int = 0  # public agreements it takes part in
    betweenness: float = 0.0
    x: float = 0.0
    y: float = 0.0


@dataclass
class Edge:
    a: Node
    b: Node
    count: int


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)  # most central first
    edges: list[Edge] = field(default_factory=list)  # heaviest first
    isolated: list[Region] = field(default_factory=list)
    province: Region | None = None
    estimated: bool = False  # betweenness estimated from PIVOTS sources (a large network)

    @property
    def drawn(self) -> tuple[list[Node], list[Edge]]:
        """The nodes and edges the drawing shows: the best connected, laid out on a circle."""
        shown = self.nodes[:DRAWN_NODES]
        keys = {node.key for node in shown}
        return shown, [e for e in self.edges if e.a.key in keys and e.b.key in keys]


def _node_of(org_id, org_name, kind, region_id, region_name, region_code):
    if kind in Organization.REGIONAL_KINDS and region_id is not None:
        return ("r", region_id), region_name, "region", region_code
    return ("o", org_id), org_name, "organization", ""


def _in_province(province: Region) -> Q:
    return Q(organization__region=province) | Q(organization__region__parent=province)


def cooperation_network(
    filters: Filters, province: Region | None = None, *, centrality: bool = True
) -> Network:
    """The network for these filters, cached until public information changes."""
    key = f"portal-network:{generation()}:{filters.as_query()}:{province.code if province else ''}"
    key += ":c" if centrality else ""
    network = cache.get(key)
    if network is None:
        network = _build(filters, province, centrality=centrality)
        cache.set(key, network, CACHE_SECONDS)
    return network


def _build(filters: Filters, province: Region | None, *, centrality: bool) -> Network:
    agreements = filtered_agreements(filters).filter(
        pk__in=gate.agreements_with_public(InfoKind.PARTIES).values("pk")
    )
    if province is not None:
        agreements = agreements.filter(
            pk__in=Party.objects.filter(_in_province(province)).values("agreement_id")
        )
    rows = (
        Party.objects.filter(agreement__in=agreements.values("pk"))
        .values_list(
            "agreement_id",
            "organization_id",
            "organization__name",
            "organization__kind",
            "organization__region_id",
            "organization__region__name",
            "organization__region__code",
        )
        .order_by("agreement_id", "organization_id")
    )
    nodes: dict[tuple[str, int], Node] = {}
    members: dict[int, set[tuple[str, int]]] = defaultdict(set)
    for agreement_id, *organization in rows:
        key, name, kind, code = _node_of(*organization)
        nodes.setdefault(key, Node(key=key, name=name, kind=kind, code=code))
        members[agreement_id].add(key)
    weights: dict[tuple, int] = defaultdict(int)
    for keys in members.values():
        for key in keys:
            nodes[key].agreements += 1
        ordered = sorted(keys)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                weights[(a, b)] += 1
    adjacency: dict[tuple[str, int], set[tuple[str, int]]] = {key: set() for key in nodes}
    for a, b in weights:
        adjacency[a].add(b)
        adjacency[b].add(a)
    pivots = PIVOTS if len(adjacency) > EXACT_NODES else None
    # The most connected first, so the evenly spread pivots cover hubs and the periphery.
    by_degree = dict(sorted(adjacency.items(), key=lambda item: (-len(item[1]), item[0])))
    for key, value in (betweenness(by_degree, pivots=pivots) if centrality else {}).items():
        nodes[key].betweenness = value
    for key, linked in adjacency.items():
        nodes[key].degree = len(linked)
    ordered_nodes = sorted(
        nodes.values(), key=lambda n: (-n.betweenness, -n.degree, -n.agreements, n.name)
    )
    edges = sorted(
        (Edge(nodes[a], nodes[b], count) for (a, b), count in weights.items()),
        key=lambda e: (-e.count, e.a.name, e.b.name),
    )
    network = Network(nodes=ordered_nodes, edges=edges, province=province, estimated=bool(pivots))
    network.isolated = _isolated(province, {key[1] for key in nodes if key[0] == "r"})
    _lay_out(network.drawn[0])
    return network


def _isolated(province: Region | None, connected: Iterable[int]) -> list[Region]:
    """The current regions (of the province, or regencies and cities nationally) in no
    public cooperation."""
    regions = Region.objects.current().exclude(pk__in=list(connected))
    if province is not None:
        regions = regions.filter(Q(pk=province.pk) | Q(parent=province))
    else:
        regions = regions.exclude(level=Region.Level.PROVINCE)
    return list(regions.only("code", "name").order_by("name", "code"))


def _lay_out(nodes: list[Node]) -> None:
    """Nodes on a circle, most central first, clockwise from the top."""
    radius = SIZE * 0.36
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        node.x = round(SIZE / 2 + radius * math.cos(angle), 1)
        node.y = round(SIZE / 2 + radius * math.sin(angle), 1)
