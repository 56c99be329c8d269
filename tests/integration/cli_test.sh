#!/usr/bin/env bash
# End-to-end tests of the riskloop command line: every command's happy path, the documented exit
# codes (docs/cli.md), journal export lines, backup -> verify -> restore, and serve's start and
# graceful stop.
#
#   tests/integration/cli_test.sh PATH/TO/riskloop
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

RISKLOOP=$(realpath "${1:?usage: cli_test.sh PATH/TO/riskloop}")
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

source "$HERE/expect.sh"
DB="$WORK/var/demo.db"

# --- init -------------------------------------------------------------------------------
expect 2 init --db "$DB"                       # not --demo: organization and admin required
err_has "missing --org-name, --org-slug, --admin-email, --admin-name"

expect 0 init --db "$DB" --demo
out_has "created organization Corvane Medical (demo) (corvane-demo) with administrator admin@corvane.example"
grep -qE '^admin@corvane\.example \(admin\) password: [A-Za-z0-9_-]{16,}$' out || fail "no generated admin password"
for role in risk_manager engineer quality regulatory vigilance auditor partner; do
  grep -qE "^[a-z.]+@[a-z.-]+ \($role\) password: [A-Za-z0-9_-]{16,}$" out || fail "no $role password"
done
out_has "shown only this once"
[[ -f "$DB" ]] || fail "no database file"

expect 5 init --db "$DB" --demo               # the slug exists: conflict
err_has 'riskloop: init: the database already has an organization "corvane-demo"'
err_has "(at --org-slug)"

RISKLOOP_ADMIN_PASSWORD="correct horse battery staple" \
  expect 0 init --db "$WORK/plain.db" --org-name "Plain Devices" --org-slug plain \
  --admin-email admin@plain.example --admin-name "Pat Admin"
out_has "created organization Plain Devices (plain)"
if grep -q "password:" out; then fail "printed a password that came from the environment"; fi

# --- org --------------------------------------------------------------------------------
expect 0 org list --db "$DB"
out_has "corvane-demo"
expect 0 org add --db "$DB" --name "Second Site" --slug second-site
out_has "created organization Second Site (second-site)"
expect 5 org add --db "$DB" --name "Again" --slug second-site   # duplicate slug
err_has 'slug "second-site"'
expect 3 org add --db "$DB" --name "Bad" --slug "Bad Slug"
err_has "(at --slug)"

# Two organizations now: org-scoped commands need --org, and say which exist.
expect 2 product list --db "$DB"
err_has "choose one of corvane-demo, second-site"
expect 4 product list --db "$DB" --org no-such-org
err_has "(at --org)"

ORG=(--db "$DB" --org corvane-demo)

# --- user -------------------------------------------------------------------------------
expect 0 user list "${ORG[@]}"
for email in admin@corvane.example mei.chen@corvane.example sofia.marquez@polycoat-partner.example; do
  out_has "$email"
done
out_has "risk_manager"

STDIN="a long enough password" expect 0 user add "${ORG[@]}" --email lena.vogt@corvane.example \
  --name "Lena Vogt" --role engineer --password-stdin
out_has "added lena.vogt@corvane.example (Lena Vogt) as engineer"
if grep -q "password:" out; then fail "printed a password read from stdin"; fi

expect 0 user add "${ORG[@]}" --email ravi.iyer@corvane.example --name "Ravi Iyer" --role quality
grep -qE '^ravi\.iyer@corvane\.example password: [A-Za-z0-9_-]{16,}$' out || fail "no generated password"

expect 5 user add "${ORG[@]}" --email lena.vogt@corvane.example --name "Lena Vogt" --role engineer
err_has "already a member"
expect 3 user add "${ORG[@]}" --email x@corvane.example --name X --role wizard
err_has '"wizard" is not one of admin'
err_has "(at --role)"
STDIN="short" expect 3 user add "${ORG[@]}" --email y@corvane.example --name Y --role engineer --password-stdin
err_has "at least 12 characters"

STDIN="another long password" expect 0 user passwd "${ORG[@]}" --email lena.vogt@corvane.example --password-stdin
out_has "changed the password of lena.vogt@corvane.example"
expect 0 user passwd "${ORG[@]}" --email lena.vogt@corvane.example
grep -qE '^lena\.vogt@corvane\.example password: [A-Za-z0-9_-]{16,}$' out || fail "no generated password"
expect 4 user passwd "${ORG[@]}" --email nobody@corvane.example
err_has "(at --email)"

# --- invitations: an account of another organization is invited, never taken over ---------
STDIN="a long enough password" expect 0 user add --db "$DB" --org second-site \
  --email sam@second.example --name "Sam Second" --role admin --password-stdin
expect 0 user add "${ORG[@]}" --as admin@corvane.example --email sam@second.example --name "Sam" --role engineer
out_has "belongs to another organization: invited as engineer"
INVITATION=$(sed -n 's/.*(invitation \([^)]*\)).*/\1/p' out)
[[ -n "$INVITATION" ]] || fail "no invitation id"
expect 0 invitation list "${ORG[@]}" --as admin@corvane.example
out_has "sam@second.example"
out_has "pending"
expect 2 invitation mine --db "$DB" --org second-site
err_has "(at --as)"
expect 0 invitation mine --db "$DB" --org second-site --as sam@second.example
out_has "Corvane Medical (demo)"
expect 4 invitation accept "${ORG[@]}" --as admin@corvane.example --id "$INVITATION"
expect 0 invitation accept --db "$DB" --org second-site --as sam@second.example --id "$INVITATION"
out_has "now a member as engineer"
# Sam belongs to two organizations now: Corvane's admin may not set his password.
expect 6 user passwd "${ORG[@]}" --as admin@corvane.example --email sam@second.example
err_has "also belongs to another organization"

# --- token ------------------------------------------------------------------------------
expect 0 token create "${ORG[@]}" --user mei.chen@corvane.example --name "ERP nightly export" --expires-days 30
out_has 'created API token'
grep -qE '^token secret: rl_[A-Za-z0-9_-]{40,}$' out || fail "no token secret"
SECRET=$(sed -n 's/^token secret: //p' out)
expect 0 token list "${ORG[@]}"
out_has "ERP nightly export"
out_has "${SECRET:0:10}"
if grep -qF -- "$SECRET" out; then fail "token list shows the secret"; fi
TOKEN_ID=$(awk '/ERP nightly export/ {print $1}' out)
expect 3 token create "${ORG[@]}" --user mei.chen@corvane.example --name "too long" --expires-days 9999
err_matches "9999 days is not allowed: must be 1 to 365 days \(at --expires-(in-)?days\)"
expect 4 token create "${ORG[@]}" --user nobody@corvane.example --name "x"
expect 0 token revoke "${ORG[@]}" --id "$TOKEN_ID"
out_has "revoked API token $TOKEN_ID"
expect 5 token revoke "${ORG[@]}" --id "$TOKEN_ID"
err_has "already revoked"
expect 4 token revoke "${ORG[@]}" --id 00000000-0000-7000-8000-000000000000

# --- product ----------------------------------------------------------------------------
expect 0 product add "${ORG[@]}" --name "Corvane SX 2.75 x 23 mm" --family "Drug-eluting coronary stents" \
  --model "CSX-2723" --description "Longer variant for diffuse lesions."
out_has "added product Corvane SX 2.75 x 23 mm (CSX-2723)"
expect 0 product list "${ORG[@]}"
out_has "CSX-2723"
out_has "Sirolimus drug substance"
out_has "Corvane Glide PTCA balloon dilatation catheter"
# A Chinese name takes two terminal columns per character: the next column still lines up.
expect 0 product add "${ORG[@]}" --name "支架内血栓 stent" --model CN-01
expect 0 product list "${ORG[@]}"
header=$(grep '^ID' out)
row=$(grep 'CN-01' out | perl -CS -pe 's/\p{East_Asian_Width=Wide}/xx/g')
before_header=${header%%MODEL*}
before_row=${row%%CN-01*}
[[ ${#before_header} -eq ${#before_row} ]] ||
  fail "MODEL column at ${#before_header} in the header but at ${#before_row} in the Chinese row"
expect 0 product list "${ORG[@]}" --format json
out_has '"model": "CSX-2723"'
out_has '"family": "PTCA balloon catheters"'
expect 3 product add "${ORG[@]}" --name ""
err_has "riskloop: product add:"
err_has "(at --name)"
expect 6 product add "${ORG[@]}" --as hugo.laurent@corvane.example --name "Auditors write nothing"
err_has "auditor"
expect 0 product add "${ORG[@]}" --as tomasz.nowak@corvane.example --name "Corvane SX 4.00 x 38 mm" --model CSX-4038
expect 4 product add "${ORG[@]}" --as nobody@corvane.example --name "x"

# --- usage errors (CLI11) ---------------------------------------------------------------
expect 2 product add "${ORG[@]}"                  # --name missing
err_has "--name is required"
expect 2 product list "${ORG[@]}" --format xml
expect 2 product list "${ORG[@]}" --no-such-option
expect 2 no-such-command
expect 2
expect 0 --help
out_has "Exit codes:"
expect 0 --version
out_has "riskloop "

# --- not found --------------------------------------------------------------------------
expect 4 verify --db "$WORK/missing.db"
err_has "no database at"
[[ ! -e "$WORK/missing.db" ]] || fail "verify created a database"

# --- verify and journal export ----------------------------------------------------------
expect 0 verify --db "$DB"
grep -qE '^verified [0-9]+ entries, head [0-9a-f]{64}$' out || fail "unexpected verify output"
ENTRIES=$(awk '{print $2}' out)
HEAD=$(awk '{print $5}' out)

expect 0 journal export --db "$DB" --format jsonl
cp out export.jsonl
[[ $(wc -l <export.jsonl) == "$ENTRIES" ]] || fail "export has $(wc -l <export.jsonl) lines, verify counted $ENTRIES"
# Every line one canonical object: keys in order, numbered 1..N, chained, payload an object.
# (Plain POSIX awk: no interval expressions, which mawk lacks.)
awk -v n="$ENTRIES" -v head="$HEAD" '
  function field(name,    start, rest) {
    start = index($0, "\"" name "\":\"")
    if (start == 0) return ""
    rest = substr($0, start + length(name) + 4)
    return substr(rest, 1, index(rest, "\"") - 1)
  }
  function hex64(s) { return length(s) == 64 && s !~ /[^0-9a-f]/ }
  function bad(why) { print "line " NR ": " why; failed = 1; exit 1 }
  {
    if ($0 !~ /^\{"actor":"[^"]*","at":"[0-9T:.-]+Z","entity":"[a-z_]+","entity_id":"[^"]+","hash":"[0-9a-f]+","op":"(create|update|delete)","org_id":"[^"]*","payload":\{.*\},"prev_hash":"[0-9a-f]+","seq":[0-9]+\}$/)
      bad("not a canonical journal entry")
    seq = $0; sub(/.*"seq":/, "", seq); sub(/\}$/, "", seq)
    if (seq != NR) bad("seq " seq ", expected " NR)
    hash = field("hash"); prev = field("prev_hash")
    if (!hex64(hash) || !hex64(prev)) bad("hashes are not 64 hex digits")
    if (NR == 1 && prev != "0000000000000000000000000000000000000000000000000000000000000000") bad("does not start the chain")
    if (NR > 1 && prev != last) bad("does not chain to the line before")
    last = hash
  }
  END { if (!failed && (NR != n || last != head)) { print "export ends at " last " after " NR " lines; verify says " head; exit 1 } }
' export.jsonl >awk.out || { CASE="journal export"; cp awk.out err; fail "export lines"; }
grep -q '"entity":"product"' export.jsonl || fail "no product entries in the export"
# The demo reads like a real project: its history spans months, in order, not one instant.
grep -o '"at":"[0-9-]*' export.jsonl | cut -d'"' -f4 >days
sort -c days || fail "demo entries are not dated in journal order"
SPAN=$(( ($(date -ud "$(tail -1 days)" +%s) - $(date -ud "$(head -1 days)" +%s)) / 86400 ))
(( SPAN >= 150 )) || fail "the demo's history spans $SPAN days"
(( $(sort -u days | wc -l) >= 20 )) || fail "the demo's history has $(sort -u days | wc -l) distinct days"
# ... and each step is recorded by the member whose job it is, not all by the operator.
(( $(grep -o '"actor":"user:[^"]*' export.jsonl | sort -u | wc -l) >= 3 )) || fail "the demo's history names fewer than 3 members"
if grep -q '\$argon2' export.jsonl; then fail "the export holds a password hash"; fi

expect 0 journal export --db "$DB" --out "$WORK/journal.jsonl"
out_has "exported $ENTRIES journal entries to $WORK/journal.jsonl"
cmp -s journal.jsonl export.jsonl || fail "--out differs from standard output"
expect 2 journal export --db "$DB" --format csv

# --- backup -> verify -> restore --------------------------------------------------------
expect 0 backup --db "$DB" --out "$WORK/backup.db"
out_has "backup written to $WORK/backup.db, verified $ENTRIES entries, head $HEAD"
expect 5 backup --db "$DB" --out "$WORK/backup.db"
err_has "already exists"
expect 0 verify --db "$WORK/backup.db"
out_has "verified $ENTRIES entries, head $HEAD"

expect 0 product add "${ORG[@]}" --name "Added after the backup"
expect 5 restore --db "$DB" --from "$WORK/backup.db"       # exists, no --force
err_has "add --force"
expect 4 restore --db "$DB" --from "$WORK/no-backup.db" --force
expect 0 restore --db "$DB" --from "$WORK/backup.db" --force
out_has "restored $DB from $WORK/backup.db, verified $ENTRIES entries, head $HEAD"
expect 0 verify --db "$DB"
out_has "verified $ENTRIES entries, head $HEAD"
expect 0 product list "${ORG[@]}"
if grep -q "Added after the backup" out; then fail "restore kept a change made after the backup"; fi
expect 0 restore --db "$WORK/restored/new.db" --from "$WORK/backup.db"
expect 0 verify --db "$WORK/restored/new.db"
out_has "head $HEAD"
if ls "$WORK/restored" | grep -q restore-; then fail "restore left a temporary file"; fi

# --- serve: ready line, health, restore refused while it runs, graceful stop ------------
"$RISKLOOP" serve --db "$DB" --listen 127.0.0.1:0 --threads 2 --log-format json >serve.out 2>serve.err &
SERVER_PID=$!
for _ in $(seq 100); do
  grep -q "^riskloop listening on http://127.0.0.1:[0-9]" serve.out && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
CASE="serve"
grep -q "^riskloop listening on http://127.0.0.1:[0-9]" serve.out || { cat serve.out serve.err >&2; fail "serve did not start"; }
PORT=$(sed -n 's#^riskloop listening on http://127.0.0.1:\([0-9]*\)$#\1#p' serve.out)
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: cli-check-1\r\nConnection: close\r\n\r\n' >&3
RESPONSE=$(cat <&3)
exec 3<&-
STATUS_LINE=${RESPONSE%%$'\r'*}
[[ "$STATUS_LINE" == "HTTP/1.1 200"* ]] || fail "GET /healthz answered: $STATUS_LINE"
grep -qi $'^X-Request-Id: cli-check-1\r$' <<<"$RESPONSE" || fail "the request id was not echoed"
# --log-format json: the request's line, one JSON object with its fields, and nothing but JSON.
for _ in $(seq 50); do grep -q '"request_id":"cli-check-1"' serve.err && break; sleep 0.1; done
REQUEST_LINE=$(grep '"request_id":"cli-check-1"' serve.err) || { cat serve.err >&2; fail "no log line for the request"; }
for field in '"msg":"request"' '"user":"-"' '"method":"GET"' '"route":"/healthz"' '"status":200' '"duration_ms":'; do
  [[ "$REQUEST_LINE" == *"$field"* ]] || fail "the request's log line lacks $field: $REQUEST_LINE"
done
if grep -qv '^{.*}$' serve.err; then cat serve.err >&2; fail "a log line is not a JSON object"; fi
expect 5 restore --db "$DB" --from "$WORK/backup.db" --force
err_has "is open in another process"
kill -TERM "$SERVER_PID"
rc=0; wait "$SERVER_PID" || rc=$?
SERVER_PID=
CASE="serve stop"
[[ "$rc" == 0 ]] || { cat serve.err >&2; fail "serve exited with $rc after SIGTERM"; }
grep -q "^riskloop stopped$" serve.out || fail "serve did not report its stop"
expect 2 serve --db "$DB" --threads 0
expect 2 serve --db "$DB" --log-format xml
expect 3 serve --db "$DB" --listen "localhost"
err_has "(at --listen)"

echo "cli_test: all passed"
