#!/usr/bin/env python3
"""Writes a .resx pair (English neutral + zh-CN) from a tab-separated source: key<TAB>English<TAB>中文.
Usage: tools/resx.py KnowledgeHub.Web/Resources/Strings.tsv  ->  Strings.resx + Strings.zh-CN.resx beside it.
The .tsv is the one file to edit; the .resx files are generated from it and committed for the build."""
import sys, os
from xml.sax.saxutils import escape

HEAD = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def main(src):
    rows, seen = [], set()
    for n, line in enumerate(open(src, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        parts = line.split('\t')
        if len(parts) != 3:
            sys.exit(f"{src}:{n}: expected key<TAB>English<TAB>Chinese")
        if parts[0] in seen:
            sys.exit(f"{src}:{n}: duplicate key {parts[0]}")
        seen.add(parts[0])
        rows.append(parts)
    base = os.path.splitext(src)[0]
    for suffix, col in (('', 1), ('.zh-CN', 2)):
        with open(f"{base}{suffix}.resx", 'w', encoding='utf-8') as f:
            f.write(HEAD)
            for r in rows:
                f.write(f'  <data name="{escape(r[0])}" xml:space="preserve"><value>{escape(r[col])}</value></data>\n')
            f.write('</root>\n')
    print(f"{len(rows)} strings -> {base}.resx, {base}.zh-CN.resx")

if __name__ == '__main__':
    main(sys.argv[1])
