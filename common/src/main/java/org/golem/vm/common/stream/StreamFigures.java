package org.golem.vm.common.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The figures derived from a stream's on-chain state at one moment: the {@code computed} object of the
 * provider's stream status response (docs/provider-api.md §3.1), with {@code refundable_wei} and
 * {@code status} added. Produced by {@link StreamMath#view}.
 *
 * <p>Unlike the original, {@code vested_wei} is capped at the deposit, as the contract caps it.
 *
 * @param now              Unix seconds the figures are computed for (the latest block's timestamp)
 * @param remainingSeconds seconds of paid time left, ≥ 0 ({@link StreamMath#remainingSeconds})
 * @param vestedWei        wei earned by the recipient so far, withdrawn or not ({@link StreamMath#vested})
 * @param withdrawableWei  wei the recipient could withdraw now ({@link StreamMath#withdrawable})
 * @param refundableWei    wei the sender would get back on terminate now ({@link StreamMath#refundable}); null when
 *                         read from the original provider, which does not send it
 * @param status           the stream's state ({@link StreamMath#status}); null when read from the original provider
 */
public record StreamFigures(
        @JsonProperty("now") long now,
        @JsonProperty("remaining_seconds") long remainingSeconds,
        @JsonProperty("vested_wei") BigInteger vestedWei,
        @JsonProperty("withdrawable_wei") BigInteger withdrawableWei,
        @JsonProperty("refundable_wei") BigInteger refundableWei,
        @JsonProperty("status") StreamStatus status) {

    /**
     * @throws NullPointerException if the vested or withdrawable amount is null
     */
    public StreamFigures {
        Objects.requireNonNull(vestedWei, "vestedWei");
        Objects.requireNonNull(withdrawableWei, "withdrawableWei");
    }
}
