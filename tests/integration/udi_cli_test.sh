#!/usr/bin/env bash
# `riskloop udi parse` end to end (docs/cli.md, docs/formats/udi.md): JSON on standard output for
# GS1 (both forms) and HIBCC (one and two symbols), exit code 3 with the position and reason on
# standard error for invalid codes, 2 for misuse. Needs jq.
#
#   tests/integration/udi_cli_test.sh PATH/TO/riskloop
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RISKLOOP=$(realpath "${1:?usage: udi_cli_test.sh PATH/TO/riskloop}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
source "$HERE/expect.sh"

json_is() {  # json_is JQ_FILTER EXPECTED: the filter applied to stdout gives EXPECTED
  local got
  got=$(jq -r "$1" out) || fail "stdout is not JSON"
  [[ "$got" == "$2" ]] || fail "$1 is '$got', expected '$2'"
}

# GS1, human-readable: day 00 is the month's last day.
expect 0 udi parse '(01)00614141999996(17)270200(10)LOT-7(21)S1'
json_is .issuer GS1
json_is .di 00614141999996
json_is .lot LOT-7
json_is .serial S1
json_is .expiry 2027-02-28
json_is .expiry_day_from_month_end true
json_is '.elements | length' 4
json_is '.elements[1].ai' 17

# GS1, raw, as a DataMatrix scanner sends it: symbology identifier and group separator.
expect 0 udi parse $']d201006141419999961125011510LOT\x1d21S1'
json_is .production_date 2025-01-15
json_is .lot LOT
json_is .serial S1

# The century of two-digit years follows the reference year.
expect 0 udi parse '(01)00614141999996(17)770101' --reference-year 2026
json_is .expiry 1977-01-01
expect 0 udi parse '(01)00614141999996(17)770101' --reference-year 2040
json_is .expiry 2077-01-01

# HIBCC: combined primary and secondary data; then two symbols with the link character.
expect 0 udi parse '+A99912345/$$52001510X3/16D20111212/S77DE1G45-'
json_is .issuer HIBCC
json_is .labeler A999
json_is .product 1234
json_is .unit_of_measure 5
json_is .expiry 2020-01-15
json_is .production_date 2011-12-12
json_is .lot 10X3
json_is .serial 77DE1G45
expect 0 udi parse '+A999123457' '+$$52001510X374'
json_is .link_character 7
json_is .lot 10X3

# Invalid codes: exit 3, the 0-based position and what was expected, nothing on stdout.
expect 3 udi parse '(01)00614141999994'
err_has "riskloop: udi parse: at position 17: check digit is 4, expected 6 (GTIN-14 mod 10)"
[[ ! -s out ]] || fail "output for an invalid code"
expect 3 udi parse '(01)00614141999996(17)271301'
err_has "at position 24: month 13 is not 01..12"
expect 3 udi parse '+A123BJC5D6E71H'
err_has "at position 14: check character is 'H', expected 'G' (HIBCC mod 43)"
expect 3 udi parse '+A999123457' '+$$52001510X385'
err_has "link character is '8', expected '7'"
expect 3 udi parse '(01)0061414199999'
err_has "at position 17: AI (01) needs exactly 14 digits of data, found 13"
expect 3 udi parse 'hello'
err_has "at position 0:"

# Misuse: no code.
expect 2 udi parse
echo "udi_cli_test: all passed"
