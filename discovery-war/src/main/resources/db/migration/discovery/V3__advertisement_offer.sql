-- The VM offer of an advertisement (all optional; NULL for advertisements without it, which are returned as before):
-- images:    the provider's image catalogue as the JSON array of the advertisement's "images"
--            ([{"name","os","size_mib","login_user","boot","user_data"}, ...]; at most 32 entries, checked on publish)
-- max_ports: how many guest TCP ports besides SSH one VM may have forwarded
-- egress:    the provider's egress policy as the JSON object of the advertisement's "egress" ({"policy","allow"})
ALTER TABLE advertisement ADD COLUMN images VARCHAR(65536);
ALTER TABLE advertisement ADD COLUMN max_ports INTEGER;
ALTER TABLE advertisement ADD COLUMN egress VARCHAR(65536);
