package org.golem.vm.provider.application;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.provider.application.port.Advertising;

/**
 * An in-memory advertising destination: records what it was given, fails with a set message, and costs a set
 * amount of gas per write.
 */
final class FakeAdvertising implements Advertising {
    final String name;
    boolean configured = true;
    /** When set, publish and withdraw throw an IOException with this message. */
    String failing;
    /** Gas each write reports, null for a destination that costs nothing. */
    Long gasPerWrite;
    final List<AdvertisementRequest> published = new ArrayList<>();
    int withdrawals;
    boolean present;
    private Cost cost;

    FakeAdvertising(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public String destination() {
        return name + "-target";
    }

    @Override
    public void publish(AdvertisementRequest ad) throws IOException {
        if (failing != null) {
            throw new IOException(failing);
        }
        published.add(ad);
        present = true;
        paid("register");
    }

    @Override
    public boolean withdraw(String providerId) throws IOException {
        if (failing != null) {
            throw new IOException(failing);
        }
        withdrawals++;
        boolean was = present;
        present = false;
        if (was) {
            paid("remove");
        }
        return was;
    }

    private void paid(String what) {
        if (gasPerWrite != null) {
            cost = new Cost(gasPerWrite, "0x" + name + published.size() + what, what);
        }
    }

    @Override
    public Optional<Cost> lastCost() {
        return Optional.ofNullable(cost);
    }

    @Override
    public Optional<String> ipv4For(String publicHost) {
        return Optional.of("203.0.113.7");
    }

    @Override
    public String platform() {
        return "x86_64";
    }
}
