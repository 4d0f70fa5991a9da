#!/usr/bin/env bash
# Writes deploy/compose/.env with this deployment's own secrets (docker compose reads it). The services refuse to start
# with any secret that ships with docketsync, so compose needs these; keep the file out of version control.
#   deploy/compose/make-secrets.sh            create .env unless it exists
#   deploy/compose/make-secrets.sh --force    replace it (users must reconnect: their tokens were sealed with the old key)
set -euo pipefail
cd "$(dirname "$0")"
if [[ -f .env && "${1:-}" != "--force" ]]; then echo "deploy/compose/.env exists; --force replaces it"; exit 0; fi
rand() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }
umask 077
cat > .env <<ENV
DOCKETSYNC_DB_PASSWORD=$(rand 24 | tr '+/' '-_')
DOCKETSYNC_INTERNAL_CREDENTIAL=$(rand 32 | tr '+/' '-_' | tr -d '=')
DOCKETSYNC_CONNECTOR_TOKEN_KEYS=compose=$(rand 32)
DOCKETSYNC_CONNECTOR_ACTIVE_KEY_ID=compose
DOCKETSYNC_ENTRA_CLIENT_SECRET=$(rand 24 | tr '+/' '-_')
DOCKETSYNC_JWT_ISSUER=docketsync-compose
ENV
echo "wrote deploy/compose/.env"
