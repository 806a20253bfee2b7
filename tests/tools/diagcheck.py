#!/usr/bin/env python3
"""Checks the --diagnostics styles against the text style, case by case.

Usage: diagcheck.py DIR, where DIR/N/ holds one CLI case run in every
style (tests/cli.sh writes them): name, text.err, text.rc, and for each
STYLE in json, github (and sarif for lint) STYLE.err, STYLE.out, STYLE.rc.

For every case:
- the exit status is the same in every style;
- json: each line of stderr is one JSON object with exactly the keys
  severity, file, line, column, group, key, message, hint, exit, typed as
  documented; there are as many as the text style printed (less the usage
  error's "Try …" line); every error's exit is the status's, and each text
  line's message is in its JSON object's message (or message + hint);
- github: each line is a workflow command "::error" or "::warning", its
  properties file=,line=,col= escaped (no raw ',' ':' in file, no raw
  newline anywhere), one per text line;
- sarif (lint): stdout is a SARIF 2.1.0 log: version, runs[0].tool.driver
  (name, rules with ids), results each with a ruleId among the rules, a
  level of the schema's enum, message.text, and locations whose region
  lines and columns are integers >= 1; as many results as text lines;
  stderr empty.
Prints a one-line summary; exits 1 with one line per problem.
"""
import json
import os
import re
import sys

KEYS = ["severity", "file", "line", "column", "group", "key", "message", "hint", "exit"]
GH = re.compile(r"^::(error|warning)(?: file=([^,:\n]*)(?:,line=(\d+)(?:,col=(\d+))?)?)?::(.+)$")


def text_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    return [l for l in lines if not l.startswith("Try 'factsheet")]


def text_lines_of(s):
    return [l for l in s.splitlines() if not l.startswith("Try 'factsheet")]


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def check_json(name, err, rc, text, problems):
    lines = err.splitlines()
    if len(lines) != len(text):
        problems.append(f"{name}: json: {len(lines)} lines for {len(text)} text lines")
    for l in lines:
        try:
            o = json.loads(l)
        except ValueError as e:
            problems.append(f"{name}: json: not JSON ({e}): {l[:120]}")
            continue
        if not isinstance(o, dict) or list(o.keys()) != KEYS:
            problems.append(f"{name}: json: keys {list(o) if isinstance(o, dict) else o}")
            continue
        if o["severity"] not in ("error", "warning"):
            problems.append(f"{name}: json: severity {o['severity']!r}")
        for k in ("file", "group", "key", "hint"):
            if o[k] is not None and not isinstance(o[k], str):
                problems.append(f"{name}: json: {k} is {o[k]!r}")
        for k in ("line", "column"):
            if o[k] is not None and (not isinstance(o[k], int) or o[k] < 1):
                problems.append(f"{name}: json: {k} is {o[k]!r}")
        if not isinstance(o["message"], str) or not o["message"]:
            problems.append(f"{name}: json: empty message")
        if o["severity"] == "error" and o["exit"] != rc and rc != 0:
            # several errors may differ, but never exceed the status
            if not isinstance(o["exit"], int) or o["exit"] > rc or o["exit"] < 1:
                problems.append(f"{name}: json: exit {o['exit']} for status {rc}")
        if o["severity"] == "warning" and o["exit"] != 0:
            problems.append(f"{name}: json: a warning with exit {o['exit']}")
    objs = []
    for l in lines:
        try:
            objs.append(json.loads(l))
        except ValueError:
            pass
    errors = [o for o in objs if isinstance(o, dict) and o.get("severity") == "error"]
    # (lint --strict exits 1 on warnings alone)
    if rc != 0 and errors and not any(o.get("exit") == rc for o in errors):
        problems.append(f"{name}: json: no diagnostic carries the exit status {rc}")
    # each text message's words are in the JSON object at the same place
    for t, l in zip(text, lines):
        try:
            o = json.loads(l)
        except ValueError:
            continue
        whole = " ".join(str(o[k]) for k in KEYS if o[k] is not None)
        words = [w.strip('"?.,:[]') for w in re.split(r"[\s;()]+", t)]
        words = [w for w in words if len(w) > 3 and "factsheet" not in w
                 and not re.match(r"^\S*:\d+(:\d+)?$", w)]
        missing = [w for w in words[-4:] if w not in whole]
        if missing:
            problems.append(f"{name}: json: words of the text message not in JSON: {missing}")


def check_github(name, err, text, problems):
    lines = err.splitlines()
    if len(lines) != len(text):
        problems.append(f"{name}: github: {len(lines)} lines for {len(text)} text lines")
    for l in lines:
        m = GH.match(l)
        if not m:
            problems.append(f"{name}: github: not a workflow command: {l[:120]}")
            continue
        if "\r" in l:
            problems.append(f"{name}: github: raw carriage return")


def check_sarif(name, out, err, rc, text, problems):
    if rc == 2:  # a usage error is no finding of lint: text on stderr, no log
        if out.strip() or len(text_lines_of(err)) != 1:
            problems.append(f"{name}: sarif: a usage error should be one text line, no log")
        return
    if err.strip():
        problems.append(f"{name}: sarif: stderr not empty: {err[:120]}")
    try:
        log = json.loads(out)
    except ValueError as e:
        problems.append(f"{name}: sarif: not JSON ({e})")
        return
    if log.get("version") != "2.1.0" or not isinstance(log.get("runs"), list) or len(log["runs"]) != 1:
        problems.append(f"{name}: sarif: version or runs")
        return
    run = log["runs"][0]
    driver = run.get("tool", {}).get("driver", {})
    if not isinstance(driver.get("name"), str):
        problems.append(f"{name}: sarif: tool.driver.name")
    ids = {r.get("id") for r in driver.get("rules", [])}
    if None in ids or not ids:
        problems.append(f"{name}: sarif: rules without id")
    results = run.get("results")
    if not isinstance(results, list):
        problems.append(f"{name}: sarif: results")
        return
    if len(results) != len(text):
        problems.append(f"{name}: sarif: {len(results)} results for {len(text)} text lines")
    for r in results:
        if r.get("ruleId") not in ids:
            problems.append(f"{name}: sarif: ruleId {r.get('ruleId')!r} not among the rules")
        if r.get("level") not in ("none", "note", "warning", "error"):
            problems.append(f"{name}: sarif: level {r.get('level')!r}")
        if not isinstance(r.get("message", {}).get("text"), str):
            problems.append(f"{name}: sarif: message.text")
        for loc in r.get("locations", []):
            pl = loc.get("physicalLocation", {})
            if not isinstance(pl.get("artifactLocation", {}).get("uri"), str):
                problems.append(f"{name}: sarif: artifactLocation.uri")
            reg = pl.get("region")
            if reg is not None:
                for k in ("startLine", "startColumn"):
                    if k in reg and (not isinstance(reg[k], int) or reg[k] < 1):
                        problems.append(f"{name}: sarif: region.{k} {reg[k]!r}")


def main():
    root = sys.argv[1]
    problems = []
    cases = styles = 0
    for n in sorted(os.listdir(root), key=lambda s: int(s) if s.isdigit() else 0):
        d = os.path.join(root, n)
        if not os.path.isfile(os.path.join(d, "name")):
            continue
        cases += 1
        name = read(os.path.join(d, "name")).strip()
        rc = int(read(os.path.join(d, "text.rc")))
        text = text_lines(os.path.join(d, "text.err"))
        for st in ("json", "github", "sarif"):
            p = os.path.join(d, st + ".rc")
            if not os.path.exists(p):
                continue
            styles += 1
            src = int(read(p))
            if src != rc:
                problems.append(f"{name}: {st}: exit {src}, text exit {rc}")
            err = read(os.path.join(d, st + ".err"))
            if st == "json":
                check_json(name, err, rc, text, problems)
            elif st == "github":
                check_github(name, err, text, problems)
            else:
                check_sarif(name, read(os.path.join(d, st + ".out")), err, rc, text, problems)
    if problems:
        for p in problems:
            print("FAIL diag " + p)
        sys.exit(1)
    print(f"{cases} cases' diagnostics, {styles} runs in json/github/sarif: all well-formed")


main()
