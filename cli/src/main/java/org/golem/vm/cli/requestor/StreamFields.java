package org.golem.vm.cli.requestor;

import java.math.BigInteger;
import java.time.Instant;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.common.stream.StreamFigures;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.StreamStatusResponse;
import org.golem.vm.common.wire.requestor.StreamView;

/**
 * The human lines of a payment stream, shared by {@code golem vm info}, {@code golem vm stream status} and
 * {@code golem vm stream inspect}: who pays whom, the rate, the deposit, what has vested and how long the paid time
 * lasts. Amounts arrive in wei and are shown in token units.
 */
final class StreamFields {

    private StreamFields() {
    }

    /**
     * Adds the lines of a stream as the chain has it ({@code GET /api/v1/streams/{id}}, {@code stream} of
     * {@code GET /api/v1/vms/{name}}).
     *
     * @param p      the panel to add the lines to
     * @param s      the stream
     * @param symbol token symbol for amounts
     * @param now    current time, for the stop time's distance
     * @return the panel
     */
    static Panel add(Panel p, StreamView s, String symbol, Instant now) {
        return add(p, s.streamId(), null, s.chain(), s.computed(), symbol, now);
    }

    /**
     * Adds the lines of a stream as the VM's provider sees it ({@code GET /api/v1/vms/{name}/stream}): the chain's
     * lines plus whether the provider verified it.
     *
     * @param p      the panel to add the lines to
     * @param s      the provider's stream status
     * @param symbol token symbol for amounts
     * @param now    current time, for the stop time's distance
     * @return the panel
     */
    static Panel add(Panel p, StreamStatusResponse s, String symbol, Instant now) {
        String reason = Formats.orNull(s.reason());
        String verified = (s.verified() ? "yes" : "no") + (reason == null ? "" : " (" + reason + ")");
        return add(p, s.streamId(), verified, s.chain(), s.computed(), symbol, now);
    }

    private static Panel add(Panel p, BigInteger streamId, String verified, StreamState chain,
                             StreamFigures computed, String symbol, Instant now) {
        p.add("Stream ID", streamId);
        p.add("Stream status", computed == null || computed.status() == null ? null : computed.status().wire());
        p.add("Verified", verified);
        if (chain != null) {
            p.add("Sender", chain.sender());
            p.add("Recipient", chain.recipient());
            p.add("Token", chain.nativeEth() ? "native (" + symbol + ")" : chain.token());
            BigInteger rate = chain.ratePerSecond();
            p.add("Rate", Formats.amount(rate, symbol) + "/s ("
                    + Formats.amount(rate.multiply(BigInteger.valueOf(3600)), symbol) + "/h)");
            p.add("Deposit", Formats.amount(chain.deposit(), symbol));
            p.add("Withdrawn", Formats.amount(chain.withdrawn(), symbol));
            if (chain.startTime() > 0) {
                p.add("Started", Formats.time(Instant.ofEpochSecond(chain.startTime())));
            }
            if (chain.stopTime() > 0) {
                Instant until = Instant.ofEpochSecond(chain.stopTime());
                long left = until.getEpochSecond() - now.getEpochSecond();
                p.add("Paid until", Formats.time(until) + (left > 0 ? " (in " + Formats.duration(left) + ")"
                        : " (" + Formats.duration(-left) + " ago)"));
            }
            p.add("Halted", chain.halted() ? "yes" : "no");
        }
        if (computed != null) {
            p.add("Remaining", Formats.duration(computed.remainingSeconds()));
            p.add("Vested", Formats.amount(computed.vestedWei(), symbol));
            p.add("Withdrawable", Formats.amount(computed.withdrawableWei(), symbol));
            if (computed.refundableWei() != null) {
                p.add("Refundable", Formats.amount(computed.refundableWei(), symbol));
            }
        }
        return p;
    }
}
