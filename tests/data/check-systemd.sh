#!/bin/bash
# Checks data/pst-server.service with systemd-analyze (suite "data").
#
# Copyright 2026 The PST Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-systemd.sh SYSTEMD_ANALYZE UNIT
# Exits 77 (skip) when systemd-analyze cannot verify units here (no systemd,
# an old version, a sandbox without /proc), 0 when the unit is clean.
set -uo pipefail

analyze=$1
unit=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

# Can this systemd-analyze verify anything at all, without a running systemd?
cat > "$tmp/pst-probe.service" <<'UNIT'
[Service]
ExecStart=/bin/true
UNIT
"$analyze" verify --man=no "$tmp/pst-probe.service" > "$tmp/probe.log" 2>&1 ||
  { cat "$tmp/probe.log"; skip "systemd-analyze verify does not work here"; }

# The directives the deployment relies on.
for directive in \
    'ExecStart=/usr/bin/pst-server --db /var/lib/pst-server/pst.db --listen 0.0.0.0:8470 --config /etc/pst-server/pst-server.conf' \
    'DynamicUser=yes' 'StateDirectory=pst-server' 'ProtectSystem=strict' 'ProtectHome=yes' \
    'PrivateTmp=yes' 'NoNewPrivileges=yes' 'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' \
    'Restart=on-failure' 'KillSignal=SIGTERM' 'WantedBy=multi-user.target'; do
  grep -qxF "$directive" "$unit" || fail "$unit lacks the line '$directive'"
done
grep -q '^TimeoutStopSec=' "$unit" || fail "$unit sets no TimeoutStopSec"

# pst-server is not installed where the tests run: verify a copy that starts
# an executable that exists, everything else unchanged. Any message counts.
sed 's|^ExecStart=/usr/bin/pst-server |ExecStart=/bin/true |' "$unit" > "$tmp/pst-server.service"
echo "\$ $analyze verify --man=no pst-server.service"
"$analyze" verify --man=no "$tmp/pst-server.service" > "$tmp/verify.log" 2>&1
status=$?
cat "$tmp/verify.log"
[ $status -eq 0 ] || fail "systemd-analyze verify rejects $unit"
[ -s "$tmp/verify.log" ] && fail "systemd-analyze verify has complaints about $unit"

# The sandbox stays tight: the overall exposure must stay at most 2.0 ("OK").
if "$analyze" security --help 2>&1 | grep -q -- '--threshold'; then
  echo "\$ $analyze security --offline=yes --threshold=20 pst-server.service"
  "$analyze" security --offline=yes --threshold=20 --no-pager "$tmp/pst-server.service" \
    > "$tmp/security.log" 2>&1
  status=$?
  tail -n 2 "$tmp/security.log"
  [ $status -eq 0 ] || { cat "$tmp/security.log"; fail "the sandbox of $unit got weaker (exposure above 2.0)"; }
fi

echo "ok: $unit verifies cleanly"
