#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Backup of the Binnenboord database: one pg_dump in custom format (compressed, restorable
# table by table with pg_restore), named with the date and time, and the oldest copies beyond
# BEWAAR removed. See docs/beheer.md ("Back-ups").
#
#   DATABASE_URL=postgres://binnenboord@localhost/binnenboord scripts/backup.sh [MAP]
#
# MAP defaults to $BACKUP_MAP or /var/backups/binnenboord. BEWAAR (default 14) is the number
# of copies kept. PG_BINDIR picks the pg_dump of a given PostgreSQL version. The dump is first
# written under a temporary name and renamed when complete, so a copy with the final name is
# never half written; the retention step counts only complete copies.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL ontbreekt (postgres://gebruiker@host:poort/database)}"
MAP="${1:-${BACKUP_MAP:-/var/backups/binnenboord}}"
BEWAAR="${BEWAAR:-14}"
PG_DUMP="${PG_BINDIR:+$PG_BINDIR/}pg_dump"

if ! [[ "$BEWAAR" =~ ^[1-9][0-9]*$ ]]; then
    echo "BEWAAR moet een geheel getal van 1 of meer zijn, niet '$BEWAAR'." >&2
    exit 2
fi
# libpq reads postgres:// and postgresql://; django-environ also accepts pgsql://, libpq not.
URL="${DATABASE_URL/#pgsql:\/\//postgres://}"

mkdir -p "$MAP"
umask 077  # the dump holds personal data of minors: readable by its owner only
naam="binnenboord-$(date +%Y%m%d-%H%M%S).dump"
while [[ -e "$MAP/$naam" ]]; do  # two runs within one second
    sleep 1
    naam="binnenboord-$(date +%Y%m%d-%H%M%S).dump"
done
tijdelijk="$MAP/.$naam.onvolledig"
trap 'rm -f "$tijdelijk"' EXIT

"$PG_DUMP" --format=custom --no-owner --no-privileges --file="$tijdelijk" --dbname="$URL"
mv "$tijdelijk" "$MAP/$naam"
trap - EXIT
echo "back-up gemaakt: $MAP/$naam ($(du -h "$MAP/$naam" | cut -f1))"

# Retention: keep the newest BEWAAR complete copies (the names sort by date).
mapfile -t kopieen < <(find "$MAP" -maxdepth 1 -name 'binnenboord-*.dump' -printf '%f\n' | sort)
te_veel=$(( ${#kopieen[@]} - BEWAAR ))
for (( i = 0; i < te_veel; i++ )); do
    rm -f -- "$MAP/${kopieen[$i]}"
    echo "oude back-up verwijderd: $MAP/${kopieen[$i]}"
done
