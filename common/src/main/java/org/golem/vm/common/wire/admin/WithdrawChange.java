package org.golem.vm.common.wire.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;

/**
 * Body of {@code PUT /api/v1/admin/settings/withdraw}, any subset (null: unchanged); the answer is
 * {@link WithdrawSettings}.
 *
 * <p>Written (by {@code golem-provider}) without its null fields, so a client sends only what it names.
 *
 * @param enabled         whether vested wei are withdrawn automatically
 * @param intervalSeconds least seconds between two automatic withdrawals of a stream, 1 to 365 days
 * @param minWei          smallest amount worth an automatic withdrawal, wei, 0 to 2^256-1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WithdrawChange(Boolean enabled, Long intervalSeconds, BigInteger minWei) {
}
