#!/usr/bin/env bash
# The production server, as npm start, the benchmarks and the browser tests run it: WEB_CONCURRENCY
# processes, one per core by default (scripts/serve.mjs). The heap of each is capped (NODE_HEAP_MB,
# default 512) and grows 2× between full collections: under a cap below 1 GB V8 grows it only
# 1.3–2× and counts the buffers of incoming uploads against that growth, so 1 GB of Backup Agent
# data cost 45 full collections under a 256 MB cap (1.3 s of CPU, taken from restic on the same
# cores); with 2× it costs a handful. Why these figures: docs/decisions/0017.
exec node --max-old-space-size="${NODE_HEAP_MB:-512}" --heap-growing-percent=100 scripts/serve.mjs
