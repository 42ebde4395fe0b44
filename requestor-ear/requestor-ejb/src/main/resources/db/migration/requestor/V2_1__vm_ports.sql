-- The guest TCP ports a rented VM forwards besides SSH, as the provider's access answer gave them:
-- "<guest port>:<host port>" comma-separated (e.g. "80:50812,443:50813"), reached on ssh_host; null when none.
ALTER TABLE vms ADD COLUMN ports VARCHAR(1024);
