-- Libraries are tenants: every room and session belongs to one, and every listing is confined to one
-- (admins may list across them). Rows written before libraries existed belong to the default library.
ALTER TABLE catalog_sessions ADD COLUMN library_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001';
ALTER TABLE catalog_sessions ALTER COLUMN library_id DROP DEFAULT;
ALTER TABLE catalog_rooms ADD COLUMN library_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001';
ALTER TABLE catalog_rooms ALTER COLUMN library_id DROP DEFAULT;

CREATE INDEX ix_catalog_sessions_library ON catalog_sessions (library_id, created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX ix_catalog_rooms_library ON catalog_rooms (library_id, created_ticks DESC, id DESC) WHERE NOT deleted;

-- Who holds a session role (co-host, moderator): they see the session in listings like its host does.
ALTER TABLE catalog_sessions ADD COLUMN participant_ids uuid[] NOT NULL DEFAULT '{}';
CREATE INDEX ix_catalog_sessions_participants ON catalog_sessions USING gin (participant_ids) WHERE NOT deleted;
