// The query page: a SPARQL editor (CodeMirror 5, if it loaded), the example questions, and a
// results table. Queries go to the SPARQL endpoint by GET; results come back as SPARQL JSON.
// Every value from the results is put in the page as text (textContent), never as HTML.
"use strict";

(function () {
  const form = document.getElementById("query-form");
  if (!form) return;
  const textarea = document.getElementById("query");
  const status = document.getElementById("status");
  const tableHolder = document.getElementById("table");
  const runButton = document.getElementById("run");
  const downloads = { csv: document.getElementById("download-csv"), json: document.getElementById("download-json") };
  const endpoint = form.getAttribute("action");
  const prefixes = Object.entries(JSON.parse(form.dataset.prefixes || "{}"));
  const idBase = form.dataset.idBase || "";
  const localBase = form.dataset.localBase || "/id/";
  const SHOWN_ROWS = 1000;
  let running = null;

  const editor = window.CodeMirror
    ? CodeMirror.fromTextArea(textarea, {
        mode: "application/sparql-query",
        lineNumbers: true,
        lineWrapping: true,
        viewportMargin: Infinity,
        extraKeys: { "Ctrl-Enter": () => run(), "Cmd-Enter": () => run() },
      })
    : null;

  function queryText() {
    return editor ? editor.getValue() : textarea.value;
  }

  function setQuery(text) {
    if (editor) editor.setValue(text);
    else textarea.value = text;
    updateDownloads();
  }

  function updateDownloads() {
    for (const [format, link] of Object.entries(downloads)) {
      if (link) link.href = endpoint + "?" + new URLSearchParams({ query: queryText(), format: format });
    }
  }

  // "prefix:local" for an IRI under a known namespace (longest match), as the server writes it.
  function compact(iri) {
    let best = null;
    for (const [prefix, namespace] of prefixes) {
      if (iri.startsWith(namespace) && (!best || namespace.length > best[1].length)) best = [prefix, namespace];
    }
    if (best) {
      const local = iri.slice(best[1].length);
      if (local && /^[\p{L}\p{N}_.-]+$/u.test(local) && !local.endsWith(".")) return best[0] + ":" + local;
    }
    return "<" + iri + ">";
  }

  function element(name, text, className) {
    const node = document.createElement(name);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function termNode(term) {
    if (term.type === "uri") {
      const short = compact(term.value);
      let href = null;
      if (idBase && term.value.startsWith(idBase)) href = localBase + term.value.slice(idBase.length);
      else if (/^https?:\/\//.test(term.value)) href = term.value;
      if (!href) return element("span", short, "iri");
      const link = element("a", short.startsWith("<") ? term.value : short);
      link.href = href;
      link.title = term.value;
      if (!href.startsWith(localBase)) link.rel = "external noopener noreferrer";
      return link;
    }
    if (term.type === "bnode") return element("span", "_:" + term.value, "muted");
    const span = element("span", term.value);
    const lang = term["xml:lang"];
    if (lang) {
      span.lang = lang;
      const wrapper = element("span");
      wrapper.append(span, " ", element("span", lang, "lang"));
      return wrapper;
    }
    if (term.datatype) span.title = compact(term.datatype);
    return span;
  }

  function showTable(results, rowLimit) {
    const vars = results.head.vars || [];
    const rows = results.results.bindings;
    const table = element("table", undefined, "results");
    const head = table.createTHead().insertRow();
    for (const name of vars) {
      const th = element("th", "?" + name);
      th.scope = "col";
      head.append(th);
    }
    const body = table.createTBody();
    for (const binding of rows.slice(0, SHOWN_ROWS)) {
      const row = body.insertRow();
      for (const name of vars) {
        const cell = row.insertCell();
        if (binding[name]) cell.append(termNode(binding[name]));
      }
    }
    tableHolder.replaceChildren(table);
    let message = rows.length === 1 ? "1 row" : rows.length + " rows";
    if (rows.length > SHOWN_ROWS) message += ` (the first ${SHOWN_ROWS} are shown; download CSV or JSON for all)`;
    if (rowLimit && rows.length >= Number(rowLimit)) message += ` — the server stops at ${rowLimit} rows`;
    return message;
  }

  async function errorMessage(response) {
    const body = (await response.text()).trim();
    let message = body;
    try {
      const parsed = JSON.parse(body);
      if (parsed && parsed.error && parsed.error.message) message = parsed.error.message;
    } catch (ignored) {
      // not JSON: the message is the text itself
    }
    if (!message) message = response.status + " " + response.statusText;
    if (response.status === 503) return "The query took too long and was stopped. " + message;
    if (response.status === 400) return "The query could not be run. " + message;
    return message;
  }

  function showError(message) {
    status.className = "status error";
    status.textContent = message;
    tableHolder.replaceChildren();
    status.scrollIntoView({ block: "nearest" });
  }

  async function run() {
    const text = queryText();
    updateDownloads();
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    runButton.disabled = true;
    status.className = "status";
    status.textContent = "Running…";
    const started = performance.now();
    try {
      const response = await fetch(endpoint + "?" + new URLSearchParams({ query: text }), {
        headers: { Accept: "application/sparql-results+json, text/turtle;q=0.5" },
        signal: controller.signal,
      });
      if (!response.ok) {
        showError(await errorMessage(response));
        return;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const type = response.headers.get("Content-Type") || "";
      if (type.includes("turtle")) {
        tableHolder.replaceChildren(element("pre", await response.text(), "graph"));
        status.textContent = `A graph, in ${seconds} s`;
      } else {
        const results = await response.json();
        if ("boolean" in results) {
          tableHolder.replaceChildren(element("p", results.boolean ? "Yes (true)" : "No (false)", "answer"));
          status.textContent = `Answered in ${seconds} s`;
        } else {
          status.textContent = showTable(results, response.headers.get("X-Mosaic-Row-Limit")) + ` in ${seconds} s`;
        }
      }
      status.className = "status done";
      status.scrollIntoView({ block: "nearest" });
    } catch (error) {
      if (error.name === "AbortError") return;
      showError("The server could not be reached or answered something unreadable: " + error.message);
    } finally {
      if (running === controller) {
        running = null;
        runButton.disabled = false;
      }
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  for (const link of document.querySelectorAll("a.example")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      setQuery(link.dataset.query);
      history.replaceState(null, "", "/?" + new URLSearchParams({ query: link.dataset.query }));
      run();
    });
  }

  if (editor) editor.on("change", updateDownloads);
  else textarea.addEventListener("input", updateDownloads);
  if (form.dataset.runAtOnce) run();
})();
