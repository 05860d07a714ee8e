# Remove the rebuttal links about the parties in the VALUES block (filled by kg/graph/rebuttals.py):
# the links whose accusation targets one of them. kg/graph/rebuttals.py then writes them anew.
PREFIX akg: <https://w3id.org/attribution-kg/ontology#>

DELETE { GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> { ?deny akg:rebuts ?accuse } }
WHERE {
  VALUES ?party { }
  GRAPH ?g { ?accuse akg:target ?party }  # an update's default graph is not the union: name the graphs
  GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> { ?deny akg:rebuts ?accuse }
}
