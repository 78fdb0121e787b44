"""Brazilian Portuguese (``pt-BR``): the European Portuguese strings (:mod:`.pt` and
every area catalogue's ``"pt"``) with what differs in Brazil changed, so a new pt
string is pt-BR too the day it is written. :data:`PHRASES` are replaced first (longest
first), then :data:`WORDS` as whole words, keeping a capital initial.

Changes: "arquivo" not "ficheiro", "tela" not "ecrã", "usuário" not "utilizador",
"celular" not "telemóvel", "contato" not "contacto", "equipe" not "equipa", "registro"
not "registo", "link" not "ligação", the gerund for "a + infinitive" ("carregando"),
"Pressione" not "Prima", "próximo" not "seguinte".
"""

from __future__ import annotations

import re
from typing import Mapping

PHRASES: dict[str, str] = {
    "A carregar": "Carregando",
    "a carregar": "carregando",
    "A pesquisar": "Pesquisando",
    "a pesquisar": "pesquisando",
    "Prima ": "Pressione ",
    "Ponto de contacto seguinte": "Próximo ponto de contato",
    "página seguinte": "próxima página",
    "Colunas a mostrar": "Colunas para mostrar",
    "ficheiro a ficheiro": "arquivo por arquivo",
}

WORDS: dict[str, str] = {
    "ficheiro": "arquivo", "ficheiros": "arquivos",
    "ecrã": "tela", "ecrãs": "telas",
    "utilizador": "usuário", "utilizadores": "usuários",
    "utilizadora": "usuária", "utilizadoras": "usuárias",
    "telemóvel": "celular", "telemóveis": "celulares",
    "contacto": "contato", "contactos": "contatos",
    "equipa": "equipe", "equipas": "equipes",
    "registo": "registro", "registos": "registros",
    "ligação": "link", "ligações": "links",
    "seguinte": "próximo",
    "transferir": "baixar",
    "guardar": "salvar",
    "partilhar": "compartilhar", "partilhado": "compartilhado",
    "facto": "fato", "factos": "fatos",
}

_WORD = re.compile(r"\b(" + "|".join(sorted(
    {w for k in WORDS for w in (k, k.capitalize())}, key=len, reverse=True)) + r")\b")


_PHRASE = re.compile(r"(?<!\w)(?:" + "|".join(
    re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")")


def _word(match: re.Match) -> str:
    word = match.group(1)
    new = WORDS[word.lower()]
    return new.capitalize() if word[0].isupper() else new


def brazilian(text: str) -> str:
    """One pt string as pt-BR."""
    text = _PHRASE.sub(lambda m: PHRASES[m.group(0)], text)
    return _WORD.sub(_word, text)


def from_pt(table: Mapping[str, str]) -> dict[str, str]:
    """A whole pt table as pt-BR."""
    return {key: brazilian(value) for key, value in table.items()}
