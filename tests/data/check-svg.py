#!/usr/bin/python3
# Checks the application icons (suite "data").
#
# Copyright 2026 The PST Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-svg.py --size N [--symbolic] FILE.svg...
# Each file must be well-formed XML with an <svg> root whose viewBox is
# "0 0 N N", hold no text, raster images or external references; a symbolic
# icon must also be a single colour (#241f31 or currentColor, which GTK
# recolours) without gradients, filters or opacity tricks.

import argparse
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
XLINK_HREF = '{http://www.w3.org/1999/xlink}href'
SYMBOLIC_COLOURS = {'#241f31', 'currentcolor', 'none'}
PAINT_PROPERTIES = ('fill', 'stroke', 'stop-color', 'color', 'flood-color', 'lighting-color')


def paints(element):
    """The colour values an element sets, from attributes and its style."""
    found = []
    for name in PAINT_PROPERTIES:
        if name in element.attrib:
            found.append(element.attrib[name])
    for declaration in element.attrib.get('style', '').split(';'):
        if ':' in declaration:
            name, value = declaration.split(':', 1)
            if name.strip() in PAINT_PROPERTIES:
                found.append(value.strip())
    return found


def check(path, size, symbolic):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        return ['not well-formed XML: %s' % e]
    if root.tag != SVG + 'svg':
        return ['the root element is %s, not an SVG <svg>' % root.tag]
    view_box = root.attrib.get('viewBox', '').replace(',', ' ').split()
    if view_box != ['0', '0', str(size), str(size)]:
        problems.append('viewBox is "%s", expected "0 0 %d %d"'
                        % (root.attrib.get('viewBox', ''), size, size))
    for element in root.iter():
        tag = element.tag.replace(SVG, '')
        if tag in ('text', 'tspan', 'textPath', 'image', 'foreignObject', 'script'):
            problems.append('contains a <%s> element' % tag)
        href = element.attrib.get('href') or element.attrib.get(XLINK_HREF)
        if href and not href.startswith('#'):
            problems.append('refers to an external resource: %s' % href)
        for value in paints(element):
            if re.match(r'url\(\s*[^#)]', value):
                problems.append('refers to an external paint: %s' % value)
        if symbolic:
            if tag in ('linearGradient', 'radialGradient', 'filter', 'mask', 'pattern'):
                problems.append('a symbolic icon has a <%s>' % tag)
            for value in paints(element):
                if value.lower() not in SYMBOLIC_COLOURS:
                    problems.append('a symbolic icon uses the colour %s; use #241f31' % value)
    if symbolic and not any(paints(e) for e in root.iter()):
        problems.append('a symbolic icon should set fill="#241f31" explicitly')
    return problems


def main():
    parser = argparse.ArgumentParser(description='Checks the PST Desk icons.')
    parser.add_argument('--size', type=int, required=True)
    parser.add_argument('--symbolic', action='store_true')
    parser.add_argument('files', nargs='+')
    args = parser.parse_args()
    failed = False
    for path in args.files:
        problems = check(path, args.size, args.symbolic)
        for problem in problems:
            print('FAIL: %s: %s' % (path, problem))
        if problems:
            failed = True
        else:
            print('ok: %s' % path)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
