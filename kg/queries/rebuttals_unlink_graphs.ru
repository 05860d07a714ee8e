# Remove the rebuttal links from or to the claims of the article graphs in the VALUES block (filled by
# kg/graph/rebuttals.py). Run before those graphs are replaced or dropped: afterwards the claims'
# triples are gone and nothing would say which links pointed at them.
PREFIX akg: <https://w3id.org/attribution-kg/ontology#>

DELETE { GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> { ?deny akg:rebuts ?accuse } }
WHERE {
  VALUES ?g { }
  GRAPH ?g { ?claim a akg:Claim }
  {
    GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> { ?claim akg:rebuts ?accuse }
    BIND(?claim AS ?deny)
  }
  UNION
  {
    GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> { ?deny akg:rebuts ?claim }
    BIND(?claim AS ?accuse)
  }
}
