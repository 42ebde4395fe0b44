package org.golem.vm.common.rest;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.golem.vm.common.net.IoFailures;

/**
 * Keeps the log readable when clients hang up mid-response.
 *
 * <p>When a client closes its connection while a response is being written (a load generator stopping, a user
 * pressing Ctrl-C on a large listing), Jersey logs two SEVERE records with full stack traces per request ("An I/O
 * error has occurred while writing a response message entity to the container output stream." and "Error while
 * closing the output stream in order to commit response."): one discovery load run produced over a hundred. Nothing
 * is wrong with the service, and the traces bury real errors.
 *
 * <p>This feature installs a {@link java.util.logging.Filter} on Jersey's response-writing logger
 * ({@value #JERSEY_RESPONDER}) that drops exactly those records whose exception is a client disconnect
 * ({@link IoFailures#isClientDisconnect}) and logs one line at {@code FINE} under this class's logger instead
 * ("client closed the connection during the response (Connection reset by peer)"). Every other record of that
 * logger passes unchanged, and a filter already set there by an operator keeps deciding for the rest.
 * Jersey logs one disconnect twice (while writing, then while closing the stream); both records share the root
 * cause, so the line and {@link #disconnects()} count it once.
 *
 * <p>Why a log filter: the failure happens inside Jersey after our resource returned, where no exception mapper
 * or interceptor of ours can see it without taking over the response writing; JUL filters are the logging
 * system's own facility for this.
 */
public class ClientDisconnectLogging implements Feature {

    /** The logger Jersey's server runtime uses while writing responses. */
    public static final String JERSEY_RESPONDER = "org.glassfish.jersey.server.ServerRuntime$Responder";

    private static final Logger LOG = Logger.getLogger(ClientDisconnectLogging.class.getName());
    private static final AtomicLong DISCONNECTS = new AtomicLong();
    /** Strong reference: JUL holds loggers weakly, and a collected logger would lose its filter. */
    private static final Logger RESPONDER = Logger.getLogger(JERSEY_RESPONDER);

    @Override
    public boolean configure(FeatureContext context) {
        install();
        return true;
    }

    /** Installs the filter once per JVM (idempotent; several applications in one server share it). */
    public static synchronized void install() {
        Filter current = RESPONDER.getFilter();
        if (current instanceof DemoteDisconnects) {
            return;
        }
        RESPONDER.setFilter(new DemoteDisconnects(current));
    }

    /** @return how many client disconnects were logged as one line instead of a stack trace, since start */
    public static long disconnects() {
        return DISCONNECTS.get();
    }

    /** Drops client-disconnect records, logging one FINE line each; delegates everything else. */
    static final class DemoteDisconnects implements Filter {
        /** The root cause last demoted on this thread: Jersey logs one disconnect twice (write, then close). */
        private static final ThreadLocal<java.lang.ref.WeakReference<Throwable>> LAST =
                ThreadLocal.withInitial(() -> new java.lang.ref.WeakReference<>(null));
        private final Filter next;

        DemoteDisconnects(Filter next) {
            this.next = next;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            if (record.getThrown() != null && IoFailures.isClientDisconnect(record.getThrown())) {
                Throwable root = root(record.getThrown());
                if (LAST.get().get() != root) {
                    LAST.set(new java.lang.ref.WeakReference<>(root));
                    DISCONNECTS.incrementAndGet();
                    if (LOG.isLoggable(Level.FINE)) {
                        LOG.fine("client closed the connection during the response ("
                                + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage())
                                + ")");
                    }
                }
                return false;
            }
            return next == null || next.isLoggable(record);
        }

        private static Throwable root(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root;
        }
    }
}
