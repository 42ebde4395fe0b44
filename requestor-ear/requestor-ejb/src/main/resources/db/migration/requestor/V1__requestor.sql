-- Requestor state. Times are Unix epoch milliseconds. Stream ids are NUMERIC(78,0) (uint256).

-- The requestor's VMs, one row per name ever (the original inserted twice and broke every creation).
CREATE TABLE vms (
    name               VARCHAR(64)   NOT NULL PRIMARY KEY,
    provider_id        VARCHAR(42)   NOT NULL,
    provider_url       VARCHAR(512)  NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    cpu                INTEGER       NOT NULL,
    memory_gib         INTEGER       NOT NULL,
    storage_gib        INTEGER       NOT NULL,
    image              VARCHAR(128),
    ssh_host           VARCHAR(255),
    ssh_port           INTEGER,
    ssh_user           VARCHAR(64),
    ssh_host_key       VARCHAR(128),
    stream_id          NUMERIC(78,0),
    top_up_message     VARCHAR(1024),
    error              VARCHAR(1024),
    created_at         BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL,
    row_version        BIGINT        NOT NULL
);

-- Creations in progress or finished (POST /api/v1/vms → GET /api/v1/jobs/{id}).
CREATE TABLE creation_jobs (
    job_id        VARCHAR(36)   NOT NULL PRIMARY KEY,
    name          VARCHAR(64)   NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    step          VARCHAR(32)   NOT NULL,
    message       VARCHAR(1024),
    stream_id     NUMERIC(78,0),
    error_code    VARCHAR(64),
    error_message VARCHAR(1024),
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL
);
