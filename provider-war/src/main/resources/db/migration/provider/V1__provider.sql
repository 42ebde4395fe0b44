-- Provider state. Times are Unix epoch milliseconds (wall clock) unless named *_chain (chain seconds).
-- Amounts and stream ids are NUMERIC(78,0): a uint256 fits exactly.

-- VMs by their requestor-chosen name (the API id). A row exists from reservation until deletion.
CREATE TABLE vms (
    name            VARCHAR(64)   NOT NULL PRIMARY KEY,
    owner           VARCHAR(42)   NOT NULL,
    driver_id       VARCHAR(64)   NOT NULL UNIQUE,
    status          VARCHAR(16)   NOT NULL,
    cpu             INTEGER       NOT NULL,
    memory_gib      INTEGER       NOT NULL,
    storage_gib     INTEGER       NOT NULL,
    image           VARCHAR(128)  NOT NULL,
    ssh_key         VARCHAR(16384) NOT NULL,
    ssh_port        INTEGER       UNIQUE,
    ssh_user        VARCHAR(64),
    ssh_host_key    VARCHAR(128),
    stream_id       NUMERIC(78,0) UNIQUE,
    unpaid          BOOLEAN       NOT NULL,
    status_reason   VARCHAR(1024),
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL,
    stopped_at      BIGINT,
    row_version     BIGINT        NOT NULL
);
CREATE INDEX vms_owner ON vms (owner);

-- One stream pays for one VM, ever: the row outlives the VM (released_at) until its last wei is collected
-- (settled), so a stream can never back a second VM and its final vested amount is still withdrawn.
CREATE TABLE stream_bindings (
    stream_id        NUMERIC(78,0) NOT NULL PRIMARY KEY,
    vm_name          VARCHAR(64)   NOT NULL,
    sender           VARCHAR(42)   NOT NULL,
    rate_wei         NUMERIC(78,0) NOT NULL,
    bound_at         BIGINT        NOT NULL,
    released_at      BIGINT,
    last_withdraw_at BIGINT,
    settled          BOOLEAN       NOT NULL
);
CREATE INDEX stream_bindings_vm ON stream_bindings (vm_name);

-- Asynchronous creations (POST /api/v1/vms?async=true).
CREATE TABLE creation_jobs (
    job_id      VARCHAR(36)   NOT NULL PRIMARY KEY,
    vm_name     VARCHAR(64)   NOT NULL,
    owner       VARCHAR(42)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    error       VARCHAR(1024),
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);

-- Host ports of the VMs' SSH forwards (driver id → port), kept by the port allocator.
CREATE TABLE ssh_ports (
    vm_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    port   INTEGER     NOT NULL UNIQUE
);

-- Every withdrawal the provider made, automatic or by the operator.
CREATE TABLE withdrawals (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    stream_id   NUMERIC(78,0) NOT NULL,
    vm_name     VARCHAR(64)   NOT NULL,
    amount_wei  NUMERIC(78,0) NOT NULL,
    tx_hash     VARCHAR(66)   NOT NULL,
    origin      VARCHAR(16)   NOT NULL,
    created_at  BIGINT        NOT NULL
);
CREATE INDEX withdrawals_stream ON withdrawals (stream_id);
