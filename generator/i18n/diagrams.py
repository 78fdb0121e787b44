"""UI strings of the diagram views, per language (merged by render_strings.strings).

Keys missing in a language fall back to English.  ``blueprint_*`` and ``line_*``
are drawn inside the blueprint; ``timeline_*`` inside the timeline.
"""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "blueprint": "Service blueprint",
        "blueprint_note": "What the customer does, what they meet (frontstage) and what happens "
                          "behind it — teams, systems and data. Each touchpoint opens its page.",
        "blueprint_does": "Customer actions",
        "blueprint_front": "Frontstage (touchpoint · channel)",
        "blueprint_back": "Backstage (owner team)",
        "blueprint_systems": "Support systems",
        "blueprint_data": "Data",
        "line_of_interaction": "line of interaction",
        "line_of_visibility": "line of visibility",
        "line_of_internal_interaction": "line of internal interaction",
        "emotion_curve": "Emotion curve",
        "emotion_curve_note": "Emotion per touchpoint from 1 (very negative) to 5 (very positive); "
                              "each point gives the touchpoint's number, face and score; the "
                              "list under the chart names the touchpoints.",
        "current_state_curve": "Current state, for comparison",
        "no_emotions": "No touchpoint has an emotion score yet.",
        "timeline": "Timeline",
        "timeline_note": "Touchpoints by day, as their timing reads; timings that cannot be read "
                         "keep their place after the touchpoint before.",
        "timeline_day": "Day {n}",
        "timeline_no_timing": "no timing",
        "diagram_links": "Links in the diagram",
    },
    "sv": {
        "blueprint": "Tjänsteblueprint",
        "blueprint_note": "Vad kunden gör, vad hen möter (frontstage) och vad som händer bakom "
                          "— team, system och data. Varje kontaktpunkt öppnar sin sida.",
        "blueprint_does": "Kundens handlingar",
        "blueprint_front": "Frontstage (kontaktpunkt · kanal)",
        "blueprint_back": "Backstage (ansvarigt team)",
        "blueprint_systems": "Stödsystem",
        "blueprint_data": "Data",
        "line_of_interaction": "interaktionslinje",
        "line_of_visibility": "synlighetslinje",
        "line_of_internal_interaction": "linje för intern interaktion",
        "emotion_curve": "Känslokurva",
        "emotion_curve_note": "Känsla per kontaktpunkt från 1 (mycket negativ) till 5 (mycket "
                              "positiv); varje punkt visar kontaktpunktens nummer, ansikte och "
                              "poäng; listan under diagrammet namnger kontaktpunkterna.",
        "current_state_curve": "Nuläget, för jämförelse",
        "no_emotions": "Ingen kontaktpunkt har något känslovärde ännu.",
        "timeline": "Tidslinje",
        "timeline_note": "Kontaktpunkter per dag enligt deras tidsangivelse; tider som inte kan "
                         "läsas behåller sin plats efter kontaktpunkten före.",
        "timeline_day": "Dag {n}",
        "timeline_no_timing": "ingen tid",
        "diagram_links": "Länkar i diagrammet",
    },
    "da": {
        "blueprint": "Service blueprint",
        "blueprint_note": "Hvad kunden gør, hvad kunden møder (frontstage), og hvad der sker bag "
                          "ved — teams, systemer og data. Hvert kontaktpunkt åbner sin side.",
        "blueprint_does": "Kundens handlinger",
        "blueprint_front": "Frontstage (kontaktpunkt · kanal)",
        "blueprint_back": "Backstage (ansvarligt team)",
        "blueprint_systems": "Understøttende systemer",
        "blueprint_data": "Data",
        "line_of_interaction": "interaktionslinje",
        "line_of_visibility": "synlighedslinje",
        "line_of_internal_interaction": "linje for intern interaktion",
        "emotion_curve": "Følelseskurve",
        "emotion_curve_note": "Følelse pr. kontaktpunkt fra 1 (meget negativ) til 5 (meget "
                              "positiv); hvert punkt viser kontaktpunktets nummer, ansigt og "
                              "score; listen under diagrammet navngiver kontaktpunkterne.",
        "current_state_curve": "Nuværende situation, til sammenligning",
        "no_emotions": "Intet kontaktpunkt har en følelsesscore endnu.",
        "timeline": "Tidslinje",
        "timeline_note": "Kontaktpunkter pr. dag efter deres tidsangivelse; tider, der ikke kan "
                         "læses, beholder deres plads efter kontaktpunktet før.",
        "timeline_day": "Dag {n}",
        "timeline_no_timing": "intet tidspunkt",
        "diagram_links": "Links i diagrammet",
    },
    "pt": {
        "blueprint": "Blueprint de serviço",
        "blueprint_note": "O que o cliente faz, o que encontra (palco) e o que acontece nos "
                          "bastidores — equipas, sistemas e dados. Cada ponto de contacto abre "
                          "a sua página.",
        "blueprint_does": "Ações do cliente",
        "blueprint_front": "Palco (ponto de contacto · canal)",
        "blueprint_back": "Bastidores (equipa responsável)",
        "blueprint_systems": "Sistemas de apoio",
        "blueprint_data": "Dados",
        "line_of_interaction": "linha de interação",
        "line_of_visibility": "linha de visibilidade",
        "line_of_internal_interaction": "linha de interação interna",
        "emotion_curve": "Curva emocional",
        "emotion_curve_note": "Emoção por ponto de contacto de 1 (muito negativa) a 5 (muito "
                              "positiva); cada ponto indica o número do ponto de contacto, a "
                              "expressão e a pontuação; a lista sob o gráfico dá os nomes.",
        "current_state_curve": "Estado atual, para comparação",
        "no_emotions": "Nenhum ponto de contacto tem ainda uma pontuação emocional.",
        "timeline": "Cronologia",
        "timeline_note": "Pontos de contacto por dia, segundo o seu momento; momentos que não se "
                         "conseguem ler mantêm o lugar a seguir ao ponto de contacto anterior.",
        "timeline_day": "Dia {n}",
        "timeline_no_timing": "sem momento",
        "diagram_links": "Ligações no diagrama",
    },
    "ro": {
        "blueprint": "Blueprint de serviciu",
        "blueprint_note": "Ce face clientul, ce întâlnește (în prim-plan) și ce se întâmplă în "
                          "culise — echipe, sisteme și date. Fiecare punct de contact își "
                          "deschide pagina.",
        "blueprint_does": "Acțiunile clientului",
        "blueprint_front": "Prim-plan (punct de contact · canal)",
        "blueprint_back": "Culise (echipa responsabilă)",
        "blueprint_systems": "Sisteme de suport",
        "blueprint_data": "Date",
        "line_of_interaction": "linia de interacțiune",
        "line_of_visibility": "linia de vizibilitate",
        "line_of_internal_interaction": "linia de interacțiune internă",
        "emotion_curve": "Curba emoțională",
        "emotion_curve_note": "Emoția la fiecare punct de contact, de la 1 (foarte negativă) la 5 "
                              "(foarte pozitivă); fiecare punct arată numărul punctului de "
                              "contact, fața și scorul; lista de sub grafic dă numele lor.",
        "current_state_curve": "Starea actuală, pentru comparație",
        "no_emotions": "Niciun punct de contact nu are încă un scor emoțional.",
        "timeline": "Cronologie",
        "timeline_note": "Punctele de contact pe zile, după momentul lor; momentele care nu pot "
                         "fi citite își păstrează locul după punctul de contact anterior.",
        "timeline_day": "Ziua {n}",
        "timeline_no_timing": "fără moment",
        "diagram_links": "Linkuri în diagramă",
    },
}
