-- Pack search without JIT compilation. The function forbids sequential scans (see the init
-- migration), and a search that can use no index (browsing by difficulty, no text) is costed with
-- the planner's penalty for a forbidden scan, far above jit_above_cost: PostgreSQL then JIT-compiled
-- every such call, ~250 ms of compilation for a ~5 ms query. The query is short; JIT never pays here.
ALTER FUNCTION "duet_search_packs"(TEXT, TEXT[], TEXT, INTEGER, INTEGER) SET jit = off;
