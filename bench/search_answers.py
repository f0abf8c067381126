#!/usr/bin/env python3
"""Every query of bench/search_queries.lua through GET /api/search (k=10) and GET /similar (k=5)
of its first hit, against a running server: one line per answer with the Content-Type and the raw
body, took_ms cut out. Two builds serving the same index must give byte-identical files:
    python3 bench/search_answers.py PORT OUT_FILE      then   cmp BEFORE AFTER
(Two servers cannot open one index at once: serve, write, stop, then the other build.)"""
import json
import pathlib
import re
import sys
import urllib.parse
import urllib.request

port, out = sys.argv[1], sys.argv[2]
lua = (pathlib.Path(__file__).parent / "search_queries.lua").read_text(encoding="utf-8")
queries = re.findall(r'"([^"]*)"', lua[lua.index("local queries = {"):lua.index("\n}\n")])


def get(path):
    with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, path)) as r:
        body = r.read().decode("utf-8")
        return r.headers.get("Content-Type"), re.sub(r'"took_ms":[0-9.eE+-]+', "", body), json.loads(body)


with open(out, "w", encoding="utf-8") as f:
    for q in queries:
        ctype, raw, answer = get("/api/search?k=10&rerank=none&q=" + urllib.parse.quote_plus(q))
        f.write("%s\t%s\t%s\n" % (q, ctype, raw))
        first = answer["results"][0]["id"]
        ctype, raw, _ = get("/api/docs/%s/similar?k=5" % urllib.parse.quote(first))
        f.write("similar %s\t%s\t%s\n" % (first, ctype, raw))
print("%d queries written to %s" % (len(queries), out))
