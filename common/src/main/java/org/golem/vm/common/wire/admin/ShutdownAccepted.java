package org.golem.vm.common.wire.admin;

/**
 * Answer of {@code POST /api/v1/admin/shutdown}: {@code {"ok": true}}, sent before the provider exits.
 *
 * @param ok always true
 */
public record ShutdownAccepted(boolean ok) {
    /** @return the one answer */
    public static ShutdownAccepted accepted() {
        return new ShutdownAccepted(true);
    }
}
