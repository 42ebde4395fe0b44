-- Discovery registry. Times are Unix epoch milliseconds (UTC), amounts exact decimals.
CREATE TABLE advertisement (
    provider_id              VARCHAR(42)    NOT NULL PRIMARY KEY,
    provider_name            VARCHAR(64),
    ip_address               VARCHAR(255)   NOT NULL,
    api_port                 INTEGER        NOT NULL,
    country                  CHAR(2)        NOT NULL,
    platform                 VARCHAR(32),
    network                  VARCHAR(64),
    payments_network         VARCHAR(64),
    cpu                      INTEGER        NOT NULL,
    memory_gib               INTEGER        NOT NULL,
    storage_gib              INTEGER        NOT NULL,
    usd_per_core_month       NUMERIC(30, 12),
    usd_per_gb_ram_month     NUMERIC(30, 12),
    usd_per_gb_storage_month NUMERIC(30, 12),
    glm_per_core_month       NUMERIC(38, 18),
    glm_per_gb_ram_month     NUMERIC(38, 18),
    glm_per_gb_storage_month NUMERIC(38, 18),
    token_usd_price          NUMERIC(30, 12),
    token_decimals           INTEGER,
    wei_per_core_month       NUMERIC(78, 0),
    wei_per_gb_ram_month     NUMERIC(78, 0),
    wei_per_gb_storage_month NUMERIC(78, 0),
    stream_payment_address   VARCHAR(42),
    token_address            VARCHAR(42),
    created_at               BIGINT         NOT NULL,
    updated_at               BIGINT         NOT NULL,
    -- registry version of the last write of this row: instances load only rows newer than their snapshot
    row_version              BIGINT         NOT NULL
);
-- expiry purge and the freshness cutoff of full loads
CREATE INDEX advertisement_updated_at ON advertisement (updated_at);
-- incremental snapshot refresh
CREATE INDEX advertisement_row_version ON advertisement (row_version);

-- Deletions since a version, so other instances drop deleted rows from their snapshots without a full reload.
CREATE TABLE advertisement_tombstone (
    provider_id VARCHAR(42) NOT NULL PRIMARY KEY,
    version     BIGINT      NOT NULL,
    deleted_at  BIGINT      NOT NULL
);
CREATE INDEX advertisement_tombstone_version ON advertisement_tombstone (version);

-- One row: the version of the whole registry, bumped by every write (and locked by it, which serialises writers);
-- tombstone_floor: the newest tombstone version pruned, below which a snapshot must be reloaded in full.
CREATE TABLE registry_version (
    id              INTEGER NOT NULL PRIMARY KEY,
    version         BIGINT  NOT NULL,
    tombstone_floor BIGINT  NOT NULL
);
INSERT INTO registry_version (id, version, tombstone_floor) VALUES (1, 0, 0);
