#!/usr/bin/env -S node --max-semi-space-size=4
// --max-semi-space-size=4 (MiB): V8's young generation otherwise grows to 2 × 16 MiB under the
// allocation rate of many busy rooms — a third of the service's memory at 500 rooms — for no
// measurable gain in latency (docs: README, "Benchmarks"). bench:collab runs the service with it.
import "../dist/main.js";
