#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copies the project's files (tracked, plus new ones not ignored, minus those
# deleted in the work tree) into DEST, as a consumer would vendor them.
# Usage: copy_tree.sh DEST
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "$1"
git ls-files -co --exclude-standard | while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
  tar -cf - -T - | tar -xf - -C "$1"
