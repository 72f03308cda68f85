"""Checking the graph against the SHACL shapes inside the store, for graphs too large for pySHACL.

pySHACL copies the graph into rdflib and walks it node by node: 12 s per 100k triples. Here each
constraint of shapes/ becomes one SPARQL SELECT that finds all its violations at once, run by the
storage engine over the graph where it lives, and the rows become the very ``Result`` objects of
:mod:`mosaic.graph.validation.shacl`, with the same severities, focus nodes, paths, shapes, components and
messages. To judge the graph as :func:`mosaic.graph.validation.shacl.validate` does, the queries read the union
default graph (the ontology included) and count every non-system named graph as a mosaic:Claim.

Only the SHACL the shapes use is compiled; anything else raises :class:`UnsupportedShape` rather than
being skipped, since a constraint checked by nobody is worse than a validator that says it cannot.
The queries use full IRIs and plain SPARQL 1.1, so any endpoint answering ``Selects`` can run them.

Where pySHACL strays from the SHACL spec, this follows pySHACL (sh:pattern must match at the start;
a sh:sparql result takes the shape's severity). Where rdflib's SPARQL strays from SPARQL 1.1, it
does not: rdflib orders a string before or after a date, so pySHACL may find that a time span whose
mosaic:earliest is no date "ends before it begins"; here they cannot be compared, and only
sh:datatype reports the value, as it does in pySHACL too. A shape without sh:message gives
"breaks a shape" rather than pySHACL's generic wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Identifier, Node

from mosaic.errors import MosaicError
from mosaic.graph.store import Row, Selects
from mosaic.graph.validation.shacl import SH, Locator, Report, Result, read_shapes, shape_name, show_term
from mosaic.graph.vocab import GRAPH_BASE, MOSAIC

__all__ = ["UnsupportedShape", "validate_nodes", "validate_store"]

_FOCUS = "%FOCUS%"  # where a check's query takes the pattern binding ?this to its focus nodes
_WITHOUT = "%WITHOUT%"  # keeps the rows that have no match of the group that follows (see _query)
_INSTANCE = f"{RDF.type.n3()}/{RDFS.subClassOf.n3()}*"
_WORKERS = 2  # queries run side by side; the engine answers each on its own thread
# For a blank focus node, the triples mosaic.graph.validation.shacl.Locator reads to find where it is written: the
# links from its parent and grandparent, and its own named values.
_CONTEXT = ("located_s", "located_p", "located_o", "located_link")
_LOCATING = ("OPTIONAL { { ?located_s ?located_p ?this BIND(?this AS ?located_o) } "
             "UNION { ?located_s ?located_p ?located_o . ?located_o ?located_link ?this FILTER(isBlank(?located_o)) } "
             "UNION { ?this ?located_p ?located_o FILTER(isIRI(?located_o) && ?located_p != "
             f"{RDF.type.n3()}) BIND(?this AS ?located_s) }} FILTER(isBlank(?this)) }}")


class UnsupportedShape(MosaicError):
    """The shapes use SHACL that engine validation does not compile; validate with pySHACL instead."""


@dataclass(frozen=True)
class _Check:
    """One constraint of one shape: the query pattern that finds its violations, and how to report them.

    ``where`` binds ?this to each failing focus node (and ?value to the failing value, where there is
    one) once its ``_FOCUS`` placeholder is replaced by a pattern binding ?this to the focus nodes.
    """

    shape: str
    severity: str
    constraint: str
    message: str
    path: str | None
    where: str
    targets: str  # binds ?this to every target of the shape
    prologue: str = ""
    value_is_focus: bool = False  # without a ?value, pySHACL gives the focus node as the value
    template: bool = False  # the message has {?var} placeholders filled from the row


# --- the public API ---------------------------------------------------------------------------------


def validate_store(store: Selects, shapes_dir: Path, files: Iterable[Path] = ()) -> Report:
    """Validate the whole graph in the store (its default graph is the union of named graphs)."""
    return _validate(store, shapes_dir, None, list(files))


def validate_nodes(store: Selects, shapes_dir: Path, nodes: Iterable[str]) -> Report:
    """Validate only the given focus nodes (IRIs), for revalidating what a change touched.

    A node is checked against each shape that targets it, with its values wherever they are in the
    graph; nodes that no shape targets are fine by definition.
    """
    values = " ".join(_iri(node) for node in sorted(set(nodes)))
    if not values:
        return Report([])
    return _validate(store, shapes_dir, values, [])


def _iri(node: str) -> str:
    if not node or re.search(r'[\x00-\x20<>"{}|^`\\]', node):
        raise ValueError(f"not an IRI: {node!r}")
    return f"<{node}>"


def _validate(store: Selects, shapes_dir: Path, nodes: str | None, files: list[Path]) -> Report:
    claim_classes = {row["class"] for row in store.select(
        f"SELECT DISTINCT ?class WHERE {{ {MOSAIC.Claim.n3()} {RDFS.subClassOf.n3()}* ?class }}")}
    checks = _compile(read_shapes(shapes_dir), claim_classes | {MOSAIC.Claim})
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        answers = list(pool.map(store.select, [_query(check, nodes) for check in checks]))
        if files:  # again with context, where a blank node failed (costly, so only there)
            blank = [i for i, rows in enumerate(answers) if any(isinstance(r["this"], BNode) for r in rows)]
            for i, rows in zip(blank, pool.map(store.select, [_query(checks[i], nodes, True) for i in blank])):
                answers[i] = rows
    located = Graph()
    found = [(check, row) for check, rows in zip(checks, answers) for row in _distinct(rows, located)]
    locator = Locator(files, located) if files else None
    return Report([_result(check, row, locator) for check, row in found])


def _query(check: _Check, nodes: str | None, context: bool = False) -> str:
    """The SELECT for one check, over the focus nodes listed in ``nodes`` (a VALUES list), or all.

    Over all focus nodes, MINUS evaluates its group once for the whole graph and subtracts (an
    anti-join, ten times faster here); over a few, FILTER NOT EXISTS looks up just their rows. The two
    agree since the group always shares a bound variable with the rows. The focus nodes are made
    distinct first: the union default graph repeats a triple once per graph that states it.
    With ``context``, the query also gives the surroundings of a blank focus node, to locate it. That
    is slow (the engine then reads them for the whole graph: a second per 100k triples), so it is
    asked only of checks that a blank node failed.
    """
    values = f"VALUES ?this {{ {nodes} }} " if nodes is not None else ""
    focus = f"{{ SELECT DISTINCT ?this WHERE {{ {values}{check.targets} }} }}"
    without = "MINUS" if nodes is None else "FILTER NOT EXISTS"
    where = check.where.replace(_FOCUS, focus).replace(_WITHOUT, without)
    if context:
        where = f"{{ {where} }} {_LOCATING}"
    return f"{check.prologue}SELECT DISTINCT * WHERE {{ {where} }}"


def _distinct(rows: list[Row], located: Graph) -> list[Row]:
    """Rows without the locating columns, once each; those columns go into ``located`` as triples."""
    seen: dict[tuple[tuple[str, Identifier], ...], Row] = {}
    for row in rows:
        if "located_s" in row:
            located.add((row["located_s"], row["located_p"], row["located_o"]))
        bare = {name: term for name, term in row.items() if name not in _CONTEXT}
        seen.setdefault(tuple(sorted(bare.items())), bare)
    return list(seen.values())


def _result(check: _Check, row: Row, locator: Locator | None) -> Result:
    focus = row["this"]
    value = row.get("value", focus if check.value_is_focus else None)
    path = check.path or (show_term(row["path"]) if isinstance(row.get("path"), URIRef) else None)
    return Result(
        severity=check.severity,
        message=_fill(check.message, row) if check.template else check.message,
        focus=show_term(focus),
        path=path,
        value=show_term(value) if value is not None else None,
        shape=check.shape,
        constraint=check.constraint,
        location=locator.find(focus) if locator else None,
    )


def _fill(message: str, row: Row) -> str:
    """A SPARQL constraint's message with {?var} and {$var} replaced by the row's values, as pySHACL does."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: str(row[m.group(1)]) if m.group(1) in row else m.group(0), message)


# --- compiling shapes into checks -------------------------------------------------------------------

_IGNORED = {SH.name, SH.description, SH.order, SH.group, RDFS.label, RDFS.comment, SH.message, SH.severity}
_READ_WITH_OTHERS = {SH.flags}  # read by the constraint it qualifies (sh:pattern)
_NODE_PARAMETERS = {RDF.type, SH.targetClass, SH.property, SH.sparql}
_COMPARISONS: dict[Node, str] = {SH.minInclusive: ">=", SH.maxInclusive: "<=",
                                 SH.minExclusive: ">", SH.maxExclusive: "<"}
_NODE_KINDS: dict[Node, str] = {SH.IRI: "isIRI({0})", SH.BlankNode: "isBlank({0})", SH.Literal: "isLiteral({0})",
                                SH.BlankNodeOrIRI: "!isLiteral({0})", SH.BlankNodeOrLiteral: "!isIRI({0})",
                                SH.IRIOrLiteral: "!isBlank({0})"}
# Datatypes whose ill-typed literals pySHACL rejects (rdflib's ``ill_typed``), each with a SPARQL 1.1
# test of the lexical form; other datatypes match by IRI alone, as in pySHACL. xsd:date is no SPARQL 1.1
# cast, so its form is matched and its day checked by a cast to xsd:dateTime.
_CAST = "isLiteral(<http://www.w3.org/2001/XMLSchema#{1}>(STR({0})))"
_WELL_FORMED: dict[Node, str] = {
    **{XSD[name]: _CAST.replace("{1}", name) for name in ("integer", "decimal", "boolean", "double", "float",
                                                           "dateTime")},
    XSD.date: 'REGEX(STR({0}), "^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}(Z|[+-][0-9]{{2}}:[0-9]{{2}})?$") && '
              'isLiteral(<http://www.w3.org/2001/XMLSchema#dateTime>(CONCAT(SUBSTR(STR({0}), 1, 10), "T00:00:00")))',
}


def _name(shapes: Graph, shape: Node) -> str:
    return shape_name(shapes, cast(Identifier, shape))  # rdflib's graphs give Nodes; all of them are Identifiers


def _show(term: Node) -> str:
    return show_term(cast(Identifier, term))


def _compile(shapes: Graph, claim_classes: set[Node]) -> list[_Check]:
    return _Compiler(shapes, claim_classes).checks()


class _Compiler:
    """Turns the shapes graph into checks, one per (shape, constraint).

    ``claim_classes`` are the classes a mosaic:Claim is an instance of, whose instances include the
    claim graphs.
    """

    def __init__(self, shapes: Graph, claim_classes: set[Node]) -> None:
        self.shapes = shapes
        self.claim_classes = claim_classes

    def checks(self) -> list[_Check]:
        node_shapes = set(self.shapes.subjects(SH.targetClass, None)) | set(
            self.shapes.subjects(RDF.type, SH.NodeShape))
        return [check for shape in sorted(node_shapes, key=str) for check in self._node_shape(shape)]

    def _node_shape(self, shape: Node) -> list[_Check]:
        self._refuse_unknown(shape, _NODE_PARAMETERS | set(_VALUE_CONSTRAINTS))
        if (shape, RDF.type, RDFS.Class) in self.shapes:
            raise UnsupportedShape(f"{_show(shape)} is a class and so targets its instances implicitly, "
                                   "which engine validation does not support; give it sh:targetClass")
        targets = " UNION ".join(self._instances("?this", cls) for cls in self.shapes.objects(shape, SH.targetClass))
        if not targets:
            return []  # a shape without targets applies only where another shape refers to it
        checks = self._constraints(shape, None, targets)
        checks += [c for prop in self.shapes.objects(shape, SH.property) for c in self._property(prop, targets)]
        return checks + [self._sparql(shape, node, targets) for node in self.shapes.objects(shape, SH.sparql)]

    def _property(self, prop: Node, targets: str) -> list[_Check]:
        self._refuse_unknown(prop, {RDF.type, SH.path} | set(_VALUE_CONSTRAINTS) | set(_COUNT_CONSTRAINTS))
        path = self.shapes.value(prop, SH.path)
        if path is None:
            raise UnsupportedShape(f"{_name(self.shapes, prop)} has a property shape without sh:path")
        return self._constraints(prop, self._path(path), targets)

    def _constraints(self, shape: Node, path: str | None, targets: str) -> list[_Check]:
        """The checks of one shape's constraints (on the focus node itself when ``path`` is None)."""
        checks = []
        for parameter, argument in self.shapes.predicate_objects(shape):
            if parameter in _VALUE_CONSTRAINTS:
                component, failing = _VALUE_CONSTRAINTS[parameter]
                values = f"?this {path} ?value" if path else "BIND(?this AS ?value)"
                checks.append(self._check(shape, component, f"{_FOCUS} {values} {failing(self, shape, argument)}",
                                          targets))
            elif parameter in _COUNT_CONSTRAINTS and path is not None:
                component, where = _COUNT_CONSTRAINTS[parameter](argument, path)
                checks += [self._check(shape, component, where, targets)] if where else []
        return checks

    def _check(self, shape: Node, component: str, where: str, targets: str) -> _Check:
        path = self.shapes.value(shape, SH.path)
        return _Check(shape=_name(self.shapes, shape), severity=self._severity(shape),
                      constraint=f"sh:{component}", message=self._message(shape),
                      path=_show(path) if isinstance(path, URIRef) else None, where=where, targets=targets)

    def _sparql(self, shape: Node, node: Node, targets: str) -> _Check:
        """A SPARQL-based constraint: its SELECT with ?this first bound to the focus nodes, as pre-binding
        binds it (pySHACL runs the query once per focus node instead)."""
        self._refuse_unknown(node, {RDF.type, SH.select, SH.prefixes})
        select = _projecting_this(str(self.shapes.value(node, SH.select)))
        opening = re.search(r"\bWHERE\s*\{|\{", select, re.IGNORECASE)
        assert opening is not None, "a SELECT has a WHERE clause"
        bound = f"{{ {select[:opening.end()]} {_FOCUS} {select[opening.end():]} }}"
        return _Check(shape=_name(self.shapes, shape), severity=self._severity(shape),  # as pySHACL: the shape's
                      constraint="sh:SPARQLConstraintComponent",
                      message=str(self.shapes.value(node, SH.message) or self._message(shape)),
                      path=None, where=bound, targets=targets, prologue=self._prefixes(node),
                      value_is_focus=True, template=True)

    def _prefixes(self, node: Node) -> str:
        return "".join(f"PREFIX {self.shapes.value(d, SH.prefix)}: <{self.shapes.value(d, SH.namespace)}>\n"
                       for source in self.shapes.objects(node, SH.prefixes)
                       for d in self.shapes.objects(source, SH.declare))

    def _severity(self, shape: Node) -> str:
        return str(self.shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]

    def _message(self, shape: Node) -> str:
        return str(self.shapes.value(shape, SH.message) or "breaks a shape")

    def _path(self, node: Node) -> str:
        """A SHACL property path as a SPARQL property path."""
        if node == RDF.type:
            raise UnsupportedShape("paths through rdf:type are not supported: claim graphs are typed "
                                   "mosaic:Claim only implicitly")
        if isinstance(node, URIRef):
            return node.n3()
        if (node, RDF.first, None) in self.shapes:
            return "(" + "/".join(self._path(step) for step in Collection(self.shapes, node)) + ")"
        for kind, wrap in _PATH_KINDS.items():
            inner = self.shapes.value(node, kind)
            if inner is not None:
                return wrap(self, inner)
        raise UnsupportedShape(f"unsupported sh:path {node!r}")

    def _instances(self, var: str, cls: Node) -> str:
        """A group matching ``var`` to SHACL instances of ``cls``: typed with it or a subclass of it, and the
        names of claim graphs too when a claim is such an instance (validate.py types them so)."""
        typed = f"{{ {var} {_INSTANCE} {cls.n3()} }}"
        if cls not in self.claim_classes:
            return typed
        claims = f'{{ GRAPH {var} {{ }} FILTER(!STRSTARTS(STR({var}), "{GRAPH_BASE}")) }}'  # as is_system_graph
        return f"{{ {typed} UNION {claims} }}"

    def _refuse_unknown(self, shape: Node, known: set[Node]) -> None:
        for parameter in set(self.shapes.predicates(shape, None)) - known - _IGNORED - _READ_WITH_OTHERS:
            raise UnsupportedShape(f"{_name(self.shapes, shape)} uses {_show(parameter)}, which engine "
                                   "validation does not support; validate with pySHACL (mosaic.graph.validation.shacl) instead")

    # --- constraints on each value ?value: the part of a pattern that keeps only the failing values ---

    def _not_class(self, _shape: Node, cls: Node) -> str:
        return f"{_WITHOUT} {self._instances('?value', cls)}"

    def _not_any(self, _shape: Node, members: Node) -> str:
        """sh:or: values that conform to none of the shapes listed."""
        return " ".join(f"{_WITHOUT} {self._conforming(m)}" for m in Collection(self.shapes, members))

    def _conforming(self, member: Node) -> str:
        """A group matching ?value when it conforms to ``member``, a shape listed by sh:or.

        Only conditions a group can state are supported: sh:minCount 1 on a path, or sh:class.
        """
        self._refuse_unknown(member, {RDF.type, SH.path, SH.minCount, SH["class"]})
        path, least, cls = (self.shapes.value(member, p) for p in (SH.path, SH.minCount, SH["class"]))
        if path is not None and cls is None and least is not None and int(str(least)) == 1:
            return f"{{ ?value {self._path(path)} ?any }}"
        if path is None and least is None and cls is not None:
            return self._instances("?value", cls)
        raise UnsupportedShape(f"{_name(self.shapes, member)}: inside sh:or, engine validation supports "
                               "only [ sh:path …; sh:minCount 1 ] and [ sh:class … ]")

    def _not_datatype(self, _shape: Node, datatype: Node) -> str:
        if datatype in (RDFS.Literal, RDFS.Datatype):  # every literal is one, as pySHACL has it
            return "FILTER(!isLiteral(?value))"
        if isinstance(datatype, URIRef) and datatype.startswith(str(XSD)) and datatype not in _WELL_FORMED \
                and datatype != XSD.string:
            raise UnsupportedShape(f"sh:datatype {_show(datatype)} is not supported: engine validation "
                                   "cannot tell its ill-typed literals as pySHACL does")
        well_formed = _WELL_FORMED.get(datatype, "true").format("?value")
        return f"FILTER(!COALESCE(isLiteral(?value) && DATATYPE(?value) = {datatype.n3()} && {well_formed}, false))"

    def _not_in(self, _shape: Node, members: Node) -> str:
        allowed = " || ".join(f"sameTerm(?value, {m.n3()})" for m in Collection(self.shapes, members))
        return f"FILTER(!({allowed or 'false'}))"

    def _not_pattern(self, shape: Node, pattern: Node) -> str:
        """As pySHACL has it: the pattern must match at the start (Python's ``re.match``, where SHACL says
        anywhere), only the flags i and m count, and a blank node never matches."""
        flags = "".join(f for f in str(self.shapes.value(shape, SH.flags) or "").lower() if f in "im")
        arguments = f"STR(?value), {Literal(f'^({pattern})').n3()}, {Literal(flags).n3()}"
        return f"FILTER(isBlank(?value) || !REGEX({arguments}))"

    def _not_in_range(self, shape: Node, bound: Node) -> str:
        """Values the comparison does not hold for, including those it cannot compare (as SHACL says)."""
        parameter = next(p for p in _COMPARISONS if (shape, p, bound) in self.shapes)
        return f"FILTER(!COALESCE(?value {_COMPARISONS[parameter]} {bound.n3()}, false))"

    def _not_node_kind(self, _shape: Node, kind: Node) -> str:
        if kind not in _NODE_KINDS:
            raise UnsupportedShape(f"unknown sh:nodeKind {_show(kind)}")
        return f"FILTER(!{_NODE_KINDS[kind].format('?value')})"


def _projecting_this(select: str) -> str:
    """The SELECT with $this among its variables, so that each row says which focus node failed."""
    if re.search(r"[?$](currentShape|shapesGraph|PATH)\b", select):
        raise UnsupportedShape("SPARQL constraints using $currentShape, $shapesGraph or $PATH are not supported")
    if re.search(r"SELECT\s+(DISTINCT\s+|REDUCED\s+)?(\*|[^{]*[?$]this\b)", select, re.IGNORECASE):
        return select
    return re.sub(r"SELECT\s+(DISTINCT\s+|REDUCED\s+)?", r"\g<0>$this ", select, count=1, flags=re.IGNORECASE)


# --- constraints on the number of values, each (component, pattern of its violations) -----------------


def _min_count(argument: Node, path: str) -> tuple[str, str]:
    least = int(str(argument))
    if least <= 1:
        return "MinCountConstraintComponent", f"{_FOCUS} {_WITHOUT} {{ ?this {path} ?value }}" if least else ""
    counted = (f"{{ SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {_FOCUS} "
               f"OPTIONAL {{ ?this {path} ?value }} }} GROUP BY ?this }} FILTER(?count < {least})")
    return "MinCountConstraintComponent", counted


def _max_count(argument: Node, path: str) -> tuple[str, str]:
    return "MaxCountConstraintComponent", (f"{{ SELECT ?this WHERE {{ {_FOCUS} ?this {path} ?value }} "
                                           f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(str(argument))}) }}")


def _unique_lang(argument: Node, path: str) -> tuple[str, str]:
    """One result per language tag that two values share (compared in lower case), as pySHACL gives."""
    if not (isinstance(argument, Literal) and argument.value is True):
        return "UniqueLangConstraintComponent", ""
    return "UniqueLangConstraintComponent", (
        f"{{ SELECT ?this ?lang WHERE {{ {_FOCUS} ?this {path} ?value FILTER(LANG(?value) != \"\") "
        f"BIND(LCASE(LANG(?value)) AS ?lang) }} GROUP BY ?this ?lang HAVING (COUNT(DISTINCT ?value) > 1) }}")


_VALUE_CONSTRAINTS: dict[Node, tuple[str, Callable[[_Compiler, Node, Node], str]]] = {
    SH["class"]: ("ClassConstraintComponent", _Compiler._not_class),
    SH["or"]: ("OrConstraintComponent", _Compiler._not_any),
    SH.datatype: ("DatatypeConstraintComponent", _Compiler._not_datatype),
    SH["in"]: ("InConstraintComponent", _Compiler._not_in),
    SH.pattern: ("PatternConstraintComponent", _Compiler._not_pattern),
    SH.minInclusive: ("MinInclusiveConstraintComponent", _Compiler._not_in_range),
    SH.maxInclusive: ("MaxInclusiveConstraintComponent", _Compiler._not_in_range),
    SH.minExclusive: ("MinExclusiveConstraintComponent", _Compiler._not_in_range),
    SH.maxExclusive: ("MaxExclusiveConstraintComponent", _Compiler._not_in_range),
    SH.nodeKind: ("NodeKindConstraintComponent", _Compiler._not_node_kind),
}
_COUNT_CONSTRAINTS: dict[Node, Callable[[Node, str], tuple[str, str]]] = {
    SH.minCount: _min_count, SH.maxCount: _max_count, SH.uniqueLang: _unique_lang,
}
_PATH_KINDS: dict[Node, Callable[[_Compiler, Node], str]] = {
    SH.inversePath: lambda c, p: f"^({c._path(p)})",
    SH.alternativePath: lambda c, p: "(" + "|".join(c._path(s) for s in Collection(c.shapes, p)) + ")",
    SH.zeroOrMorePath: lambda c, p: f"({c._path(p)})*",
    SH.oneOrMorePath: lambda c, p: f"({c._path(p)})+",
    SH.zeroOrOnePath: lambda c, p: f"({c._path(p)})?",
}
