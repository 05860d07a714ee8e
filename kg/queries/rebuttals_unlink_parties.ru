# Remove the rebuttal links about the parties in the VALUES block (filled by kg/graph/rebuttals.py):
# the links whose accusation targets one of them. kg/graph/rebuttals.py then writes them anew.
PREFIX akg: <https://w3id.org/attribution-kg/ontology#>

DELETE { GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> { ?deny akg:rebuts ?accuse } }
WHERE {
  VALUES ?party { }
  ?accuse akg:target ?party .
  GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> { ?deny akg:rebuts ?accuse }
}
