#!/usr/bin/env bash
# The web explorer end to end in a real browser: `t4j serve` with a GPT-2 folder (the golden tiny gpt2-lm plus a
# byte-level BPE tokenizer trained here by `t4j train tokenizer`) and the built-in all-MiniLM-L6-v2, driven in
# headless Chromium by server/src/test/e2e/explorer.mjs. Installs what it needs when missing: Debian's chromium
# (apt-get, as root) and npm playwright-core (into server/target/e2e; Playwright downloads no browser of its own).
# Output: server/target/e2e/explorer.png (and explorer-minilm.png), the server's log in server/target/e2e/server.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
E2E="$PWD/server/target/e2e"
mkdir -p "$E2E"

say() { echo "browser-test: $*" >&2; }

apt_install() { # apt_install PACKAGE...: as root, or fail saying what to run
  if [ "$(id -u)" != 0 ]; then
    say "needs the Debian package(s) $* and is not root: run 'apt-get install -y $*' as root first"
    exit 1
  fi
  say "installing $* (apt-get)"
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; } >"$E2E/apt.log" 2>&1; then
    tail -n 5 "$E2E/apt.log" >&2
    say "apt-get install $* failed (whole log: $E2E/apt.log)"
    exit 1
  fi
}

[ -x /usr/bin/chromium ] || apt_install chromium
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
cp server/src/test/e2e/package.json "$E2E/package.json"
if [ ! -f "$E2E/node_modules/playwright-core/package.json" ]; then
  say "installing playwright-core (npm)"
  (cd "$E2E" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error) \
    || { say "npm install playwright-core failed"; exit 1; }
fi

export T4J_HOME="$E2E/t4j-home"
GPT2="$E2E/models/gpt2-lm"
rm -rf "$GPT2" && mkdir -p "$GPT2"
cp models/src/test/resources/golden/gpt2-lm/* "$GPT2/"
# the golden checkpoint has 1000 ids and no tokenizer: train one of at most 1000 tokens on the README
# (into a folder of its own: --out never writes into a folder that holds other files), then copy it beside the model
rm -rf "$E2E/gpt2-tokenizer"
./t4j train tokenizer --files README.md --vocab-size 1000 --special-tokens '<|endoftext|>' --out "$E2E/gpt2-tokenizer" \
  >"$E2E/tokenizer.log"
cp "$E2E/gpt2-tokenizer/tokenizer.json" "$E2E/gpt2-tokenizer/tokenizer_config.json" "$GPT2/"

./t4j serve --port 0 --model "$GPT2" >"$E2E/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 600); do
  URL="$(sed -n 's/^t4j explorer: \(http[^ ]*\).*/\1/p' "$E2E/server.log" | head -n 1)"
  [ -n "$URL" ] && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$E2E/server.log" >&2; say "t4j serve exited before listening"; exit 1; }
  sleep 0.5
done
[ -n "$URL" ] || { say "t4j serve printed no URL within 300 s (log: $E2E/server.log)"; exit 1; }
say "explorer at $URL"

E2E_DIR="$E2E" node server/src/test/e2e/explorer.mjs "$URL" "$E2E/explorer.png"
