-- The provider's advertised egress policy (docs/provider-api.md "EgressPolicy"): open | none | allow-list, and for
-- allow-list its destinations (host|ip|cidr[:port[-port]]) comma-separated. Null when a provider advertises none.
ALTER TABLE advertisement ADD COLUMN egress_policy VARCHAR(16);
ALTER TABLE advertisement ADD COLUMN egress_allow  VARCHAR(20000);
