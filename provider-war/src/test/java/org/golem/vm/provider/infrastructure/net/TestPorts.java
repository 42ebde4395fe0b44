package org.golem.vm.provider.infrastructure.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Test helper: finds blocks of free ports below the ephemeral range, away from the production default. */
public final class TestPorts {
    private TestPorts() {
    }

    /** @return the loopback address */
    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /**
     * @param count how many consecutive ports
     * @return the first port of a block of {@code count} ports that are all bindable on loopback right now
     */
    public static int freeBlock(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = 20000 + ThreadLocalRandom.current().nextInt(12000 - count);
            boolean ok = true;
            for (int p = first; p < first + count && ok; p++) {
                ok = bindable(p);
            }
            if (ok) {
                return first;
            }
        }
        throw new IllegalStateException("no free block of " + count + " ports");
    }

    /** @return true when a listener can bind the port on loopback now */
    public static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(loopback(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
