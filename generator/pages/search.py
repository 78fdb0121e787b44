"""The offline search index: every word of the playbook, split into small script files
that ``theme/assets/js/search.js`` loads as a query needs them.

The files are JavaScript that call a global rather than JSON, because a page opened
from ``file://`` may not ``fetch()`` its neighbours but may always load a ``<script>``.
Three kinds of file, so that a query loads a few tens of kilobytes at any size:

- ``assets/search-index.js``, the manifest (:func:`manifest_script`): the kinds and
  their labels, where each kind's documents start, the word shards there are and the
  document buckets' first ids. Loaded when a search box is first used.
- ``assets/search/w-<key>.js``, a word shard (:func:`shard_script`): for every word
  starting with ``key`` (two letters; three where two letters would make a large file)
  the documents holding it, as ascending numbers ``id * 2 + in_title``, delta-encoded.
  A query loads the shards of its words only.
- ``assets/search/d-<n>.js``, a bucket of consecutive documents
  ``[title, url, where, text]`` (:func:`bucket_script`): loaded for the results shown,
  to print their titles and the passage that matched.

Documents are numbered by kind, in :data:`KINDS` order (so a number says its kind),
and within a kind in reading order (journeys by title). Both sides fold case and
diacritics (:func:`~.search_text.fold`) and cut words the same way; a word of the query
matches every indexed word it begins.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Mapping

from .. import urls
from ..model import Playbook
from ..render.site import OutputFile
from .search_text import KINDS, Doc, documents, word_set  # noqa: F401 - KINDS: the result kinds

if TYPE_CHECKING:
    from ..render.site import Site

INDEX_PATH = urls.asset("search-index.js")
FOLDER = urls.asset("search")
GLOBAL = "journeydocsSearch"
PART = "journeydocsSearchPart"
"""The function shard and bucket files call: ``PART(type, key, data)``."""
SHARD_BYTES = 24_000
"""A two-letter shard estimated larger than this is split by three letters."""
BUCKET_BYTES = 12_000
"""Documents are packed into buckets of about this many characters."""


@dataclass
class Index:
    """The split index of one playbook (what the files hold, before they are scripts)."""

    kinds: list[str]
    labels: dict[str, str]
    starts: list[int]
    """The first document number of each kind, then the number of documents."""
    shards: dict[str, dict[str, list[int]]]
    """Shard key → word → delta-encoded postings."""
    split: list[str]
    """Two-letter keys whose words are in three-letter shards (and its own 2-letter words)."""
    buckets: list[list[list[str]]]
    bucket_starts: list[int]


def pages(site: Site) -> Iterator[OutputFile]:
    """The search index as files of the site."""
    index = build_index(site.playbook, site.t)
    yield OutputFile(INDEX_PATH, manifest_script(index).encode("utf-8"))
    for key, shard in sorted(index.shards.items()):
        yield OutputFile(shard_path(key), shard_script(key, shard).encode("utf-8"))
    for n, bucket in enumerate(index.buckets):
        yield OutputFile(bucket_path(n), _part("d", str(n), bucket).encode("utf-8"))


def shard_path(key: str) -> str:
    """The file of a word shard: ASCII keys as they are, others as hex (file names
    with any script survive every host and zip tool that way)."""
    return f"{FOLDER}/w-{shard_name(key)}.js"


def shard_name(key: str) -> str:
    if key.isascii() and key.isalnum():
        return key
    return "x" + key.encode("utf-8").hex()


def bucket_path(n: int) -> str:
    return f"{FOLDER}/d-{n}.js"


def build_index(playbook: Playbook, t: Mapping[str, str]) -> Index:
    docs = documents(playbook, t)
    return index_of(docs, t)


def index_of(docs: list[Doc], t: Mapping[str, str]) -> Index:
    """The split index of ``docs`` (numbered in list order, grouped by kind)."""
    counts = Counter(doc.kind for doc in docs)
    starts = [sum(counts[kind] for kind in KINDS[:k]) for k in range(len(KINDS) + 1)]
    postings: dict[str, list[int]] = defaultdict(list)
    for n, doc in enumerate(docs):
        in_title = word_set(doc.title)
        for word in in_title:
            postings[word].append(n * 2 + 1)
        for word in word_set(doc.text) - in_title:
            postings[word].append(n * 2)
    by_two: dict[str, list[str]] = defaultdict(list)
    for word in postings:
        by_two[word[:2]].append(word)
    shards: dict[str, dict[str, list[int]]] = {}
    split = []
    for two, members in sorted(by_two.items()):
        size = sum(len(w) + 4 + 4 * len(postings[w]) for w in members)
        if size > SHARD_BYTES and any(len(w) > 2 for w in members):
            split.append(two)
            for word in sorted(members):
                shards.setdefault(word[:3], {})[word] = _deltas(postings[word])
        else:
            shards[two] = {w: _deltas(postings[w]) for w in sorted(members)}
    buckets: list[list[list[str]]] = []
    bucket_starts: list[int] = []
    size = BUCKET_BYTES
    for n, doc in enumerate(docs):
        if size >= BUCKET_BYTES:
            buckets.append([])
            bucket_starts.append(n)
            size = 0
        buckets[-1].append([doc.title, doc.url, doc.where, doc.text])
        size += len(doc.title) + len(doc.url) + len(doc.where) + len(doc.text) + 12
    return Index(list(KINDS), {kind: t[f"kind.{kind}"] for kind in KINDS}, starts, shards,
                 split, buckets, bucket_starts)


def _deltas(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0] + numbers, numbers)]


def manifest_script(index: Index) -> str:
    """``window.journeydocsSearch = {...};``: what a query needs to know which files to load."""
    data = {
        "kinds": index.kinds,
        "labels": index.labels,
        "starts": index.starts,
        "shards": {key: shard_name(key) for key in sorted(index.shards)},
        "split": index.split,
        "buckets": index.bucket_starts,
    }
    return f"window.{GLOBAL}=JSON.parse({_literal(data)});\n"


def shard_script(key: str, shard: dict[str, list[int]]) -> str:
    return _part("w", key, shard)


def bucket_script(n: int, bucket: list[list[str]]) -> str:
    return _part("d", str(n), bucket)


def _part(kind: str, key: str, data: object) -> str:
    return f"{PART}({json.dumps(kind)},{_literal(key)},JSON.parse({_literal(data)}));\n"


def _literal(data: object) -> str:
    """``data`` as a JS string literal of its JSON. JSON.parse of a string is parsed
    faster than an object literal this big; "<" is escaped so no "</script>" can appear
    even if the file is ever inlined."""
    payload = data if isinstance(data, str) else json.dumps(
        data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(payload, ensure_ascii=False).replace("<", "\\u003c")
