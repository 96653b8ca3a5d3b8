#!/bin/sh
echo "coverage is not available offline (use tools/coverage.sh)" >&2
exit 1
