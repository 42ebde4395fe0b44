#!/usr/bin/env bash
# Regenerates cast-vectors.json (the signed-request test vectors, docs/auth.md) with Foundry's cast.
# Usage, from the repository root:
#   common/src/test/resources/auth/gen-cast-vectors.sh > common/src/test/resources/auth/cast-vectors.json
# Needs cast (contracts/node_modules/.bin, or CAST=/path/to/cast), jq and sha256sum.
# The keys are anvil's well-known public dev keys (accounts 0, 1, 2); never use them for real funds.
set -euo pipefail
CAST="${CAST:-$(cd "$(dirname "$0")/../../../../.." && pwd)/contracts/node_modules/.bin/cast}"
K0=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
K1=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d
K2=0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a

# name | key | method | path with query | timestamp | body ("-" = no body)
VECTORS=(
  "get-with-query-no-body|$K0|GET|/api/v1/vms?async=true|1700000000|-"
  "post-json-body|$K1|POST|/api/v1/vms|1732190400|{\"name\":\"vm-1\",\"stream_id\":42,\"resources\":{\"cpu\":2,\"memory\":4,\"storage\":20}}"
  "delete-empty-body|$K2|DELETE|/api/v1/vms/vm-1|1732190460|"
  "post-non-ascii-body|$K0|POST|/api/v1/advertisements|1763683200|{\"provider_name\":\"Zürich-プロバイダ ✓\",\"country\":\"CH\",\"note\":\"naïve café – 10 €\"}"
  "get-encoded-query|$K1|GET|/api/v1/vms?owner=0x70997970C51812dc3A010C7d01b50e0d17dc79C8&name=a%20b&sort=-created|1763683261|-"
)

out='[]'
for v in "${VECTORS[@]}"; do
  IFS='|' read -r name key method path ts body <<<"$v"
  if [ "$body" = "-" ]; then bodyjson=null; hash=$(printf '' | sha256sum | cut -d' ' -f1)
  else bodyjson=$(jq -n --arg b "$body" '$b'); hash=$(printf '%s' "$body" | sha256sum | cut -d' ' -f1); fi
  message=$(printf 'golem-vm:v1\n%s\n%s\n%s\n%s' "$method" "$path" "$ts" "$hash")
  sig=$("$CAST" wallet sign --private-key "$key" "$message")
  addr=$("$CAST" wallet address --private-key "$key")
  out=$(jq --arg name "$name" --arg key "$key" --arg addr "$addr" --arg method "$method" --arg path "$path" \
           --arg ts "$ts" --argjson body "$bodyjson" --arg hash "$hash" --arg message "$message" --arg sig "$sig" \
     '. + [{name:$name, private_key:$key, address:$addr, method:$method, path:$path, timestamp:($ts|tonumber),
            body:$body, body_sha256:$hash, message:$message, signature:$sig}]' <<<"$out")
done

jq -n --arg by "$("$CAST" --version | head -1 | sed 's/^cast Version: /cast /'): common/src/test/resources/auth/gen-cast-vectors.sh, i.e. for each vector: cast wallet sign --private-key <private_key> \"<message>\" (EIP-191 personal_sign) and cast wallet address --private-key <private_key>" \
      --argjson vectors "$out" \
  '{generated_by:$by, spec:"docs/auth.md (golem-vm v1 signed requests)", note:"body null = request without body; body strings are hashed as UTF-8 bytes", vectors:$vectors}'
