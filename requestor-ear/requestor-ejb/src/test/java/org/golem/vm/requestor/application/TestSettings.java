package org.golem.vm.requestor.application;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.golem.vm.requestor.config.RequestorSettings;

/** Requestor settings from a map (keys without the {@code golem.requestor.} prefix), with the defaults tests use. */
final class TestSettings extends RequestorSettings {
    final Map<String, String> values = new HashMap<>(Map.of(
            "data-dir", "/tmp/golem-requestor-unit",
            "payments-network", "local",
            "provider-port", "7466",
            "topup.enabled", "true",
            "topup.interval-seconds", "60",
            "topup.target-runway-seconds", "3600",
            "create-timeout-seconds", "60"));

    @Override
    public Optional<String> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
