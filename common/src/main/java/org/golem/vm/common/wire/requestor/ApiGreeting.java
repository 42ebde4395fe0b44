package org.golem.vm.common.wire.requestor;

/**
 * Answer of {@code GET /} on the requestor service, kept from the original Python requestor:
 * {@code {"message": "Golem Requestor API"}}.
 *
 * @param message the greeting
 */
public record ApiGreeting(String message) {
    /** @return the requestor's greeting */
    public static ApiGreeting requestor() {
        return new ApiGreeting("Golem Requestor API");
    }
}
