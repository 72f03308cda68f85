"""The SHACL shapes compiled into SPARQL: one pattern per constraint that finds all its violations at once.

Each constraint of shapes/ becomes a :class:`Check`, whose pattern the engine validator
(:mod:`mosaic.graph.validation.engine`) completes with the focus nodes it checks and runs as a SELECT.
Instances are matched as :func:`mosaic.graph.validation.shacl.validate` sees them: through
rdfs:subClassOf, and with every non-system named graph counted as a mosaic:Claim.

Only the SHACL the shapes use is compiled; anything else raises :class:`UnsupportedShape` rather than
being skipped, since a constraint checked by nobody is worse than a validator that says it cannot.
The patterns use full IRIs and plain SPARQL 1.1, so any endpoint answering ``Selects`` can run them.

Where pySHACL strays from the SHACL spec, this follows pySHACL (sh:pattern must match at the start;
a sh:sparql result takes the shape's severity). Where rdflib's SPARQL strays from SPARQL 1.1, it
does not: rdflib orders a string before or after a date, so pySHACL may find that a time span whose
mosaic:earliest is no date "ends before it begins"; here they cannot be compared, and only
sh:datatype reports the value, as it does in pySHACL too. A shape without sh:message gives
"breaks a shape" rather than pySHACL's generic wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Identifier, Node

from mosaic.errors import MosaicError
from mosaic.graph.validation.shacl import SH, shape_name, show_term
from mosaic.graph.vocab import GRAPH_BASE

__all__ = ["Check", "FOCUS", "WITHOUT", "UnsupportedShape", "compile_checks"]

FOCUS = "%FOCUS%"  # where a check's query takes the pattern binding ?this to its focus nodes
WITHOUT = "%WITHOUT%"  # keeps the rows that have no match of the group that follows (see engine._query)
_INSTANCE = f"{RDF.type.n3()}/{RDFS.subClassOf.n3()}*"


class UnsupportedShape(MosaicError):
    """The shapes use SHACL that engine validation does not compile; validate with pySHACL instead."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape: the query pattern that finds its violations, and how to report them.

    ``where`` binds ?this to each failing focus node (and ?value to the failing value, where there is
    one) once its ``FOCUS`` placeholder is replaced by a pattern binding ?this to the focus nodes.
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


def compile_checks(shapes: Graph, claim_classes: set[Node]) -> list[Check]:
    """The checks of every constraint of ``shapes``; ``claim_classes`` are the classes of a mosaic:Claim."""
    return _Compiler(shapes, claim_classes).checks()


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



class _Compiler:
    """Turns the shapes graph into checks, one per (shape, constraint).

    ``claim_classes`` are the classes a mosaic:Claim is an instance of, whose instances include the
    claim graphs.
    """

    def __init__(self, shapes: Graph, claim_classes: set[Node]) -> None:
        self.shapes = shapes
        self.claim_classes = claim_classes

    def checks(self) -> list[Check]:
        node_shapes = set(self.shapes.subjects(SH.targetClass, None)) | set(
            self.shapes.subjects(RDF.type, SH.NodeShape))
        return [check for shape in sorted(node_shapes, key=str) for check in self._node_shape(shape)]

    def _node_shape(self, shape: Node) -> list[Check]:
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

    def _property(self, prop: Node, targets: str) -> list[Check]:
        self._refuse_unknown(prop, {RDF.type, SH.path} | set(_VALUE_CONSTRAINTS) | set(_COUNT_CONSTRAINTS))
        path = self.shapes.value(prop, SH.path)
        if path is None:
            raise UnsupportedShape(f"{_name(self.shapes, prop)} has a property shape without sh:path")
        return self._constraints(prop, self._path(path), targets)

    def _constraints(self, shape: Node, path: str | None, targets: str) -> list[Check]:
        """The checks of one shape's constraints (on the focus node itself when ``path`` is None)."""
        checks = []
        for parameter, argument in self.shapes.predicate_objects(shape):
            if parameter in _VALUE_CONSTRAINTS:
                component, failing = _VALUE_CONSTRAINTS[parameter]
                values = f"?this {path} ?value" if path else "BIND(?this AS ?value)"
                checks.append(self._check(shape, component, f"{FOCUS} {values} {failing(self, shape, argument)}",
                                          targets))
            elif parameter in _COUNT_CONSTRAINTS and path is not None:
                component, where = _COUNT_CONSTRAINTS[parameter](argument, path)
                checks += [self._check(shape, component, where, targets)] if where else []
        return checks

    def _check(self, shape: Node, component: str, where: str, targets: str) -> Check:
        path = self.shapes.value(shape, SH.path)
        return Check(shape=_name(self.shapes, shape), severity=self._severity(shape),
                      constraint=f"sh:{component}", message=self._message(shape),
                      path=_show(path) if isinstance(path, URIRef) else None, where=where, targets=targets)

    def _sparql(self, shape: Node, node: Node, targets: str) -> Check:
        """A SPARQL-based constraint: its SELECT with ?this first bound to the focus nodes, as pre-binding
        binds it (pySHACL runs the query once per focus node instead)."""
        self._refuse_unknown(node, {RDF.type, SH.select, SH.prefixes})
        select = _projecting_this(str(self.shapes.value(node, SH.select)))
        opening = re.search(r"\bWHERE\s*\{|\{", select, re.IGNORECASE)
        assert opening is not None, "a SELECT has a WHERE clause"
        bound = f"{{ {select[:opening.end()]} {FOCUS} {select[opening.end():]} }}"
        return Check(shape=_name(self.shapes, shape), severity=self._severity(shape),  # as pySHACL: the shape's
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
                                   "validation does not support; validate with pySHACL "
                                   "(mosaic.graph.validation.shacl) instead")

    # --- constraints on each value ?value: the part of a pattern that keeps only the failing values ---

    def _not_class(self, _shape: Node, cls: Node) -> str:
        return f"{WITHOUT} {self._instances('?value', cls)}"

    def _not_any(self, _shape: Node, members: Node) -> str:
        """sh:or: values that conform to none of the shapes listed."""
        return " ".join(f"{WITHOUT} {self._conforming(m)}" for m in Collection(self.shapes, members))

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
        return "MinCountConstraintComponent", f"{FOCUS} {WITHOUT} {{ ?this {path} ?value }}" if least else ""
    counted = (f"{{ SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {FOCUS} "
               f"OPTIONAL {{ ?this {path} ?value }} }} GROUP BY ?this }} FILTER(?count < {least})")
    return "MinCountConstraintComponent", counted


def _max_count(argument: Node, path: str) -> tuple[str, str]:
    return "MaxCountConstraintComponent", (f"{{ SELECT ?this WHERE {{ {FOCUS} ?this {path} ?value }} "
                                           f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(str(argument))}) }}")


def _unique_lang(argument: Node, path: str) -> tuple[str, str]:
    """One result per language tag that two values share (compared in lower case), as pySHACL gives."""
    if not (isinstance(argument, Literal) and argument.value is True):
        return "UniqueLangConstraintComponent", ""
    return "UniqueLangConstraintComponent", (
        f"{{ SELECT ?this ?lang WHERE {{ {FOCUS} ?this {path} ?value FILTER(LANG(?value) != \"\") "
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
