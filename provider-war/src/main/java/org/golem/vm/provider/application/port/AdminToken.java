package org.golem.vm.provider.application.port;

/** The operator's bearer token for the admin API, kept in a file only the provider's user may read. */
public interface AdminToken {

    /**
     * Reads the token, or creates it (a random 256-bit value, hex) on first use.
     *
     * @return the token; never logged
     * @throws java.io.UncheckedIOException when it cannot be read or created, or the file is readable by others
     */
    String token();
}
