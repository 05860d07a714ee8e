// The network page: the filtered attribution network (GET /ui/network.json, the graph of the GEXF
// export) drawn with Cytoscape.js; a click or Enter on a node opens its actor page.
const STANCE_COLOURS = {
  accuse: "#b91c1c", deny: "#1d4ed8", condemn: "#7c3aed", acknowledge: "#047857",
  warn: "#b45309", pledge: "#0e7490", assert: "#4b5563",
};
const form = document.getElementById("network-filters");
const status = document.getElementById("network-status");
const container = document.getElementById("cy");
let cy = null;

function params() {
  const data = new FormData(form);
  const query = new URLSearchParams();
  for (const [key, value] of data.entries()) if (value) query.set(key, value);
  return query;
}

async function draw() {
  const query = params();
  status.textContent = "Loading the network…";
  const response = await fetch(`/ui/network.json?${query}`, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    status.textContent = `Could not load the network: ${problem.detail || response.statusText}`;
    return;
  }
  const elements = await response.json();
  if (cy) cy.destroy();
  cy = cytoscape({
    container,
    elements: [...elements.nodes, ...elements.edges],
    style: [
      { selector: "node", style: {
        label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
        "background-color": "#64748b", width: 14, height: 14, color: "#111827",
        "text-outline-color": "#fff", "text-outline-width": 2 } },
      { selector: 'node[type = "government"]', style: { "background-color": "#0f766e", shape: "round-rectangle" } },
      { selector: 'node[type = "person"]', style: { "background-color": "#475569" } },
      { selector: 'node[type = "group"]', style: { "background-color": "#be123c", shape: "diamond" } },
      { selector: 'node[type = "organization"]', style: { "background-color": "#6d28d9", shape: "round-tag" } },
      { selector: "edge", style: {
        width: "mapData(claims, 1, 20, 1, 6)", "curve-style": "bezier", "target-arrow-shape": "triangle",
        "arrow-scale": 0.8, opacity: 0.75 } },
      ...Object.entries(STANCE_COLOURS).map(([stance, colour]) => ({
        selector: `edge[stance = "${stance}"]`, style: { "line-color": colour, "target-arrow-color": colour },
      })),
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#f59e0b" } },
    ],
    layout: { name: elements.nodes.length > 400 ? "grid" : "cose", animate: false, nodeRepulsion: 9000 },
  });
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  cy.on("tap", "node", (event) => {
    const href = event.target.data("href");
    if (href) window.location.assign(href);
  });
  cy.on("mouseover", "node", () => { container.style.cursor = "pointer"; });
  cy.on("mouseout", "node", () => { container.style.cursor = ""; });
  listParties(elements.nodes);
  status.textContent = `${cy.nodes().length} parties, ${cy.edges().length} edges (actor → target, one per stance). Click a party for its page.`;
}

// the drawing is a canvas: the same parties as links, for the keyboard and screen readers
function listParties(nodes) {
  const box = document.getElementById("network-parties");
  const list = box.querySelector("ul");
  list.replaceChildren();
  for (const { data } of [...nodes].sort((a, b) => a.data.label.localeCompare(b.data.label))) {
    const item = document.createElement("li");
    if (data.href) {
      const link = document.createElement("a");
      link.href = data.href;
      link.textContent = data.label;
      item.append(link);
    } else {
      item.textContent = data.label;
    }
    item.append(` (${data.type || "unknown"})`);
    list.append(item);
  }
  box.hidden = false;
}

function dateAt(first, last, percent) {
  const a = Date.parse(first), b = Date.parse(last);
  return new Date(a + ((b - a) * percent) / 100).toISOString().slice(0, 10);
}

function wireSlider() {
  const box = document.querySelector(".slider");
  if (!box) return;
  const { first, last } = box.dataset;
  const from = document.getElementById("n-slider-from");
  const to = document.getElementById("n-slider-to");
  const out = document.getElementById("n-slider-out");
  const update = (redraw) => {
    if (Number(from.value) > Number(to.value)) [from.value, to.value] = [to.value, from.value];
    const a = dateAt(first, last, Number(from.value));
    const b = dateAt(first, last, Number(to.value));
    out.textContent = `${a} – ${b}`;
    form.elements.date_from.value = Number(from.value) === 0 ? "" : a;
    form.elements.date_to.value = Number(to.value) === 100 ? "" : b;
    if (redraw) draw();
  };
  from.addEventListener("input", () => update(false));
  to.addEventListener("input", () => update(false));
  from.addEventListener("change", () => update(true));
  to.addEventListener("change", () => update(true));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", `?${params()}`);
  draw();
});
wireSlider();
draw();
