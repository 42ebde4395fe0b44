package org.golem.vm.portchecker.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.golem.vm.portchecker.application.port.PortProber;
import org.golem.vm.portchecker.config.PortCheckerSettings;

/**
 * Puts the application's one {@link SocketPortProber} behind the {@link PortProber} port, and closes it when the
 * application stops (pending checks then fail with {@code CHECK_FAILED}).
 */
@ApplicationScoped
public class SocketPortProberProducer {

    /**
     * @param settings the port checker's settings
     * @return the socket prober with its pool of {@code maxConcurrentChecks} threads
     */
    @Produces
    @ApplicationScoped
    PortProber prober(PortCheckerSettings settings) {
        return new SocketPortProber(settings);
    }

    /**
     * @param prober the prober produced above, at application shutdown
     */
    void close(@Disposes PortProber prober) {
        prober.close();
    }
}
