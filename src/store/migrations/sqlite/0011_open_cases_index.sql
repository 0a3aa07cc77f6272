-- 0011: the inbox's open cases from an index of open cases only.
-- The console's inbox lists a scope's open cases (8 of the 12 states), newest
-- first. Served by cases_grid_state_created, its count and its page each
-- sought every (grid, state) pair: 856 seeks for a community of 107 grids,
-- ~250 us of the count and ~290 us of the page at the city tier, where 98% of
-- the 21 million cases are settled. This partial index holds the open cases
-- alone (416,881 of 21.5 million at the city tier), one seek a grid: 50 us and
-- 105 us (docs/decisions.md, "The inbox reads an index of open cases").
-- A query uses it when its WHERE clause carries the same term; where_of in
-- store/case_store.cpp writes it whenever every state asked for is open.
CREATE INDEX IF NOT EXISTS cases_open_grid_created ON cases(grid_id, created_at, state)
  WHERE state NOT IN ('rejected','closed','rated','merged');
