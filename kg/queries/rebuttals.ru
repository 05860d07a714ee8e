# Recompute the rebuttal links: <deny claim> akg:rebuts <accuse claim>, across articles.
# Run after every ingest batch and every delete; it rewrites only the derived graph below.
#
# A (non-negated) deny rebuts a (non-negated) accusation by another actor when the accusation is against
# the party the deny defends -- the deny's target, the denier itself, or the state/organisation the
# denier speaks for (so a spokesman's "China never supports hacking" rebuts "Clapper accused China").
# A deny aimed at the accuser ("a rebuttal of Clapper") links through the denier's own state, never to
# the accuser's accusations of third parties.
#
# Which accusations a deny answers (bounded, so that links grow with denials x distinct accusers and
# not with denials x accusations):
#   (1) every accusation of the defended party in the deny's own article: the article reports both
#       sides, so the deny answers them whatever the dates;
#   (2) across articles, for each accuser of the defended party, only that accuser's most recent
#       accusation dated on or before the deny (ties on the date broken by the highest claim IRI): a
#       denial answers where the accuser stands now, not every time they said it before. Undated
#       articles take part in (1) only.
PREFIX akg: <https://w3id.org/attribution-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX stance: <https://w3id.org/attribution-kg/stance/>

DROP SILENT GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> ;

INSERT { GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> { ?deny akg:rebuts ?accuse } }
WHERE {
  {
    # (1) same article: the deny and the accusation are claims of one article graph
    SELECT DISTINCT ?deny ?accuse WHERE {
      GRAPH ?g {
        ?deny akg:stance stance:deny ;
              akg:negated false ;
              akg:claimant ?denier ;
              prov:wasDerivedFrom ?article .
        { ?deny akg:target ?party } UNION { ?deny akg:claimant ?party } UNION { ?denier akg:speaksFor ?party }
        ?accuse prov:wasDerivedFrom ?article ;
                akg:target ?party ;
                akg:stance stance:accuse ;
                akg:negated false ;
                akg:claimant ?accuser .
      }
      FILTER(?accuser != ?denier)
    }
  }
  UNION
  {
    # (2) across articles: one link per (deny, defended party, accuser), to that accuser's latest
    # accusation at or before the deny. "Latest, then highest IRI" is one MAX over "date IRI" keys:
    # dates are ISO xsd:date (YYYY-MM-DD), so their strings sort chronologically; the key is built once
    # per accusation, not once per candidate pair.
    SELECT ?deny (IRI(STRAFTER(MAX(?dateAndClaim), " ")) AS ?accuse)
    WHERE {
      # both sides are computed on their own and then joined on the party: evaluating the accusation
      # pattern once per deny instead costs several times more
      {
        # the parties each dated deny defends
        SELECT DISTINCT ?deny ?denier ?denyDate ?party WHERE {
          GRAPH ?gDeny {
            ?deny akg:stance stance:deny ;
                  akg:negated false ;
                  akg:claimant ?denier ;
                  prov:wasDerivedFrom ?denyArticle .
            { ?deny akg:target ?party } UNION { ?deny akg:claimant ?party } UNION { ?denier akg:speaksFor ?party }
          }
          GRAPH ?gDenyDate { ?denyArticle dcterms:date ?denyDate }
        }
      }
      {
        # every dated accusation, with the party it accuses and its sort key
        SELECT ?party ?accuser ?accuseDate ?dateAndClaim WHERE {
          GRAPH ?gAccuse {
            ?candidate akg:target ?party ;
                       akg:stance stance:accuse ;
                       akg:negated false ;
                       akg:claimant ?accuser ;
                       prov:wasDerivedFrom ?accuseArticle .
          }
          GRAPH ?gAccuseDate { ?accuseArticle dcterms:date ?accuseDate }
          BIND(CONCAT(STR(?accuseDate), " ", STR(?candidate)) AS ?dateAndClaim)
        }
      }
      FILTER(?accuser != ?denier && ?accuseDate <= ?denyDate)
    }
    GROUP BY ?deny ?party ?accuser
  }
}
