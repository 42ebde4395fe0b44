package org.golem.vm.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jersey's two SEVERE records per client hang-up become one quiet line; every other record passes. */
class ClientDisconnectLoggingTest {

    private final Logger jersey = Logger.getLogger(ClientDisconnectLogging.JERSEY_RESPONDER);
    private final Logger ours = Logger.getLogger(ClientDisconnectLogging.class.getName());
    private final List<LogRecord> jerseyRecords = new ArrayList<>();
    private final List<LogRecord> ourRecords = new ArrayList<>();
    private final Handler jerseyHandler = collector(jerseyRecords);
    private final Handler ourHandler = collector(ourRecords);
    private Level ourLevel;

    @BeforeEach
    void install() {
        ClientDisconnectLogging.install();
        ClientDisconnectLogging.install(); // idempotent
        jersey.addHandler(jerseyHandler);
        jersey.setUseParentHandlers(false);
        ourLevel = ours.getLevel();
        ours.setLevel(Level.FINE);
        ours.addHandler(ourHandler);
        ours.setUseParentHandlers(false);
    }

    @AfterEach
    void remove() {
        jersey.removeHandler(jerseyHandler);
        jersey.setUseParentHandlers(true);
        ours.removeHandler(ourHandler);
        ours.setUseParentHandlers(true);
        ours.setLevel(ourLevel);
    }

    @Test
    void aHangUpIsOneFineLineInsteadOfTwoStackTraces() {
        long before = ClientDisconnectLogging.disconnects();
        IOException reset = new IOException("Connection reset by peer");
        // what Jersey logs for one hang-up: the failed write, then the failed close, sharing the root cause
        jersey.log(Level.SEVERE, "An I/O error has occurred while writing a response message entity to the "
                + "container output stream.", new RuntimeException(new IOException("Connection is closed", reset)));
        jersey.log(Level.SEVERE, "Error while closing the output stream in order to commit response.",
                new UncheckedIOException(new IOException("Connection is closed", reset)));
        assertEquals(List.of(), jerseyRecords);
        assertEquals(1, ClientDisconnectLogging.disconnects() - before);
        assertEquals(1, ourRecords.size());
        assertEquals(Level.FINE, ourRecords.get(0).getLevel());
        assertEquals("client closed the connection during the response (Connection reset by peer)",
                ourRecords.get(0).getMessage());
    }

    @Test
    void otherRecordsOfThatLoggerStillAppear() {
        jersey.log(Level.SEVERE, "a real failure", new IOException("No space left on device"));
        jersey.log(Level.WARNING, "no exception at all");
        assertEquals(2, jerseyRecords.size());
        assertEquals(List.of(), ourRecords);
    }

    private static Handler collector(List<LogRecord> into) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                into.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
