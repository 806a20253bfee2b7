#!/usr/bin/env python3
"""Checks an SVG written with its text as <text> (--svg-text) against the
--dump-layout of the same drawing:

    svgtext.py FILE.svg LAYOUT [LANG]

The SVG must be well-formed XML with at least one <text>, no marker of the
writer left (the colour that stands for a text while cairo draws), every
<text> with a font-family, font-size and fill, and, if LANG is given,
xml:lang="LANG" on the root. Every text item of the layout (page 1) must be
found whole in one <text> element: its characters in logical order,
ignoring white space and bidi controls (lines are separate tspans; an
ellipsized text must begin one). Prints what is wrong and exits 1."""
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IGNORED = re.compile("[\\s\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad]")


def unquote(q):
    out, i = [], 0
    while i < len(q):
        c = q[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = q[i + 1]
        if n in "nrt":
            out.append({"n": "\n", "r": "\r", "t": "\t"}[n])
            i += 2
        elif n == "x":
            out.append(chr(int(q[i + 2:i + 4], 16)))
            i += 4
        elif n == "u":
            out.append(chr(int(q[i + 2:i + 6], 16)))
            i += 6
        else:
            out.append(n)
            i += 2
    return "".join(out)


def norm(s):
    return IGNORED.sub("", s)


def main():
    svg, layout = sys.argv[1], sys.argv[2]
    lang = sys.argv[3] if len(sys.argv) > 3 else None
    errors = []
    raw = open(svg, encoding="utf-8").read()
    if "0.392157%,0.784314%,1.176471%" in raw:
        errors.append("a text marker is left in the SVG")
    root = ET.fromstring(raw)
    if lang and root.get(XML_LANG) != lang:
        errors.append("root xml:lang is %r, expected %r" % (root.get(XML_LANG), lang))
    texts = []
    for t in root.iter(SVG + "text"):
        for a in ("font-family", "font-size", "fill"):
            if not t.get(a):
                errors.append("<text> without %s: %s" % (a, "".join(t.itertext())[:40]))
        texts.append(norm("".join(t.itertext())))
    if not texts:
        errors.append("no <text> element")
    items = 0
    for line in open(layout, encoding="utf-8"):
        if line.startswith("page ") and items:
            break  # the first page only, as the SVG
        if not line.startswith("text "):
            continue
        m = re.search(r'"((?:[^"\\]|\\.)*)"', line)
        if not m:
            continue
        items += 1
        want = norm(unquote(m.group(1)))
        cut = line.rstrip().endswith("ellipsized") or want.endswith("…")
        if cut:
            head = want.rstrip("…")[:3]
            ok = any(t.startswith(head) for t in texts)
        else:
            ok = want in texts
        if not ok:
            errors.append("text %r is not one <text>" % m.group(1))
    if items == 0:
        errors.append("no text item in the layout")
    for e in errors[:10]:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
