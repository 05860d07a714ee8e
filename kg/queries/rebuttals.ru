# Recompute the rebuttal links: <deny claim> akg:rebuts <accuse claim>, across articles.
# Run after every ingest batch and every delete; it rewrites only the derived graph below.
#
# A (non-negated) deny rebuts a (non-negated) accusation by another actor when the accusation is against
# the party the deny defends -- the deny's target, the denier itself, or the state/organisation the
# denier speaks for (so a spokesman's "China never supports hacking" rebuts "Clapper accused China") --
# and the accusation came first: its article is dated on or before the deny's, or both are in the same
# article. A deny aimed at the accuser ("a rebuttal of Clapper") links through the denier's own state,
# never to the accuser's accusations of third parties.
PREFIX akg: <https://w3id.org/attribution-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX stance: <https://w3id.org/attribution-kg/stance/>

DROP SILENT GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> ;

INSERT { GRAPH <https://w3id.org/attribution-kg/id/graph/derived-rebuttals> { ?deny akg:rebuts ?accuse } }
WHERE {
  # the parties each deny defends, computed first: joining on them keeps the update linear in the links
  {
    SELECT DISTINCT ?deny ?denier ?denyArticle ?party WHERE {
      GRAPH ?gDeny {
        ?deny akg:stance stance:deny ;
              akg:negated false ;
              akg:claimant ?denier ;
              prov:wasDerivedFrom ?denyArticle .
        { ?deny akg:target ?party } UNION { ?deny akg:claimant ?party } UNION { ?denier akg:speaksFor ?party }
      }
    }
  }
  GRAPH ?gAccuse {
    ?accuse akg:target ?party ;
            akg:stance stance:accuse ;
            akg:negated false ;
            akg:claimant ?accuser ;
            prov:wasDerivedFrom ?accuseArticle .
  }
  FILTER(?accuser != ?denier)
  OPTIONAL { GRAPH ?gDenyDate { ?denyArticle dcterms:date ?denyDate } }
  OPTIONAL { GRAPH ?gAccuseDate { ?accuseArticle dcterms:date ?accuseDate } }
  FILTER(?accuseArticle = ?denyArticle
         || (BOUND(?accuseDate) && BOUND(?denyDate) && ?accuseDate <= ?denyDate))
}
