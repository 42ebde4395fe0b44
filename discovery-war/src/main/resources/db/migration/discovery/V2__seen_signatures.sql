-- The replay memory of signed requests (JdbcReplayMemory): every accepted X-Golem-Signature, normalised
-- (0x + 130 lower-case hex, low s, v 1b/1c), until its timestamp leaves the 300 s window. In the database, so a
-- request captured before a restart, or sent to another instance on this database, is still refused as a replay.
-- expires_at: signed timestamp + window, Unix epoch SECONDS; rows past it are deleted by the periodic purge.
CREATE TABLE seen_signature (
    signature  VARCHAR(132) NOT NULL PRIMARY KEY,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX seen_signature_expires_at ON seen_signature (expires_at);
