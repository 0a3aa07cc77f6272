-- A counter of changes to the reference data the server keeps in memory
-- (service/ref_cache.h): categories, routing rules, the work calendar,
-- organisations, the map, property contracts and emergencies. Triggers bump
-- it in the same transaction as the change, whoever the writer is, so a
-- cache is checked with one read of this row.
INSERT INTO meta (key, value) VALUES ('ref_version', '0') ON CONFLICT (key) DO NOTHING;

CREATE TRIGGER ref_version_categories_i AFTER INSERT ON categories BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_categories_u AFTER UPDATE ON categories BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_categories_d AFTER DELETE ON categories BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_routing_rules_i AFTER INSERT ON routing_rules BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_routing_rules_u AFTER UPDATE ON routing_rules BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_routing_rules_d AFTER DELETE ON routing_rules BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_calendar_days_i AFTER INSERT ON calendar_days BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_calendar_days_u AFTER UPDATE ON calendar_days BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_calendar_days_d AFTER DELETE ON calendar_days BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_organisations_i AFTER INSERT ON organisations BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_organisations_u AFTER UPDATE ON organisations BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_organisations_d AFTER DELETE ON organisations BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_places_i AFTER INSERT ON places BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_places_u AFTER UPDATE ON places BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_places_d AFTER DELETE ON places BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_grids_i AFTER INSERT ON grids BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_grids_u AFTER UPDATE ON grids BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_grids_d AFTER DELETE ON grids BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_property_contracts_i AFTER INSERT ON property_contracts BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_property_contracts_u AFTER UPDATE ON property_contracts BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_property_contracts_d AFTER DELETE ON property_contracts BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_emergencies_i AFTER INSERT ON emergencies BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_emergencies_u AFTER UPDATE ON emergencies BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_emergencies_d AFTER DELETE ON emergencies BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_emergency_places_i AFTER INSERT ON emergency_places BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_emergency_places_u AFTER UPDATE ON emergency_places BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;
CREATE TRIGGER ref_version_emergency_places_d AFTER DELETE ON emergency_places BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'ref_version'; END;

-- The same for signed-in callers' credentials (service/credential_cache.h):
-- any change to users, and any change or removal of a session or API token
-- (a new one needs no bump: nothing cached can be stale because of it).
INSERT INTO meta (key, value) VALUES ('auth_version', '0') ON CONFLICT (key) DO NOTHING;

CREATE TRIGGER auth_version_users_i AFTER INSERT ON users BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'auth_version'; END;
CREATE TRIGGER auth_version_users_u AFTER UPDATE ON users BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'auth_version'; END;
CREATE TRIGGER auth_version_users_d AFTER DELETE ON users BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'auth_version'; END;
CREATE TRIGGER auth_version_sessions_u AFTER UPDATE ON sessions BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'auth_version'; END;
CREATE TRIGGER auth_version_sessions_d AFTER DELETE ON sessions BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'auth_version'; END;
CREATE TRIGGER auth_version_api_tokens_u AFTER UPDATE ON api_tokens BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'auth_version'; END;
CREATE TRIGGER auth_version_api_tokens_d AFTER DELETE ON api_tokens BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'auth_version'; END;
