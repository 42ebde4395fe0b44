package org.golem.vm.common.wire.requestor;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The monthly estimate of some resources at a provider ({@code estimate} of a provider listing). Every field is
 * present, null when the provider's prices do not allow it.
 *
 * @param usdPerMonth       USD per month (4 decimals)
 * @param usdPerHour        USD per hour (6 decimals)
 * @param tokenPerMonth     whole tokens per month (8 decimals)
 * @param ratePerSecondWei  the stream rate to pay, wei per second (rounded up)
 * @param depositWeiPerHour the deposit for one hour, wei
 */
public record PriceEstimate(BigDecimal usdPerMonth, BigDecimal usdPerHour, BigDecimal tokenPerMonth,
                            BigInteger ratePerSecondWei, BigInteger depositWeiPerHour) {

    /** @return true when no figure could be computed */
    public boolean empty() {
        return ratePerSecondWei == null && usdPerMonth == null;
    }
}
