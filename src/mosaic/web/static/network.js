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
      weight: e.weight, dates: (e.dates || []).join("; "), records: (e.records || []).length}}));
    return {elements: nodes.concat(edges), colour: colour};
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
      status.textContent = `${edge.records} record(s): ${edge.dates || "undated"}`;
    });
    legend(drawn.colour);
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
