"""Citations written as graphs: the record each is about, its translation, and the claim saying so.

``to_graphs`` models each citation as data/article-notes.trig does: the original record, the
Wilson Center translation derived from it, the reference, the date, the persons and the archive.
``RecordWriter`` does the writing; the spreadsheet importer shares it, so that its document rows
are written as citations are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import pyoxigraph as ox

from mosaic.graph.iris import entity_iri
from mosaic.graph.store import Selects
from mosaic.graph.vocab import compact, file_graph
from mosaic.sources.importers.citations import Citation
from mosaic.sources.importers.graph import (
    Entities,
    Graphs,
    Known,
    claim_iri,
    short_slug,
    sparql_string,
    text,
)

__all__ = ["to_graphs", "RecordWriter"]

# --- into the graph -------------------------------------------------------------------------------

CLAIM_PATTERN = r"-L\d+(?:-\d+)?"


def to_graphs(citations: list[tuple[int, Citation]], source_name: str, existing: Selects,
              link: Callable[[str], str | None] = lambda name: None, *,
              reserved: Collection[str] = ()) -> tuple[dict[str, list[ox.Quad]], list[str]]:
    """The named graphs that record ``citations`` (graph IRI → quads), and a report for a person.

    One claim graph per citation, ``claim:<source_name>-L<line>`` (``-L<line>-2`` … for further
    citations on one line), described in the file graph of ``source_name``, which also describes
    the citation list itself as the claims' source. A citation whose Wilson Center id the graph
    already holds updates that record; one without an id is a new record, unless an earlier import
    of this list made it at the same place under the same title. Names go through ``link`` (the
    name authority), then an exact match of a person's name; the rest become new persons, and the
    report lists them. IRIs in ``reserved`` (e.g. data/slugs.tsv) are never minted. Earlier claims
    of this import that the list no longer makes come back as empty graphs, which drops them.
    """
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", source_name):
        raise ValueError(f"malformed import name {source_name!r}: use lowercase words joined by hyphens")
    known = Known.for_import(existing, source_name, CLAIM_PATTERN, reserved)
    graphs = Graphs()
    writer = RecordWriter(known, graphs, Entities(known, graphs, link))
    source = _source_record(known, graphs, source_name)
    counts: Counter[int] = Counter()
    for line, citation in citations:
        counts[line] += 1
        name = f"{source_name}-L{line}" + (f"-{counts[line]}" if counts[line] > 1 else "")
        where = f"line {line}" + (f", citation {counts[line]}" if counts[line] > 1 else "")
        if not citation.importable:
            writer.tally["not imported"] += 1
            writer.report.append(f"{where}: not imported: {citation.errors[0]}")
            continue
        graphs.describe_claim(source_name, claim_iri(name), source, where, line, "cited")
        writer.document(citation, claim_iri(name), where)
    stale = graphs.drop_stale(known)
    report = writer.report + [f"dropped {compact(g)}: the list no longer makes it" for g in stale]
    report.append(f"{len(citations)} citations: " + writer.summary())
    made = any(g for g in graphs.quads if "/claim/" in g and graphs.quads[g])
    return (graphs.quads if made or stale else {}), report


def _source_record(known: Known, graphs: Graphs, source_name: str) -> str:
    record, graph = entity_iri("document", source_name), file_graph(source_name)
    if known.declared_elsewhere(record):
        raise ValueError(f"the name {source_name!r} is taken by the record {compact(record)}; "
                         "give this import another name")
    if len(known.ours) > 1 and record not in known.in_graph(graph, "rico:Record"):
        raise ValueError(f"the name {source_name!r} is taken by a data file's claims; give this import another name")
    graphs.add(graph, record, "rdf:type", "rico:Record")
    graphs.add(graph, record, "rico:hasDocumentaryFormType", "kind:archive-listing")
    label = f"Imported citation list “{source_name}” (no title of its own)"
    graphs.add(graph, record, "skos:prefLabel", text(label, "en"))
    return record


@dataclass
class RecordWriter:
    """Writes the record a citation is about, and its translation, into a claim graph.

    Shared with the spreadsheet importer, whose document rows are read into ``Citation`` objects;
    ``cited`` says the records are known from citations (no Wilson Center id: known only from one).
    """

    known: Known
    graphs: Graphs
    entities: Entities
    cited: bool = True
    by_id: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    tally: Counter[str] = field(default_factory=Counter)

    @property
    def report(self) -> list[str]:
        return self.entities.report

    def document(self, citation: Citation, claim: str, where: str, record: str | None = None) -> str:
        """Write the record (``record``, or the one it turns out to be, or a new one) into ``claim``."""
        record, translation, how = self._identify(citation, claim, where, record)
        self.tally["updated" if how.startswith("updated") else "created"] += 1
        self.report.append(f"{where}: {compact(record)} {how}")
        self._record(citation, claim, record, where)
        if translation:
            self._translation(citation, claim, translation, record, where)
        return record

    def summary(self) -> str:
        unplaced = sum("unplaced name" in line for line in self.report)
        return (f"{self.tally['updated']} records updated, {self.tally['created']} created, "
                f"{self.tally['not imported']} not imported; {unplaced} names unplaced (new persons)")

    def _identify(self, citation: Citation, claim: str, where: str,
                  given: str | None) -> tuple[str, str | None, str]:
        """The record and translation a citation is about: given, by Wilson Center id, by an earlier
        import, or new; and how it was found."""
        wilson = citation.document_id
        if wilson and wilson in self.by_id:
            record, translation = self.by_id[wilson]
            return record, translation, f"updated (Wilson Center id {wilson}, as cited above)"
        found = self.known.translation(wilson) if wilson else None
        translation = found[0] if found else None
        if given:
            record, how = given, "updated"
            if found and found[1] and found[1] != given:
                self.report.append(f"{where}: Wilson Center id {wilson} is a translation of {compact(found[1])}, "
                                   f"not of {compact(given)}: translation not recorded")
                return record, None, how
        elif found and found[1]:
            record, how = found[1], f"updated (Wilson Center id {wilson} is in the graph)"
        else:
            earlier, earlier_translation = self._earlier(citation, claim)
            how = "updated (made by an earlier import of this file)" if earlier else "created"
            record = earlier or self.known.mint("document", short_slug(citation.edtf or "undated", _name_of(citation)))
            translation = translation or earlier_translation
        if not translation and (wilson or citation.translated_by):
            name = f"wilson-{wilson}" if wilson else short_slug(record.rsplit("/", 1)[1], "translation")
            translation = self.known.mint("translation", name)
        if wilson:
            self.by_id[wilson] = (record, translation)
        return record, translation, how

    def _earlier(self, citation: Citation, claim: str) -> tuple[str | None, str | None]:
        """The record and translation an earlier import put in this claim, if it was the same citation."""
        if claim not in self.known.ours:
            return None, None
        names = ", ".join(sparql_string(name) for name in {_label(citation), citation.title or ""})
        same = [r["r"] for r in self.known.select(
            f"SELECT DISTINCT ?r WHERE {{ GRAPH <{claim}> {{ ?r a rico:Record ; dcterms:title|skos:prefLabel ?name }} "
            f"FILTER (STR(?name) IN ({names})) }}")]
        if len(same) != 1:
            return None, None
        translations = self.known.in_graph(claim, "mosaic:Translation")
        return same[0], translations[0] if len(translations) == 1 else None

    def _record(self, citation: Citation, graph: str, record: str, where: str) -> None:
        add = self.graphs.add
        add(graph, record, "rdf:type", "rico:Record")
        if citation.title and citation.titled:
            add(graph, record, "dcterms:title", text(citation.title, "en"))
        else:
            add(graph, record, "skos:prefLabel", text(_label(citation), "en"))
        if citation.kind:
            add(graph, record, "rico:hasDocumentaryFormType", f"kind:{citation.kind}")
        if citation.date and citation.edtf:
            self.graphs.time_span(graph, record, "mosaic:date", citation.date, citation.edtf)
        if archive := citation.archive:
            names = [n for n in (archive.as_written, archive.acronym, archive.full_name) if n]
            holder = self.entities.named_thing("mosaic:Archive", "archive", names, graph, where,
                                               label=archive.full_name or archive.as_written, alt=archive.acronym)
            add(graph, record, "rico:hasOrHadHolder", holder)
        if citation.collection:
            collection = self.entities.named_thing("rico:RecordSet", "collection", [citation.collection], graph,
                                                   where, label=citation.collection, what="collection")
            add(graph, record, "rico:isOrWasIncludedIn", collection)
        if citation.reference:
            self.graphs.reference(graph, record, citation.reference.raw, citation.reference.parts)
        for name in citation.obtained_by:
            add(graph, record, "mosaic:obtainedBy", self.entities.person(name, graph, where))
        if citation.obtained_for:
            add(graph, record, "mosaic:obtainedFor", self._body(citation.obtained_for, graph, where))
        if self.cited and not citation.document_id:
            add(graph, record, "mosaic:status", "status:known-only-from-citation")
        if citation.cited_in:
            self._cited_in(citation.cited_in, graph, record, where)

    def _translation(self, citation: Citation, graph: str, translation: str, record: str, where: str) -> None:
        add = self.graphs.add
        add(graph, translation, "rdf:type", "mosaic:Translation")
        add(graph, translation, "prov:wasDerivedFrom", record)
        add(graph, translation, "dcterms:language", text("en"))
        if citation.document_id and citation.url:
            add(graph, translation, "mosaic:wilsonCenterId", text(citation.document_id))
            add(graph, translation, "foaf:page", citation.url)
        for name in citation.translated_by:
            add(graph, translation, "mosaic:translatedBy", self.entities.person(name, graph, where))
        if citation.translated_for:
            add(graph, translation, "mosaic:translatedFor", self._body(citation.translated_for, graph, where))
        if citation.digital_archive:
            title = "History and Public Policy Program Digital Archive"
            collection = self.entities.named_thing("rico:RecordSet", "collection", [title], graph, where,
                                                   label=title, what="collection")
            add(graph, translation, "rico:isOrWasIncludedIn", collection)

    def _body(self, name: str, graph: str, where: str) -> str:
        return self.entities.named_thing("org:Organization", "body", [name], graph, where, label=name,
                                         what="organisation")

    def _cited_in(self, cited_in: str, graph: str, record: str, where: str) -> None:
        quoted = re.search(r"[“‘\"](.+?)[,.]?[”’\"]", cited_in)
        works = [r["r"] for r in self.known.select(
            f"SELECT DISTINCT ?r WHERE {{ ?r a rico:Record ; dcterms:title ?t "
            f"FILTER (CONTAINS(LCASE(STR(?t)), {sparql_string(quoted[1].lower())})) }}")] if quoted else []
        if len(works) == 1:
            self.graphs.add(graph, record, "mosaic:citedIn", works[0])
            self.report.append(f"{where}: cited in {compact(works[0])}")
        else:
            self.report.append(f"{where}: cited in {cited_in!r}, which is not one record of the graph: not linked")


def _label(citation: Citation) -> str:
    """The label of a record the citation gives no title for."""
    if citation.title and not citation.titled:
        return f"{citation.title}, {citation.date} (no title given)" if citation.date else \
            f"{citation.title} (no title given)"
    return f"{_name_of(citation)} (no title given)" if not citation.title else citation.title


def _name_of(citation: Citation) -> str:
    if citation.title:
        return citation.title
    if citation.reference:
        return citation.reference.raw
    return citation.archive.as_written if citation.archive else citation.collection or "document"
