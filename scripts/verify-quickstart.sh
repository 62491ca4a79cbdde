#!/usr/bin/env bash
# Proves the README's quick start: a fresh clone, `npm ci && npm run demo`, then a demo user signs
# in at http://localhost:3000. Runs a second `npm run demo` on the same data to prove it idempotent.
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
chmod 711 "$work"
git clone -q "$repo" "$work/tianshan"
cd "$work/tianshan"
demo_pid=
cleanup() {
  [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null && wait "$demo_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_demo() {
  # A fresh process group, so that stopping it stops Next and PostgreSQL with it.
  setsid bash -c "$1" >"$work/demo.log" 2>&1 &
  demo_pid=$!
  for _ in $(seq 1 600); do
    curl -fsS http://localhost:3000/api/trpc/health.ping >/dev/null 2>&1 && return 0
    kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo.log"; echo "demo exited early"; return 1; }
    sleep 1
  done
  cat "$work/demo.log"; echo "demo did not answer within 600 s"; return 1
}

stop_demo() {
  kill -TERM -- "-$demo_pid" 2>/dev/null || true
  wait "$demo_pid" 2>/dev/null || true
  demo_pid=
}

sign_in_as_admin() {
  local jar="$work/cookies"
  rm -f "$jar"
  local csrf
  csrf=$(curl -fsS -c "$jar" http://localhost:3000/api/auth/csrf | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).csrfToken')
  curl -fsS -b "$jar" -c "$jar" -o /dev/null -X POST http://localhost:3000/api/auth/callback/credentials \
    --data-urlencode "csrfToken=$csrf" --data-urlencode "email=admin@example.org" \
    --data-urlencode "password=precursor-demo-2026" --data-urlencode "json=true"
  # Administrators need their second factor: the demo authenticator's code. A code works once, so
  # a second sign-in within the same 30 seconds takes the next step's code.
  local code steps
  for steps in 0 1; do
    code=$(node -e 'const { authenticator } = require("otplib"); console.log(authenticator.clone({ epoch: Date.now() + 30000 * Number(process.argv[2]) }).generate(process.argv[1]))' KRUWC3TTNBQW4LLEMVWW6LLUN52HALLTMVRXEZLU "$steps")
    curl -fsS -b "$jar" -c "$jar" -o /dev/null -X POST http://localhost:3000/api/trpc/mfa.verify \
      -H "Content-Type: application/json" -H "Origin: http://localhost:3000" --data "{\"json\":{\"code\":\"$code\"}}" && break
  done
  curl -fsS -b "$jar" http://localhost:3000/ | grep -q "Platform Administrator"
}

start_demo "npm ci --no-audit --no-fund >/dev/null && npm run demo"
sign_in_as_admin
echo "quick start: demo serves http://localhost:3000 and admin@example.org signs in"
stop_demo

# Stop and start again: the data is still there and nothing is seeded twice.
start_demo "npm run demo"
sign_in_as_admin
count=$(PGPASSWORD=$(cat .data/pg.password) psql -h 127.0.0.1 -p 54329 -U postgres -d tianshan -tAc "SELECT count(*) FROM users WHERE email = 'admin@example.org'")
[ "$count" = 1 ] || { echo "demo seeded twice: $count admins"; exit 1; }
echo "quick start: restarted on the same data, sign-in still works, nothing duplicated"
stop_demo

# The demo's audit log (sign-ins, seeding) verifies on the same data, with the app stopped.
npm run --silent audit:verify
echo "quick start: npm run audit:verify proves the demo's audit chain intact"
