package org.golem.vm.requestor.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.logging.Logger;
import org.golem.vm.requestor.application.port.ApiTokenFile;
import org.golem.vm.requestor.application.port.Payments;
import org.golem.vm.requestor.application.port.SshKeys;
import org.golem.vm.requestor.config.RequestorSettings;

/**
 * Startup: creates what is missing in the data directory — the wallet key, the API token (both mode 0600), the SSH
 * key pair — marks creations interrupted by a restart as failed, and logs the web console's URL.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class RequestorStartup {
    private static final Logger LOG = Logger.getLogger(RequestorStartup.class.getName());

    @Inject
    RequestorSettings settings;

    @Inject
    Payments payments;

    @Inject
    SshKeys sshKeys;

    @Inject
    ApiTokenFile apiToken;

    @Inject
    VmCreation creation;

    @PostConstruct
    void start() {
        try {
            LOG.info("requestor wallet " + payments.address() + ", data in " + settings.dataDir());
            apiToken.createIfMissing();
            sshKeys.identity();
            LOG.info("web console at " + settings.consoleUrl() + " (it asks for the API token in "
                    + settings.apiTokenFile() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("requestor data directory " + settings.dataDir() + ": " + e.getMessage(), e);
        }
        creation.failInterrupted();
    }

    /**
     * Compares a token a client gave with the API token in constant time (no timing tells how much of it was right).
     * Every entry point that needs the token (the REST filter, the terminal WebSocket) asks this.
     *
     * @param given the token the client sent, or null
     * @return true when it is exactly the API token
     * @throws UncheckedIOException when the token file cannot be read
     */
    public boolean apiTokenMatches(String given) {
        byte[] expected = apiTokenBytes;
        if (expected == null) {
            expected = apiToken().getBytes(StandardCharsets.UTF_8);
            apiTokenBytes = expected;
        }
        return MessageDigest.isEqual(expected, given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8));
    }

    private volatile byte[] apiTokenBytes;

    /** @return the API token (from its 0600 file) */
    public String apiToken() {
        try {
            return apiToken.read();
        } catch (IOException e) {
            throw new UncheckedIOException("API token " + settings.apiTokenFile() + ": " + e.getMessage(), e);
        }
    }
}
