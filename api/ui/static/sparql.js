// The SPARQL page: YASGUI against this server's /sparql. Autocompletion stays local (no Linked Open
// Vocabularies look-ups, nothing leaves the page's origin); the cookbook's queries load on a click.
const endpoint = new URL("/sparql", window.location.href).href;
const fromLink = new URLSearchParams(window.location.search).get("query");
const initial = fromLink || document.getElementById("default-query").content.textContent;

Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
Yasgui.Yasqe.defaults.value = initial;
localStorage.removeItem("yagui__config");
const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: { endpoint, method: "POST" },
  copyEndpointOnNewTab: false,
  endpointCatalogueOptions: { getData: () => [{ endpoint }] },
  persistenceId: null,
  tabName: "Query",
});

function tab() {
  return yasgui.getTab();
}

// YASGUI's markup lacks a few labels; name its fields so assistive technology can (axe-core checks it)
function label() {
  for (const input of document.querySelectorAll("#yasgui .autocomplete")) input.setAttribute("aria-label", "SPARQL endpoint");
  for (const area of document.querySelectorAll("#yasgui .CodeMirror textarea")) area.setAttribute("aria-label", "SPARQL query");
  for (const scroll of document.querySelectorAll("#yasgui .CodeMirror-scroll")) scroll.setAttribute("tabindex", "0");
  for (const select of document.querySelectorAll("#yasgui select:not([aria-label])")) select.setAttribute("aria-label", "Results option");
  for (const input of document.querySelectorAll("#yasgui input:not([aria-label]):not([id])")) input.setAttribute("aria-label", input.placeholder || "Filter results");
}

tab().setQuery(initial);
label();
tab().on("queryResponse", () => setTimeout(label, 0));
for (const button of document.querySelectorAll("button.example")) {
  button.addEventListener("click", () => {
    tab().setQuery(button.dataset.query);
    tab().query();
  });
}
if (fromLink) tab().query();
window.kgYasgui = yasgui;
