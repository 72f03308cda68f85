"""Historian questions answered by SPARQL over the loaded graph, each checked against the texts.

Each test names the passage of the source text that gives the expected answer.
"""

from __future__ import annotations

from mosaic.graph.store import Store


def _values(store: Store, query: str, variable: str) -> set[str]:
    return {str(row[variable]) for row in store.select(query) if variable in row}


def _local(iris: set[str]) -> set[str]:
    return {iri.rsplit("/", 1)[1] for iri in iris}


def test_which_hungarian_diplomats_complained_about_isolation_and_when(loaded_store: Store) -> None:
    # article l.45 (Csuka, December 1953, note 24) and l.55 / l.83 (Szarvas, 1954 / late 1954, notes 31, 51)
    rows = loaded_store.select("""
        SELECT DISTINCT ?name ?date WHERE {
            ?record rico:hasAuthor ?diplomat , mission:hungary-mission-pyongyang ;
                    mosaic:date/mosaic:earliest ?date .
            ?diplomat a foaf:Person ; skos:prefLabel ?name .
        }""")
    dated = {(str(r["name"]), str(r["date"])[:7]) for r in rows}
    assert ("Zsigmond Csuka", "1953-12") in dated
    assert any(name.endswith("Szarvas") and date.startswith("1954") for name, date in dated)


def test_which_records_rgani_5_28_410_holds_and_who_translated_them(loaded_store: Store) -> None:
    # notes 10, 28, 29 and 46 (lines 123, 168, 171, 198)
    rows = loaded_store.select("""
        SELECT ?record ?translator WHERE {
            ?record rico:hasOrHadHolder archive:rgani ;
                    mosaic:archivalReference [ mosaic:fond "5" ; mosaic:opis "28" ; mosaic:delo "410" ] .
            OPTIONAL { ?t prov:wasDerivedFrom ?record ; mosaic:translatedBy ?translator }
        }""")
    answer = {(str(r["record"]).rsplit("/", 1)[1], str(r.get("translator", "")).rsplit("/", 1)[-1]) for r in rows}
    assert answer == {
        ("rgani-5-28-410-ll301-303", "james-f-person"),   # Nam Il, July 24, 1956
        ("rgani-5-28-410-ll210-214", "gary-goldberg"),    # Choe Chang-ik, June 8, 1956
        ("rgani-5-28-410-ll22-25", "james-f-person"),     # Remarks on the Draft Statutes, March 5, 1956
        ("rgani-5-28-410-ll108-110", ""),                 # Pak Uiwan, May 7, 1956: no translation cited
    }


def test_memoranda_of_1956_with_a_soviet_korean_or_china_returned_interlocutor(loaded_store: Store) -> None:
    # note 28 (line 168): Pak was an émigré from the Soviet Union, Choe returned to Korea from China
    records = _values(loaded_store, """
        SELECT DISTINCT ?record WHERE {
            ?record rico:hasDocumentaryFormType kind:memorandum-of-conversation ;
                    mosaic:interlocutor ?who ; mosaic:date [ mosaic:earliest ?e ; mosaic:latest ?l ] .
            ?m org:member ?who ; org:organization ?faction .
            VALUES ?faction { faction:soviet-koreans faction:china-returned-koreans }
            FILTER (?e >= "1956-01-01"^^xsd:date && ?l <= "1956-12-31"^^xsd:date)
        }""", "record")
    assert _local(records) == {"rgani-5-28-410-ll108-110", "rgani-5-28-410-ll210-214"}


def test_what_happened_on_25_june_1950(loaded_store: Store) -> None:
    # article l.7: North Korea initiated the attack launched on June 25, 1950
    labels = _values(loaded_store, """
        SELECT ?label WHERE {
            ?event a mosaic:Event ; skos:prefLabel ?label ; mosaic:date [ mosaic:earliest ?e ; mosaic:latest ?l ] .
            FILTER (?e <= "1950-06-25"^^xsd:date && ?l >= "1950-06-25"^^xsd:date && ?l <= "1950-12-31"^^xsd:date)
        }""", "label")
    assert any("1950" in label or "Korean War" in label or "attack" in label.lower() for label in labels), labels


def test_who_compiled_the_loc_biographies_and_when_they_were_donated(loaded_store: Store) -> None:
    # guide l.12: compiled by Chang Hak-pong; in April 2005 he donated the 80 biographies
    compiler = _values(loaded_store, "SELECT ?c WHERE { coll:loc-soviet-korean-biographies mosaic:compiledBy ?c }", "c")
    assert _local(compiler) == {"chang-hak-pong"}
    donated = _values(loaded_store, """
        SELECT ?when WHERE {
            ?event mosaic:eventKind eventkind:donation ; mosaic:concerns coll:loc-soviet-korean-biographies ;
                   mosaic:date/mosaic:edtf ?when .
        }""", "when")
    assert donated == {"2005-04"}


def test_how_many_biographies_the_collection_holds(loaded_store: Store) -> None:
    count = _values(loaded_store, "SELECT ?n WHERE { coll:loc-soviet-korean-biographies mosaic:itemCount ?n }", "n")
    assert count == {"80"}


def test_records_between_july_1953_and_december_1954_uncertain_dates_included(loaded_store: Store) -> None:
    records = _local(_values(loaded_store, """
        SELECT DISTINCT ?record WHERE {
            ?record a rico:Record ; mosaic:date [ mosaic:earliest ?e ; mosaic:latest ?l ] .
            FILTER (?l >= "1953-07-01"^^xsd:date && ?e <= "1954-12-31"^^xsd:date)
        }""", "record"))
    expected = {"poland-report-1953-07-31-no4", "poland-report-1953-09-30-no5", "hungary-report-1953-12-22",
                "romania-report-1954-06-22", "romania-report-1954-08-26", "hungary-report-1954-09-13",
                "hungary-report-1954-12-06", "hungary-report-1954-12-18"}
    assert expected <= records
    assert not records & {"rgani-5-28-410-ll301-303", "rgani-5-28-314-ll34-59", "aprf-3-65-775-ll75-76"}


def test_a_range_inside_an_uncertain_month_still_finds_the_record(loaded_store: Store) -> None:
    # note 45 (line 195): "Information on the Situation in the DPRK", April 1955
    records = _local(_values(loaded_store, """
        SELECT ?record WHERE {
            ?record mosaic:date [ mosaic:earliest ?e ; mosaic:latest ?l ] .
            FILTER (?l >= "1955-04-10"^^xsd:date && ?e <= "1955-04-12"^^xsd:date)
        }""", "record"))
    assert "rgani-5-28-314-ll34-59" in records


def test_every_name_form_recorded_for_kim_il_sung(loaded_store: Store) -> None:
    # article: "Kim Il Sung" (l.27), "Kim Ir Sen" (l.21); guide: "Kim Il-sŏng" (l.12)
    names = _values(loaded_store, """
        SELECT ?n WHERE { person:kim-il-sung skos:prefLabel|skos:altLabel|skos:hiddenLabel ?n }""", "n")
    assert {"Kim Il Sung", "Kim Ir Sen", "Kim Il-sŏng"} <= names


def test_a_misspelt_form_finds_the_right_person(loaded_store: Store) -> None:
    # "Czuka" is how the article prints Csuka's name once (l.45)
    who = _values(loaded_store, 'SELECT ?p WHERE { ?p skos:hiddenLabel|skos:altLabel "Czuka"@hu }', "p") or \
        _values(loaded_store, 'SELECT ?p WHERE { ?p skos:hiddenLabel|skos:altLabel ?n FILTER (STR(?n) = "Czuka") }', "p")
    assert _local(who) == {"zsigmond-csuka"}


def test_which_source_says_choe_chang_ik_returned_from_china(loaded_store: Store) -> None:
    rows = loaded_store.select("""
        SELECT ?source ?line WHERE {
            GRAPH ?claim { ?m org:member person:choe-chang-ik ; org:organization faction:china-returned-koreans }
            ?claim prov:wasDerivedFrom ?source ; mosaic:line ?line .
        }""")
    assert {(str(r["source"]).rsplit("/", 1)[1], int(r["line"])) for r in rows} >= {("article-diplomatic-record", 168)}


def test_what_the_loc_guide_says(loaded_store: Store) -> None:
    rows = loaded_store.select("""
        SELECT ?s ?p ?o WHERE { ?claim prov:wasDerivedFrom doc:loc-guide-soviet-korean-biographies . GRAPH ?claim { ?s ?p ?o } }""")
    assert len(rows) > 30
    assert {str(r["o"]) for r in rows if str(r["p"]).endswith("#itemCount")} == {"80"}


def test_who_translated_and_who_obtained_the_polish_reports(loaded_store: Store) -> None:
    # notes 19 and 22 (lines 150, 159): obtained by Jakub Poprocki, translated by Maya Latynski
    rows = loaded_store.select("""
        SELECT ?obtainer ?translator WHERE {
            VALUES ?r { doc:poland-report-1953-07-31-no4 doc:poland-report-1953-09-30-no5 }
            ?r mosaic:obtainedBy ?obtainer . ?t prov:wasDerivedFrom ?r ; mosaic:translatedBy ?translator .
        }""")
    assert {(str(r["obtainer"]).rsplit("/", 1)[1], str(r["translator"]).rsplit("/", 1)[1]) for r in rows} == {
        ("jakub-poprocki", "maya-latynski")}


def test_which_records_are_known_only_from_a_citation_in_szalontai(loaded_store: Store) -> None:
    # notes 15 and 31 (lines 138, 174): "cited in Szalontai"
    records = _local(_values(loaded_store, """
        SELECT ?r WHERE { ?r mosaic:status status:known-only-from-citation ; mosaic:citedIn doc:work-szalontai-you-have-no-political-line }""", "r"))
    assert records == {"hungary-report-1954-09-13", "hungary-report-1954-12-06"}


def test_which_record_was_removed_from_the_duplicated_microfilm(loaded_store: Store) -> None:
    # article l.27 and note 10: the July 1956 conversation with Nam Il
    records = _local(_values(loaded_store, "SELECT ?r WHERE { ?r mosaic:status status:removed-from-copy }", "r"))
    assert records == {"rgani-5-28-410-ll301-303"}


def test_which_records_were_reclassified(loaded_store: Store) -> None:
    # article l.25: the RGANI collection on the 1956 August Plenum was reclassified (found so in 2006)
    sets = _local(_values(loaded_store, "SELECT ?r WHERE { ?r mosaic:status status:reclassified }", "r"))
    assert "rgani-august-plenum-collection" in sets


def test_who_was_east_german_ambassador_from_1964_to_1967(loaded_store: Store) -> None:
    # article l.47
    who = _values(loaded_store, """
        SELECT ?who WHERE {
            ?m org:member ?who ; org:role role:ambassador ; org:organization ?org ;
               org:memberDuring [ mosaic:earliest ?e ; mosaic:latest ?l ] .
            { ?org mosaic:sendingState state:gdr } UNION { FILTER (?org = state:gdr) }
            FILTER (?e <= "1965-01-01"^^xsd:date && ?l >= "1966-12-31"^^xsd:date)
        }""", "who")
    assert _local(who) == {"horst-brie"}


def test_the_hungarian_mission_is_both_an_embassy_and_a_legation_with_sources(loaded_store: Store) -> None:
    # notes on lines 138/162/207 say Embassy; line 174 says Legation: both claims are kept
    rows = loaded_store.select("""
        SELECT ?type ?line WHERE {
            GRAPH ?claim { mission:hungary-mission-pyongyang a ?type }
            ?claim mosaic:line ?line .
            VALUES ?type { mosaic:Embassy mosaic:Legation }
        }""")
    types = {str(r["type"]).rsplit("#", 1)[1] for r in rows}
    assert types == {"Embassy", "Legation"}
    assert 174 in {int(r["line"]) for r in rows if str(r["type"]).endswith("Legation")}


def test_what_gary_goldberg_translated(loaded_store: Store) -> None:
    # notes 21, 28, 39/40, 45, 58
    records = _local(_values(loaded_store, """
        SELECT ?r WHERE { ?t mosaic:translatedBy person:gary-goldberg ; prov:wasDerivedFrom ?r }""", "r"))
    assert records == {"rgani-5-28-314-synopsis-1955-07-12", "rgani-5-28-410-ll210-214",
                       "russian-general-staff-480-memorandum-1946-01-11", "rgani-5-28-314-ll34-59",
                       "aprf-3-65-775-ll75-76"}


def test_what_the_archive_of_the_president_holds(loaded_store: Store) -> None:
    # notes 57 and 58 (lines 219, 222)
    records = _local(_values(loaded_store, "SELECT ?r WHERE { ?r rico:hasOrHadHolder archive:aprf }", "r"))
    assert records == {"aprf-agreement-1949-03-17-loan", "aprf-3-65-775-ll75-76"}


def test_who_led_the_sino_soviet_delegation_of_september_1956(loaded_store: Store) -> None:
    # article l.81: Mikoyan and Peng Dehuai
    who = _local(_values(loaded_store, """
        SELECT ?p WHERE {
            ?e a mosaic:Event ; mosaic:eventKind eventkind:delegation-visit ; mosaic:participant ?p ;
               mosaic:date/mosaic:earliest ?d .
            FILTER (?d >= "1956-09-01"^^xsd:date && ?d <= "1956-09-30"^^xsd:date)
        }""", "p"))
    assert {"anastas-mikoyan", "peng-dehuai"} <= who


def test_which_persons_the_sources_place_among_the_soviet_koreans(loaded_store: Store) -> None:
    who = _local(_values(loaded_store, "SELECT ?p WHERE { ?m org:member ?p ; org:organization faction:soviet-koreans }", "p"))
    assert "pak-ui-wan" in who
    assert "choe-chang-ik" not in who and "nam-il" not in who   # the texts do not say so


def test_every_name_form_of_pak_kumchol(loaded_store: Store) -> None:
    # article l.135 "Pak Kŭmch'ŏl" (note line) and note 50 "Pak Geum-cheol" (line 204)
    names = _values(loaded_store, "SELECT ?n WHERE { person:pak-kum-chol skos:prefLabel|skos:altLabel ?n }", "n")
    assert {"Pak Kŭmch’ŏl", "Pak Geum-cheol"} <= names or {"Pak Kŭmch'ŏl", "Pak Geum-cheol"} <= names


def test_which_letters_were_sent_to_stalin(loaded_store: Store) -> None:
    # listing: February 1942, September 6, 1942, May 10, 1943
    dates = _values(loaded_store, """
        SELECT ?d WHERE { ?r rico:hasDocumentaryFormType kind:letter ; mosaic:recipient person:joseph-stalin ;
                          mosaic:date/mosaic:edtf ?d }""", "d")
    assert dates == {"1942-02", "1942-09-06", "1943-05-10"}


def test_the_mongolian_record_and_its_translators(loaded_store: Store) -> None:
    # note 59 (line 225): Fond 3, dans 1, kh/n 173; obtained and translated by Radchenko and Perenlei
    rows = loaded_store.select("""
        SELECT ?translator WHERE {
            ?r mosaic:archivalReference [ mosaic:fond "3" ; mosaic:opis "1" ; mosaic:delo "173" ] .
            ?t prov:wasDerivedFrom ?r ; mosaic:translatedBy ?translator .
        }""")
    assert _local({str(r["translator"]) for r in rows}) == {"sergey-radchenko", "onon-perenlei"}


def test_the_hungarian_reference_is_split_into_box_folder_and_registry_number(loaded_store: Store) -> None:
    # note 24 (line 162): MOL, XIX-J-1-k Korea, 9. doboz, 18/g, 00303/1954
    rows = loaded_store.select("""
        SELECT ?box ?folder ?number WHERE {
            doc:hungary-report-1953-12-22 mosaic:archivalReference [ mosaic:box ?box ; mosaic:folder ?folder ;
                                                                     mosaic:registryNumber ?number ] }""")
    assert {(str(r["box"]), str(r["folder"]), str(r["number"])) for r in rows} == {("9", "18/g", "00303/1954")}


def test_which_wilson_item_presents_the_nam_il_conversation(loaded_store: Store) -> None:
    rows = loaded_store.select("""
        SELECT ?id ?page WHERE { ?t prov:wasDerivedFrom doc:rgani-5-28-410-ll301-303 ;
                                    mosaic:wilsonCenterId ?id ; foaf:page ?page }""")
    assert {(str(r["id"]), str(r["page"])) for r in rows} == {
        ("113371", "https://digitalarchive.wilsoncenter.org/document/113371")}


def test_which_conditions_held_for_the_embassies_in_november_1955(loaded_store: Store) -> None:
    # article l.51: in the fall of 1955 Kim banned all social visits
    kinds = _local(_values(loaded_store, """
        SELECT ?kind WHERE {
            ?c a mosaic:Condition ; mosaic:conditionKind ?kind ; mosaic:date [ mosaic:earliest ?e ] .
            OPTIONAL { ?c mosaic:date/mosaic:latest ?l }
            FILTER (?e <= "1955-11-15"^^xsd:date && (!BOUND(?l) || ?l >= "1955-11-15"^^xsd:date))
        }""", "kind"))
    assert "social-visits-banned" in kinds


def test_which_secondary_works_szalontai_wrote(loaded_store: Store) -> None:
    works = _local(_values(loaded_store, """
        SELECT ?w WHERE { ?w rico:hasAuthor person:balazs-szalontai ; rico:hasDocumentaryFormType ?k }""", "w"))
    assert works == {"work-szalontai-kim-il-sung-in-the-khrushchev-era", "work-szalontai-you-have-no-political-line"}
