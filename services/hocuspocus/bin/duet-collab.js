#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=50
// V8's defaults size the heap for throughput, not for a service holding many rooms: the young
// generation grows to 2 × 16 MiB under the allocation rate of busy rooms, and the old generation to
// up to four times what is live before a full collection. At 500 busy rooms that tripled the
// service's memory (≈ 470 KB per room against ≈ 200 KB with these flags: README, "Benchmarks").
// The price is more collections: about four times as many scavenges (≈ 1.7× their total time).
// bench:collab runs the service with them.
import "../dist/main.js";
