// The interactive network view: fetch /network.json with the page's filters and draw it with Cytoscape.
(function () {
  "use strict";
  const status = document.getElementById("network-status");
  const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                   "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94"];
  const params = new URLSearchParams({kind: status.dataset.kind, from: status.dataset.from, to: status.dataset.to,
                                      caveats: status.dataset.caveats, top: status.dataset.top});

  function colours(nodes) {
    const groups = [...new Set(nodes.map((n) => n.group))].sort();
    return new Map(groups.map((g, i) => [g, palette[i % palette.length]]));
  }

  function elements(data) {
    const colour = colours(data.nodes);
    const ranks = data.nodes.map((n) => n.pagerank);
    const low = Math.min(...ranks), span = (Math.max(...ranks) - low) || 1;
    const nodes = data.nodes.map((n) => ({data: {id: n.id, label: n.label, href: n.href, group: n.group,
      size: 18 + 42 * (n.pagerank - low) / span, colour: colour.get(n.group)}}));
    const edges = data.links.map((e, i) => ({data: {id: "e" + i, source: e.source, target: e.target,
      weight: e.weight, dates: (e.dates || []).join("; "), records: (e.records || []).length,
      tie: tie(e, data.graph.network)}, classes: (e.relation || []).includes("subject") ? "" : "informant"}));
    return {elements: nodes.concat(edges), colour: colour};
  }

  // How an edge ties its ends, in words: the reporting network says it on each edge (relation).
  const TIES = {subject: "reported on", informant: "informed by", information: "informed",
                "co-mention": "named with", affiliation: "member of"};

  function tie(edge, network) {
    const relations = edge.relation || [];
    return relations.length ? relations.map((r) => TIES[r]).join(" and ") : TIES[network] || "tied to";
  }

  function link(text, href) {
    const anchor = document.createElement(href ? "a" : "span");
    if (href) { anchor.href = href; }
    anchor.textContent = text;
    return anchor;
  }

  function named(pairs, heading) {
    const span = document.createElement("span");
    if (!pairs.length) { return span; }
    span.append(document.createTextNode(` ${heading}: `));
    pairs.forEach(([iri, label], i) => {
      span.append(link(label, localPath(iri)));
      if (i < pairs.length - 1) { span.append(document.createTextNode(", ")); }
    });
    span.append(document.createTextNode("."));
    return span;
  }

  function localPath(iri) {
    const base = "https://w3id.org/mosaic/id/";
    return iri.startsWith(base) ? "/id/" + iri.slice(base.length) : null;
  }

  // One record as a list item: its dates, its title (linked to its page), who informed it, what it is about.
  function recordItem(iri, described) {
    const item = document.createElement("li");
    const record = described[iri];
    if (!record) { item.append(link(iri, localPath(iri))); return item; }
    item.append(document.createTextNode((record.dates.join("; ") || "undated") + ": "),
                link(record.title[0] || iri, localPath(iri)),
                named(record.informants, "Informed by"), named(record.about, "About"));
    if (record.description.length) {
      const note = document.createElement("div");
      note.className = "muted";
      note.textContent = record.description[0];
      item.append(note);
    }
    return item;
  }

  function recordList(records, described) {
    const list = document.createElement("ul");
    records.forEach((iri) => list.append(recordItem(iri, described)));
    return list;
  }

  function row(cells) {
    const tr = document.createElement("tr");
    cells.forEach((content) => { const td = document.createElement("td"); td.append(content); tr.append(td); });
    return tr;
  }

  // The tables under the drawing: every edge drawn with its records, and the reports on own conditions.
  function tables(data) {
    const nodes = new Map(data.nodes.map((n) => [n.id, n]));
    const name = (id) => link((nodes.get(id) || {label: id}).label, (nodes.get(id) || {}).href);
    const described = data.records || {};
    const key = (e) => `${nodes.get(e.source).label} → ${nodes.get(e.target).label}`;
    const ties = document.querySelector("#network-ties tbody");
    [...data.links].sort((a, b) => key(a).localeCompare(key(b))).forEach((e) => ties.append(row([name(e.source),
      document.createTextNode(tie(e, data.graph.network)), name(e.target), recordList(e.records || [], described)])));
    const own = data.nodes.filter((n) => (n.own_conditions || []).length)
      .sort((a, b) => a.label.localeCompare(b.label));
    own.forEach((n) => document.querySelector("#network-own tbody").append(
      row([name(n.id), recordList(n.own_conditions, described)])));
    document.getElementById("network-own-section").hidden = !own.length;
    document.getElementById("network-records-note").textContent = data.graph.records_described
      ? "Each record with its dates as the sources write them; follow a title for its page and sources."
      : "Too many records to list here: narrow the period or draw fewer nodes to see them.";
    document.getElementById("network-records").hidden = false;
  }

  function legend(colour) {
    const list = document.createElement("ul");
    list.className = "network-legend";
    colour.forEach((value, group) => {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = value;
      item.append(swatch, document.createTextNode(" " + group));
      list.append(item);
    });
    document.getElementById("network-canvas").after(list);
  }

  function draw(data) {
    const drawn = elements(data);
    const cy = cytoscape({
      container: document.getElementById("network-canvas"),
      elements: drawn.elements,
      layout: {name: "cose", animate: false, randomize: false, nodeRepulsion: 9000},
      style: [
        {selector: "node", style: {"label": "data(label)", "width": "data(size)", "height": "data(size)",
          "background-color": "data(colour)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 140,
          "border-width": 1, "border-color": "#333"}},
        {selector: "edge", style: {"width": "mapData(weight, 1, 5, 1, 5)", "line-color": "#999", "opacity": 0.7,
          "curve-style": "bezier", "target-arrow-shape": data.graph.directed ? "triangle" : "none",
          "target-arrow-color": "#999"}},
        {selector: "edge.informant", style: {"line-style": "dashed"}},
        {selector: ".faded", style: {"opacity": 0.15}},
      ],
    });
    cy.on("tap", "node", (event) => { window.location.href = event.target.data("href"); });
    cy.on("mouseover", "node", (event) => {
      cy.elements().addClass("faded");
      event.target.closedNeighborhood().removeClass("faded");
    });
    cy.on("mouseout", "node", () => cy.elements().removeClass("faded"));
    cy.on("mouseover", "edge", (event) => {
      const edge = event.target.data();
      status.textContent = `${edge.tie}: ${edge.records} record(s), ${edge.dates || "undated"}`;
    });
    legend(drawn.colour);
    tables(data);
    const whole = data.graph.nodes_in_network;
    const summary = data.nodes.length < whole
      ? `The ${data.nodes.length} most central (by PageRank) of its ${whole} nodes, and the ${data.links.length} ` +
        `edges among them, in the ${data.graph.network} network, ${data.graph.period}.`
      : `${data.nodes.length} nodes and ${data.links.length} edges in the ${data.graph.network} network, ` +
        `${data.graph.period}.`;
    status.textContent = summary;
  }

  fetch("/network.json?" + params.toString(), {headers: {Accept: "application/json"}})
    .then((response) => response.ok ? response.json() : response.text().then((text) => { throw new Error(text); }))
    .then(draw)
    .catch((error) => { status.textContent = "The network could not be drawn: " + error.message; status.className = "error"; });
})();
