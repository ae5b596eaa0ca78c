#!/bin/bash
# Fake kind/kubectl/docker for runner mechanics tests only. $1 picks the behaviour.
case "$1" in
  sleep) echo "started"; sleep "${2:-30}" ;;
  fork) sleep 1000 & echo "grandchild $!"; sleep "${2:-30}" ;;
  fork-exit) sleep 1000 & echo "grandchild $!"; exit 0 ;;
  flood) head -c 20000000 /dev/zero | tr '\0' 'x' ;;
  utf8) printf '\xe3\x81'; sleep 0.2; printf '\x82\xe3\x82\x8a\n'; sleep 0.2; printf '\xf0\x9f'; sleep 0.2; printf '\x98\x8a\n' ;;
  env) env | sort ;;
  stdin) cat ;;
  args) for a in "$@"; do printf '[%s]\n' "$a"; done ;;
  fail) echo "some output"; echo "error: something failed" >&2; exit 3 ;;
  lines) for i in $(seq 1 "${2:-5}"); do echo "line $i"; done ;;
  ignore-term) trap '' TERM; echo "ignoring"; sleep 1000 ;;
  *) echo "unknown fake mode $1" >&2; exit 2 ;;
esac
