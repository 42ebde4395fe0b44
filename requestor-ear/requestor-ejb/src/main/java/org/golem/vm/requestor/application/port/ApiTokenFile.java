package org.golem.vm.requestor.application.port;

import java.io.IOException;

/**
 * The requestor API's bearer token: a secret only the service's owner can read (a file of mode 0600 in the data
 * directory), which the CLI sends as {@code Authorization: Bearer <token>}.
 */
public interface ApiTokenFile {

    /**
     * Writes a new random 256-bit token (hex) when none exists yet.
     *
     * @throws IOException when the file cannot be written
     */
    void createIfMissing() throws IOException;

    /**
     * @return the token, without surrounding whitespace
     * @throws IOException when the file cannot be read or others may read it
     */
    String read() throws IOException;
}
