-- The guest TCP ports a VM forwards besides SSH, with their host ports from the provider's port range:
-- "<guest port>:<host port>" comma-separated, e.g. "80:50812,443:50813"; null when none. The host ports themselves
-- are held in ssh_ports under the holder "<driver id>/<guest port>" (the VM's SSH port under "<driver id>"), so
-- they are kept across stop/start and restarts and released with the VM's SSH port on delete.
ALTER TABLE vms ADD COLUMN ports VARCHAR(1024);
