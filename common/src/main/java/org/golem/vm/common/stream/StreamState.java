package org.golem.vm.common.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One stream as the StreamPayment contract stores it: the nine fields of the public getter
 * {@code streams(uint256)}, in the contract's order.
 *
 * <p>JSON field names are the contract's camelCase names ({@code startTime}, {@code ratePerSecond}, ...),
 * as in the original provider's {@code chain} object (docs/provider-api.md §3.1), not snake_case.
 *
 * @param token         ERC-20 token address, or the zero address for native-ETH mode ({@code 0x}+40 hex)
 * @param sender        the payer (requestor) address
 * @param recipient     the payee (provider) address; the zero address when the stream was terminated or
 *                      never existed
 * @param startTime     Unix seconds from which vesting is counted (v2 moves it forward by the idle gap
 *                      when a run-out stream is topped up)
 * @param stopTime      Unix seconds at which vesting stops (clamped by halt and, in v2, by terminate)
 * @param ratePerSecond wei per second
 * @param deposit       wei ever paid in (create plus top-ups)
 * @param withdrawn     wei paid out to the recipient (in v2 after terminate: everything paid to it)
 * @param halted        set by the oracle; never cleared
 */
public record StreamState(
        @JsonProperty("token") String token,
        @JsonProperty("sender") String sender,
        @JsonProperty("recipient") String recipient,
        @JsonProperty("startTime") long startTime,
        @JsonProperty("stopTime") long stopTime,
        @JsonProperty("ratePerSecond") BigInteger ratePerSecond,
        @JsonProperty("deposit") BigInteger deposit,
        @JsonProperty("withdrawn") BigInteger withdrawn,
        @JsonProperty("halted") boolean halted) {

    /** The zero address, {@code 0x0000000000000000000000000000000000000000}. */
    public static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    public StreamState {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(ratePerSecond, "ratePerSecond");
        Objects.requireNonNull(deposit, "deposit");
        Objects.requireNonNull(withdrawn, "withdrawn");
    }

    /** @return true when no stream was ever stored under this id (sender is the zero address). */
    public boolean nonexistent() {
        return isZero(sender);
    }

    /** @return true when the stream existed and was terminated (recipient zeroed, sender kept). */
    public boolean terminated() {
        return isZero(recipient) && !isZero(sender);
    }

    /** @return true when the stream pays in native ETH rather than an ERC-20 token. */
    public boolean nativeEth() {
        return isZero(token);
    }

    private static boolean isZero(String address) {
        return address.replaceFirst("^0[xX]", "").chars().allMatch(c -> c == '0');
    }
}
