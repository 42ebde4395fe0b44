-- When each SSH port was last given back by a VM (epoch milliseconds, wall clock; the allocator keeps the values
-- strictly increasing). The allocator hands out the free port released longest ago, ports never released first, so
-- a destroyed VM's port goes to a new VM only when no other port is free, also after a provider restart (a
-- requestor still holding the old address must not land on another renter's VM). A port has at most one row; it
-- stays after the port is handed out again (the time of its last release is what counts once it is free again).
CREATE TABLE ssh_port_releases (
    port         INTEGER NOT NULL PRIMARY KEY,
    released_at  BIGINT  NOT NULL
);
