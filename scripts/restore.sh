#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Restore a backup made by scripts/backup.sh into an EMPTY database, then check it:
# every migration of this version must be applied (`binnenboord migrate --check`) and the
# main tables are counted. See docs/beheer.md ("Terugzetten en de hersteloefening").
#
#   scripts/restore.sh BESTAND.dump postgres://binnenboord@localhost/binnenboord_hersteld
#
# The target must exist and be empty (createdb -O binnenboord binnenboord_hersteld); the
# restore runs in one transaction, so on any error the target stays empty. PG_BINDIR picks the
# pg_restore/psql of a given PostgreSQL version; BINNENBOORD is the command used for the
# migration check (default: binnenboord on PATH, else .venv/bin/binnenboord); set
# OVERSLAAN_MIGRATIECHECK=1 to skip it (e.g. restoring on a machine without the application).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "gebruik: $0 BESTAND.dump DOEL-DATABASE-URL" >&2
    exit 2
fi
BESTAND="$1"
DOEL="$2"
PG_RESTORE="${PG_BINDIR:+$PG_BINDIR/}pg_restore"
PSQL="${PG_BINDIR:+$PG_BINDIR/}psql"

[[ -r "$BESTAND" ]] || { echo "kan $BESTAND niet lezen" >&2; exit 2; }

tabellen=$("$PSQL" --dbname="$DOEL" -At -c \
    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [[ "$tabellen" != "0" ]]; then
    echo "de doeldatabase is niet leeg ($tabellen tabellen): kies een lege database" >&2
    exit 1
fi

"$PG_RESTORE" --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DOEL" "$BESTAND"
echo "teruggezet: $BESTAND"

if [[ "${OVERSLAAN_MIGRATIECHECK:-0}" != "1" ]]; then
    hier="$(cd "$(dirname "$0")/.." && pwd)"
    BINNENBOORD="${BINNENBOORD:-$(command -v binnenboord || echo "$hier/.venv/bin/binnenboord")}"
    DATABASE_URL="$DOEL" "$BINNENBOORD" migrate --check >/dev/null \
        || { echo "migraties ontbreken of wijken af: deze back-up hoort bij een andere versie" >&2; exit 1; }
    echo "migraties: alle toegepast"
fi

"$PSQL" --dbname="$DOEL" -At -F $'\t' <<'SQL'
SELECT 'leerlingen', count(*) FROM registratie_leerling
UNION ALL SELECT 'verzuimdagen', count(*) FROM registratie_verzuim
UNION ALL SELECT 'signalen', count(*) FROM signalering_signaal
UNION ALL SELECT 'casussen', count(*) FROM regie_casus
UNION ALL SELECT 'inzagelog', count(*) FROM verantwoording_inzage;
SQL
