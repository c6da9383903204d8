#!/usr/bin/env bash
# Proves a generated client can use the OpenAPI document: generates a Python client with
# openapi-python-client from the served /openapi.json, then signs in and lists clients with it
# against a server on a temporary SQLite database.
#
#   bash bench/openapi-client.sh          # make openapi-client; needs pip install openapi-python-client
set -euo pipefail
cd "$(dirname "$0")/.."
command -v openapi-python-client >/dev/null || {
  echo "openapi-python-client is missing: pip install openapi-python-client" >&2; exit 2; }
WORK=$(mktemp -d)
PASSWORD="client-password-0123456789"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
API=
cleanup() { [ -n "$API" ] && kill "$API" 2>/dev/null && wait "$API" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

cargo build -q -p migration -p seed -p api
export DATABASE_URL="sqlite://$WORK/client.db?mode=rwc"
./target/debug/migration up >/dev/null
SEED_DEFAULT_PASSWORD=$PASSWORD ./target/debug/seed >/dev/null
PORT=$PORT RUST_LOG=error ./target/debug/api &
API=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/openapi.json" > "$WORK/openapi.json"
(cd "$WORK" && openapi-python-client generate --path openapi.json --meta none --output-path lexbase_client >/dev/null)
PYTHONPATH="$WORK" BASE="http://127.0.0.1:$PORT" PASSWORD=$PASSWORD python3 - <<'PY'
import os
from lexbase_client import Client, AuthenticatedClient
from lexbase_client.api.auth import login
from lexbase_client.api.clients import list_
from lexbase_client.models import Credentials

base = os.environ["BASE"]
token = login.sync(client=Client(base_url=base),
                   body=Credentials(email="amit.sharma@legalindia.ai", password=os.environ["PASSWORD"]))
assert token is not None and token.token, token
clients = list_.sync(client=AuthenticatedClient(base_url=base, token=token.token))
assert clients and all(c.name for c in clients), clients
print(f"generated client: signed in and listed {len(clients)} clients as typed Client models")
PY
