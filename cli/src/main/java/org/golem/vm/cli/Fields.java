package org.golem.vm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A block of {@code Label : value} lines with the colons aligned, for the human output of single objects
 * ({@code vm info}, {@code vm stream status}, {@code wallet balance}). Null or empty values are skipped.
 */
final class Fields {

    private final List<String[]> lines = new ArrayList<>();

    /**
     * @param label label
     * @param value value; the line is skipped when null or empty
     * @return this block
     */
    Fields add(String label, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            lines.add(new String[] {label, value.toString()});
        }
        return this;
    }

    /** @param out where to print the block */
    void print(PrintWriter out) {
        int w = 0;
        for (String[] l : lines) {
            w = Math.max(w, l[0].length());
        }
        for (String[] l : lines) {
            out.println(l[0] + " ".repeat(w - l[0].length()) + " : " + l[1]);
        }
        out.flush();
    }

    /**
     * Adds the lines of a stream: the {@code chain} and {@code computed} objects of a StreamView
     * ({@code GET /api/v1/streams/{id}}) or of a provider's stream status ({@code GET /api/v1/vms/{name}/stream}).
     *
     * @param s      the stream JSON
     * @param symbol token symbol for amounts
     * @param now    current time, for the stop time's distance
     * @return this block
     */
    Fields stream(JsonNode s, String symbol, Instant now) {
        JsonNode chain = s.path("chain");
        JsonNode computed = s.path("computed");
        add("Stream ID", Formats.textOrNull(s.get("stream_id")));
        add("Stream status", Formats.textOrNull(computed.get("status")));
        if (s.has("verified")) {
            String reason = Formats.textOrNull(s.get("reason"));
            add("Verified", (s.path("verified").asBoolean() ? "yes" : "no")
                    + (reason == null ? "" : " (" + reason + ")"));
        }
        add("Sender", Formats.textOrNull(chain.get("sender")));
        add("Recipient", Formats.textOrNull(chain.get("recipient")));
        String token = Formats.textOrNull(chain.get("token"));
        if (token != null) {
            add("Token", token.matches("0x0{40}") ? "native (" + symbol + ")" : token);
        }
        BigInteger rate = Formats.wei(chain.get("ratePerSecond"));
        if (rate != null) {
            add("Rate", Formats.amount(rate, symbol) + "/s (" + Formats.amount(rate.multiply(BigInteger.valueOf(3600)),
                    symbol) + "/h)");
        }
        BigInteger deposit = Formats.wei(chain.get("deposit"));
        if (deposit != null) {
            add("Deposit", Formats.amount(deposit, symbol));
        }
        BigInteger withdrawn = Formats.wei(chain.get("withdrawn"));
        if (withdrawn != null) {
            add("Withdrawn", Formats.amount(withdrawn, symbol));
        }
        BigInteger start = Formats.wei(chain.get("startTime"));
        if (start != null && start.signum() > 0) {
            add("Started", Formats.time(Instant.ofEpochSecond(start.longValueExact())));
        }
        BigInteger stop = Formats.wei(chain.get("stopTime"));
        if (stop != null && stop.signum() > 0) {
            Instant until = Instant.ofEpochSecond(stop.longValueExact());
            long left = until.getEpochSecond() - now.getEpochSecond();
            add("Paid until", Formats.time(until) + (left > 0 ? " (in " + Formats.duration(left) + ")"
                    : " (" + Formats.duration(-left) + " ago)"));
        }
        if (chain.has("halted")) {
            add("Halted", chain.path("halted").asBoolean() ? "yes" : "no");
        }
        JsonNode remaining = computed.get("remaining_seconds");
        if (remaining != null && remaining.isNumber()) {
            add("Remaining", Formats.duration(remaining.asLong()));
        }
        BigInteger vested = Formats.wei(computed.get("vested_wei"));
        if (vested != null) {
            add("Vested", Formats.amount(vested, symbol));
        }
        BigInteger withdrawable = Formats.wei(computed.get("withdrawable_wei"));
        if (withdrawable != null) {
            add("Withdrawable", Formats.amount(withdrawable, symbol));
        }
        BigInteger refundable = Formats.wei(computed.get("refundable_wei"));
        if (refundable != null) {
            add("Refundable", Formats.amount(refundable, symbol));
        }
        return this;
    }
}
