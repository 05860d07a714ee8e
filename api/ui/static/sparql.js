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

tab().setQuery(initial);
for (const button of document.querySelectorAll("button.example")) {
  button.addEventListener("click", () => {
    tab().setQuery(button.dataset.query);
    tab().query();
  });
}
if (fromLink) tab().query();
window.kgYasgui = yasgui;
