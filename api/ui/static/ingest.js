// The ingest page: POST /articles with the API key from the form (kept in sessionStorage, so it lives as
// long as the tab), then list the claims the extractor found.
const KEY = "kg-api-key";
const form = document.getElementById("ingest-form");
const status = document.getElementById("ingest-status");
const output = document.getElementById("ingest-output");
const keyField = document.getElementById("key");
keyField.value = sessionStorage.getItem(KEY) || "";
keyField.addEventListener("change", () => sessionStorage.setItem(KEY, keyField.value));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function claimsList(result) {
  const article = result.article;
  const box = el("section", { class: "ingested" });
  const link = el("a", { href: `/ui/articles/${encodeURIComponent(article.id)}` }, article.title || article.id);
  const verb = result.created ? "new" : result.changed ? "replaced" : "unchanged";
  box.append(el("h3", {}, link, ` · ${result.claims.length} claim(s) · ${verb}`));
  const list = el("ol", { class: "plain" });
  for (const c of result.claims) {
    const stance = el("span", { class: `stance stance-${c.stance}` }, c.stance);
    const head = el("p", { class: "claim-head" }, `${c.actor} `, stance, ` ${c.target || "—"} · ${c.topic} · ${Math.round(c.confidence * 100)}%`);
    list.append(el("li", {}, head, el("blockquote", { class: `evidence stance-bg-${c.stance}` }, c.evidence)));
  }
  if (!result.claims.length) list.append(el("li", { class: "muted" }, "No claim found in this text."));
  box.append(list);
  return box;
}

async function send(body, type, meta) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(meta)) if (value) query.set(key, value);
  const response = await fetch(`/articles?${query}`, {
    method: "POST",
    headers: { "Content-Type": `${type}; charset=utf-8`, Authorization: `Bearer ${keyField.value.trim()}`, Accept: "application/json" },
    body,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.detail || data.title || response.statusText);
  return data;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, keyField.value);
  const data = new FormData(form);
  const meta = { id: data.get("id"), title: data.get("title"), date: data.get("date"), url: data.get("url") };
  const jobs = [];
  const text = String(data.get("text") || "");
  if (text.trim()) jobs.push([text, data.get("kind") === "html" ? "text/html" : "text/plain", meta]);
  for (const file of form.elements.files.files) {
    const isHtml = /\.html?$/i.test(file.name) || file.type === "text/html";
    const id = file.name.replace(/\.[^.]+$/, "");
    jobs.push([await file.text(), isHtml ? "text/html" : "text/plain", { id }]);
  }
  if (!jobs.length) {
    status.textContent = "Paste a text or choose a file first.";
    return;
  }
  output.replaceChildren();
  let done = 0;
  for (const [body, type, fields] of jobs) {
    status.textContent = `Extracting ${done + 1} of ${jobs.length}…`;
    try {
      output.append(claimsList(await send(body, type, fields)));
    } catch (error) {
      output.append(el("p", { class: "problem", role: "alert" }, `Not stored: ${error.message}`));
    }
    done += 1;
  }
  status.textContent = `${done} article(s) sent.`;
});
