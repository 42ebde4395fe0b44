package org.golem.vm.cli.requestor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Instant;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.Panel;

/**
 * The human lines of a payment stream, shared by {@code golem vm info}, {@code golem vm stream status} and
 * {@code golem vm stream inspect}: who pays whom, the rate, the deposit, what has vested and how long the paid time
 * lasts. Amounts arrive in wei and are shown in token units.
 */
final class StreamFields {

    private StreamFields() {
    }

    /**
     * Adds the lines of a stream: the {@code chain} and {@code computed} objects of a StreamView
     * ({@code GET /api/v1/streams/{id}}) or of a provider's stream status ({@code GET /api/v1/vms/{name}/stream}).
     *
     * @param s      the stream JSON
     * @param symbol token symbol for amounts
     * @param now    current time, for the stop time's distance
     * @param p      the panel to add the lines to
     * @return the panel
     */
    static Panel add(Panel p, JsonNode s, String symbol, Instant now) {
        JsonNode chain = s.path("chain");
        JsonNode computed = s.path("computed");
        p.add("Stream ID", Formats.textOrNull(s.get("stream_id")));
        p.add("Stream status", Formats.textOrNull(computed.get("status")));
        if (s.has("verified")) {
            String reason = Formats.textOrNull(s.get("reason"));
            p.add("Verified", (s.path("verified").asBoolean() ? "yes" : "no")
                    + (reason == null ? "" : " (" + reason + ")"));
        }
        p.add("Sender", Formats.textOrNull(chain.get("sender")));
        p.add("Recipient", Formats.textOrNull(chain.get("recipient")));
        String token = Formats.textOrNull(chain.get("token"));
        if (token != null) {
            p.add("Token", token.matches("0x0{40}") ? "native (" + symbol + ")" : token);
        }
        BigInteger rate = Formats.wei(chain.get("ratePerSecond"));
        if (rate != null) {
            p.add("Rate", Formats.amount(rate, symbol) + "/s ("
                    + Formats.amount(rate.multiply(BigInteger.valueOf(3600)), symbol) + "/h)");
        }
        BigInteger deposit = Formats.wei(chain.get("deposit"));
        if (deposit != null) {
            p.add("Deposit", Formats.amount(deposit, symbol));
        }
        BigInteger withdrawn = Formats.wei(chain.get("withdrawn"));
        if (withdrawn != null) {
            p.add("Withdrawn", Formats.amount(withdrawn, symbol));
        }
        BigInteger start = Formats.wei(chain.get("startTime"));
        if (start != null && start.signum() > 0) {
            p.add("Started", Formats.time(Instant.ofEpochSecond(start.longValueExact())));
        }
        BigInteger stop = Formats.wei(chain.get("stopTime"));
        if (stop != null && stop.signum() > 0) {
            Instant until = Instant.ofEpochSecond(stop.longValueExact());
            long left = until.getEpochSecond() - now.getEpochSecond();
            p.add("Paid until", Formats.time(until) + (left > 0 ? " (in " + Formats.duration(left) + ")"
                    : " (" + Formats.duration(-left) + " ago)"));
        }
        if (chain.has("halted")) {
            p.add("Halted", chain.path("halted").asBoolean() ? "yes" : "no");
        }
        JsonNode remaining = computed.get("remaining_seconds");
        if (remaining != null && remaining.isNumber()) {
            p.add("Remaining", Formats.duration(remaining.asLong()));
        }
        BigInteger vested = Formats.wei(computed.get("vested_wei"));
        if (vested != null) {
            p.add("Vested", Formats.amount(vested, symbol));
        }
        BigInteger withdrawable = Formats.wei(computed.get("withdrawable_wei"));
        if (withdrawable != null) {
            p.add("Withdrawable", Formats.amount(withdrawable, symbol));
        }
        BigInteger refundable = Formats.wei(computed.get("refundable_wei"));
        if (refundable != null) {
            p.add("Refundable", Formats.amount(refundable, symbol));
        }
        return p;
    }
}
