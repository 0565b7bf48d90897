#!/usr/bin/python3
# Checks of the translations, run by meson test (suite "po").
#
# Copyright 2026 The PST Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.py [--srcdir DIR] CHECK
#   translated  every po/<lang>.po of po/LINGUAS is complete: no untranslated
#               and no fuzzy messages, and msgfmt --check (formats, header)
#               is clean.
#   msgids      every message in the sources listed in po/POTFILES.in (a
#               fresh template made with xgettext, as meson's glib preset
#               does) has a translation in every po/<lang>.po (msgcmp).
#   potfiles    po/POTFILES.in lists every source file with translatable
#               strings, and every file it lists exists.
#
# Exits 0 on success, 1 on failure, 77 (skip) when a gettext tool is missing.
# The tools can be given in the environment as MSGFMT, XGETTEXT and MSGCMP.

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# The same keywords and flags as meson's i18n.gettext(preset: 'glib'), plus
# the arguments po/meson.build adds.
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments=Translators',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

# Calls that mark a string for translation in C: the marker, then a string
# literal as its first argument or after a domain argument (so the macros
# that define _() themselves do not count).
C_MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])'
    r'(?:_|N_|C_|NC_|Q_|g_dgettext|g_dcgettext|g_dngettext|g_dpgettext2?'
    r'|gettext|dgettext|dcgettext|ngettext|dngettext|pgettext|npgettext)'
    r'\s*\(\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*,\s*)?"')
C_COMMENTS = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
UI_MARKER = re.compile(r'translatable\s*=\s*["\']yes["\']')
XML_COMMENTS = re.compile(r'<!--.*?-->', re.S)
# Keys and elements that are translatable without any marker.
DESKTOP_KEYS = re.compile(r'^(?:Name|GenericName|Comment|Keywords|X-GNOME-FullName)\s*=',
                          re.M)
METAINFO_ELEMENTS = re.compile(r'<(?:name|summary|description|keyword|caption)\b')


def fail(message):
    print('FAIL: ' + message)
    return 1


def skip(message):
    print('SKIP: ' + message)
    return SKIP


def tool(name, env_var):
    path = os.environ.get(env_var) or shutil.which(name)
    if path and os.access(path, os.X_OK):
        return path
    return None


def run(argv, cwd=None):
    print('$ ' + ' '.join(argv))
    return subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, env=dict(os.environ, LC_ALL='C.UTF-8'))


def read_list(path):
    """The non-empty, non-comment lines of a LINGUAS or POTFILES.in file."""
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.extend(line.split())
    return entries


def languages(srcdir):
    return read_list(os.path.join(srcdir, 'po', 'LINGUAS'))


def check_translated(srcdir):
    msgfmt = tool('msgfmt', 'MSGFMT')
    if not msgfmt:
        return skip('msgfmt not found; install gettext')
    failures = 0
    for lang in languages(srcdir):
        po = os.path.join(srcdir, 'po', lang + '.po')
        if not os.path.isfile(po):
            failures += fail('po/%s.po is missing (listed in po/LINGUAS)' % lang)
            continue
        result = run([msgfmt, '--check', '--check-format', '--check-header',
                      '--statistics', '-o', os.devnull, po])
        print(result.stdout, end='')
        if result.returncode != 0:
            failures += fail('msgfmt --check found errors in po/%s.po' % lang)
        counts = {}
        for kind in ('translated', 'fuzzy', 'untranslated'):
            m = re.search(r'(\d+) %s' % kind, result.stdout)
            counts[kind] = int(m.group(1)) if m else 0
        if counts['fuzzy'] or counts['untranslated']:
            failures += fail('po/%s.po has %d fuzzy and %d untranslated messages; '
                             'translate them and drop the fuzzy flags'
                             % (lang, counts['fuzzy'], counts['untranslated']))
        else:
            print('ok: po/%s.po: none of its %d messages is fuzzy or untranslated'
                  % (lang, counts['translated']))
    return 1 if failures else 0


def check_msgids(srcdir):
    xgettext = tool('xgettext', 'XGETTEXT')
    msgcmp = tool('msgcmp', 'MSGCMP')
    if not xgettext or not msgcmp:
        return skip('xgettext or msgcmp not found; install gettext')
    failures = 0
    with tempfile.TemporaryDirectory(prefix='pst-po-') as tmp:
        pot = os.path.join(tmp, 'pst-desk.pot')
        result = run([xgettext] + XGETTEXT_ARGS +
                     ['--package-name=pst-desk', '--directory=' + srcdir,
                      '--files-from=' + os.path.join(srcdir, 'po', 'POTFILES.in'),
                      '--output=' + pot])
        print(result.stdout, end='')
        if result.returncode != 0:
            return fail('xgettext could not extract the messages of po/POTFILES.in')
        if not os.path.exists(pot):
            # xgettext writes nothing when there is no message at all.
            print('ok: no translatable messages in the sources')
            return 0
        for lang in languages(srcdir):
            po = os.path.join(srcdir, 'po', lang + '.po')
            if not os.path.isfile(po):
                failures += fail('po/%s.po is missing (listed in po/LINGUAS)' % lang)
                continue
            # Without --use-fuzzy/--use-untranslated, msgcmp counts fuzzy and
            # untranslated entries of the .po as missing.
            result = run([msgcmp, '--no-fuzzy-matching', po, pot])
            print(result.stdout, end='')
            if result.returncode != 0:
                missing = sum(result.stdout.count(text) for text in (
                    'this message is used but not defined',
                    'this message needs to be reviewed by the translator',
                    'this message is untranslated'))
                failures += fail('po/%s.po lacks a (non-fuzzy) translation of %d message(s) '
                                 'of the sources, listed above; translate them in po/%s.po'
                                 % (lang, missing, lang))
            else:
                print('ok: po/%s.po translates every message of the sources' % lang)
    return 1 if failures else 0


def has_translatable(path):
    name = os.path.basename(path)
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return False
    if name.endswith(('.c', '.h')):
        return bool(C_MARKERS.search(C_COMMENTS.sub('', text)))
    if name.endswith('.desktop.in'):
        return bool(DESKTOP_KEYS.search(text))
    if name.endswith(('.metainfo.xml.in', '.appdata.xml.in')):
        return bool(METAINFO_ELEMENTS.search(XML_COMMENTS.sub('', text)))
    if name.endswith(('.ui', '.in', '.xml')):
        text = XML_COMMENTS.sub('', text)
        return bool(UI_MARKER.search(text) or C_MARKERS.search(text))
    return False


def candidates(srcdir):
    """Source files that may hold translatable strings, relative to srcdir."""
    found = []
    src = os.path.join(srcdir, 'src')
    for root, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        for name in sorted(files):
            if name.endswith(('.c', '.h', '.ui')):
                found.append(os.path.relpath(os.path.join(root, name), srcdir))
    data = os.path.join(srcdir, 'data')
    if os.path.isdir(data):
        for name in sorted(os.listdir(data)):
            if name.endswith('.in') and os.path.isfile(os.path.join(data, name)):
                found.append(os.path.join('data', name))
    return found


def check_potfiles(srcdir):
    potfiles_in = os.path.join(srcdir, 'po', 'POTFILES.in')
    listed = read_list(potfiles_in)
    failures = 0
    for entry in listed:
        if not os.path.isfile(os.path.join(srcdir, entry)):
            failures += fail('po/POTFILES.in lists %s, which does not exist' % entry)
    listed_set = set(os.path.normpath(e) for e in listed)
    missing = [path for path in candidates(srcdir)
               if has_translatable(os.path.join(srcdir, path))
               and os.path.normpath(path) not in listed_set]
    for path in missing:
        failures += fail('%s has translatable strings but is not in po/POTFILES.in' % path)
    if failures:
        return 1
    print('ok: po/POTFILES.in lists all %d files with translatable strings' % len(listed))
    return 0


def main():
    parser = argparse.ArgumentParser(description='Checks of the PST Desk translations.')
    parser.add_argument('--srcdir', default=os.path.join(os.path.dirname(__file__), '..', '..'),
                        help='the project source root')
    parser.add_argument('check', choices=['translated', 'msgids', 'potfiles'])
    args = parser.parse_args()
    srcdir = os.path.abspath(args.srcdir)
    checks = {
        'translated': check_translated,
        'msgids': check_msgids,
        'potfiles': check_potfiles,
    }
    return checks[args.check](srcdir)


if __name__ == '__main__':
    sys.exit(main())
