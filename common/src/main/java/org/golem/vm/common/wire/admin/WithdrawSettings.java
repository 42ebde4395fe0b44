package org.golem.vm.common.wire.admin;

import java.math.BigInteger;

/**
 * Answer of {@code GET|PUT /api/v1/admin/settings/withdraw}: the auto-withdraw settings.
 *
 * @param enabled         whether vested wei are withdrawn automatically
 * @param intervalSeconds least seconds between two automatic withdrawals of a stream
 * @param minWei          smallest amount worth an automatic withdrawal, wei
 */
public record WithdrawSettings(boolean enabled, long intervalSeconds, BigInteger minWei) {
}
