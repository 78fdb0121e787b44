"""UI strings of the tables for work (column picker, pages of rows), the opportunities'
carried-over ideas and drawn quadrant, the comparison's curves and the journeys table of
the Indexes page (an area catalogue: ``{language: {key: text}}``, merged by
:mod:`.strings`). pt-BR is made from pt by :mod:`.pt_br`."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "tbl_columns": "Columns",
        "tbl_columns_legend": "Columns to show",
        "tbl_pages": "Pages of rows",
        "tbl_prev": "Previous",
        "tbl_next": "Next",
        "tbl_page_of": "Rows {from}–{to} of {total}",
        "tbl_first_rows": "The first {n} of {total} rows are listed here; filtering, "
                          "sorting or the next page loads the rest.",
        "tbl_loading": "Loading every row…",
        "carried_over": "carried over",
        "carried_over_note": "Also in the current state ({journey}); counted once.",
        "quadrant_axes": "Effort (across, low to high) by impact (up, low to high)",
        "cmp_curves": "Emotion over the stages, before and after",
        "cmp_curves_caption": "Mean emotion per stage (1 very negative to 5 very positive); "
                              "a gap where a state has no scored step in a stage.",
        "cmp_steps": "Steps added, removed and changed",
        "all_journeys_table": "All journeys",
        "all_journeys_note": "Every journey with its personas, stages, status and type; "
                             "filter to find journeys by persona or stage.",
    },
    "sv": {
        "tbl_columns": "Kolumner",
        "tbl_columns_legend": "Kolumner att visa",
        "tbl_pages": "Sidor med rader",
        "tbl_prev": "Föregående",
        "tbl_next": "Nästa",
        "tbl_page_of": "Rad {from}–{to} av {total}",
        "tbl_first_rows": "Här listas de första {n} av {total} raderna; filtrering, sortering "
                          "eller nästa sida hämtar resten.",
        "tbl_loading": "Hämtar alla rader…",
        "carried_over": "överförd",
        "carried_over_note": "Finns också i nuläget ({journey}); räknas en gång.",
        "quadrant_axes": "Insats (åt höger, låg till hög) mot effekt (uppåt, låg till hög)",
        "cmp_curves": "Känsla över stegen, före och efter",
        "cmp_curves_caption": "Genomsnittlig känsla per steg (1 mycket negativ till 5 mycket "
                              "positiv); ett glapp där ett läge saknar bedömt moment i steget.",
        "cmp_steps": "Moment som lagts till, tagits bort och ändrats",
        "all_journeys_table": "Alla resor",
        "all_journeys_note": "Varje resa med personor, steg, status och typ; filtrera för "
                             "att hitta resor per persona eller steg.",
    },
    "da": {
        "tbl_columns": "Kolonner",
        "tbl_columns_legend": "Kolonner der vises",
        "tbl_pages": "Sider med rækker",
        "tbl_prev": "Forrige",
        "tbl_next": "Næste",
        "tbl_page_of": "Række {from}–{to} af {total}",
        "tbl_first_rows": "Her vises de første {n} af {total} rækker; filtrering, sortering "
                          "eller næste side henter resten.",
        "tbl_loading": "Henter alle rækker…",
        "carried_over": "overført",
        "carried_over_note": "Findes også i den nuværende tilstand ({journey}); tælles én gang.",
        "quadrant_axes": "Indsats (mod højre, lav til høj) mod effekt (opad, lav til høj)",
        "cmp_curves": "Følelse gennem faserne, før og efter",
        "cmp_curves_caption": "Gennemsnitlig følelse pr. fase (1 meget negativ til 5 meget "
                              "positiv); et hul hvor en tilstand ikke har et vurderet trin i fasen.",
        "cmp_steps": "Trin tilføjet, fjernet og ændret",
        "all_journeys_table": "Alle rejser",
        "all_journeys_note": "Hver rejse med personaer, faser, status og type; filtrér for "
                             "at finde rejser efter persona eller fase.",
    },
    "pt": {
        "tbl_columns": "Colunas",
        "tbl_columns_legend": "Colunas a mostrar",
        "tbl_pages": "Páginas de linhas",
        "tbl_prev": "Anterior",
        "tbl_next": "Seguinte",
        "tbl_page_of": "Linhas {from}–{to} de {total}",
        "tbl_first_rows": "Aqui estão as primeiras {n} de {total} linhas; filtrar, ordenar "
                          "ou passar à página seguinte carrega as restantes.",
        "tbl_loading": "A carregar todas as linhas…",
        "carried_over": "transitada",
        "carried_over_note": "Também no estado atual ({journey}); contada uma vez.",
        "quadrant_axes": "Esforço (para a direita, baixo a alto) por impacto (para cima, "
                         "baixo a alto)",
        "cmp_curves": "Emoção ao longo das etapas, antes e depois",
        "cmp_curves_caption": "Emoção média por etapa (1 muito negativa a 5 muito positiva); "
                              "uma falha onde um estado não tem passo avaliado na etapa.",
        "cmp_steps": "Passos adicionados, removidos e alterados",
        "all_journeys_table": "Todas as jornadas",
        "all_journeys_note": "Cada jornada com as suas personas, etapas, estado e tipo; "
                             "filtre para encontrar jornadas por persona ou etapa.",
    },
    "ro": {
        "tbl_columns": "Coloane",
        "tbl_columns_legend": "Coloane afișate",
        "tbl_pages": "Pagini de rânduri",
        "tbl_prev": "Înapoi",
        "tbl_next": "Înainte",
        "tbl_page_of": "Rândurile {from}–{to} din {total}",
        "tbl_first_rows": "Aici sunt primele {n} din {total} rânduri; filtrarea, sortarea "
                          "sau pagina următoare le încarcă pe celelalte.",
        "tbl_loading": "Se încarcă toate rândurile…",
        "carried_over": "preluată",
        "carried_over_note": "Apare și în starea actuală ({journey}); numărată o dată.",
        "quadrant_axes": "Efort (spre dreapta, mic spre mare) față de impact (în sus, mic "
                         "spre mare)",
        "cmp_curves": "Emoția de-a lungul etapelor, înainte și după",
        "cmp_curves_caption": "Emoția medie pe etapă (1 foarte negativă – 5 foarte pozitivă); "
                              "un gol unde o stare nu are niciun pas evaluat în etapă.",
        "cmp_steps": "Pași adăugați, eliminați și modificați",
        "all_journeys_table": "Toate călătoriile",
        "all_journeys_note": "Fiecare călătorie cu personajele, etapele, starea și tipul ei; "
                             "filtrați pentru a găsi călătorii după personaj sau etapă.",
    },
}
