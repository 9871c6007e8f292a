#!/usr/bin/env bash
# The production server, as npm start, the benchmarks and the browser tests run it: WEB_CONCURRENCY
# processes, one per core by default (scripts/serve.mjs, docs/decisions/0018), each with its heap
# capped (NODE_HEAP_MB) and growing 2× between full collections, so that uploads don't start one
# every 24 MB (docs/decisions/0017).
exec node --max-old-space-size="${NODE_HEAP_MB:-512}" --heap-growing-percent=100 scripts/serve.mjs
