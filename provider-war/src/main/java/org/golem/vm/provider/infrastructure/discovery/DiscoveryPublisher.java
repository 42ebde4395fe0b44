package org.golem.vm.provider.infrastructure.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.JsonException;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.ErrorResponse;
import org.web3j.crypto.Credentials;

/**
 * The provider's client of the discovery service (docs/discovery-api.md): publishes
 * its advertisement with a signed {@code POST {base}/api/v1/advertisements} and withdraws it with a signed
 * {@code DELETE {base}/api/v1/advertisements/{provider_id}}. Requests are signed with the provider's key
 * (docs/auth.md); the provider id is the signer, never a body field.
 *
 * <p>Every refusal by the service becomes an {@link IOException} naming the HTTP status and the service's error code
 * and message ({@code {"detail":{"code","message"}}}); the key never appears in messages or logs.
 *
 * <p>Instances are immutable and thread-safe; the caller decides when to publish (see the provider's
 * {@code Advertiser}).
 */
public final class DiscoveryPublisher {

    /** Path of the advertisement collection below the discovery base URL. */
    public static final String ADVERTISEMENTS_PATH = "/api/v1/advertisements";

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    /** Longest server text quoted in an exception message. */
    private static final int MAX_QUOTED = 300;

    private final URI base;
    private final GolemHttpClient http;

    /**
     * @param discoveryBase base URL of the discovery service, {@code http(s)://host[:port][/prefix]}; a trailing
     *                      {@code /} is ignored
     * @param credentials   the provider's key; every request is signed with it
     * @param timeout       per-request timeout (connect and answer)
     * @throws IllegalArgumentException when the base URL is not an absolute http or https URL without query
     * @throws NullPointerException     when an argument is null
     */
    public DiscoveryPublisher(URI discoveryBase, Credentials credentials, Duration timeout) {
        Objects.requireNonNull(discoveryBase, "discoveryBase");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = discoveryBase.getScheme() == null ? "" : discoveryBase.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || discoveryBase.getRawAuthority() == null
                || discoveryBase.getRawQuery() != null || discoveryBase.getRawFragment() != null) {
            throw new IllegalArgumentException("discovery URL must be http(s)://host[:port][/path] without query: "
                    + IpLiteral.printable(discoveryBase.toString()));
        }
        String text = discoveryBase.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        this.base = URI.create(text);
        this.http = new GolemHttpClient(new RequestSigner(credentials), Clock.systemUTC(), timeout);
    }

    /** @return the base URL used, without trailing {@code /} */
    public URI base() {
        return base;
    }

    /**
     * Creates or replaces this provider's advertisement.
     *
     * @param ad the advertisement, sent as {@code Json.toJson(ad)} (snake_case fields)
     * @throws IOException when the service cannot be reached, or answers other than 2xx (the message names the
     *                     status and the service's error code and message, e.g. {@code HTTP 422 VALIDATION_ERROR})
     */
    public void publish(AdvertisementRequest ad) throws IOException {
        Objects.requireNonNull(ad, "ad");
        GolemHttpClient.Reply reply = http.send("POST", URI.create(base + ADVERTISEMENTS_PATH), Json.toJson(ad));
        if (reply.status() / 100 != 2) {
            throw refusal("publishing the advertisement", reply);
        }
    }

    /**
     * Deletes this provider's advertisement, so requestors stop seeing it (e.g. when it has no capacity left).
     *
     * @param providerId the provider's own address ({@code 0x} + 40 hex), which must be the signer's
     * @return true when an advertisement was deleted, false when there was none (HTTP 404)
     * @throws IllegalArgumentException when {@code providerId} is not an address
     * @throws IOException              when the service cannot be reached or answers other than 2xx or 404
     */
    public boolean withdraw(String providerId) throws IOException {
        if (providerId == null || !ADDRESS.matcher(providerId).matches()) {
            throw new IllegalArgumentException("provider id must be 0x followed by 40 hex digits");
        }
        GolemHttpClient.Reply reply = http.send("DELETE", URI.create(base + ADVERTISEMENTS_PATH + "/" + providerId),
                null);
        if (reply.status() == 404) {
            return false;
        }
        if (reply.status() / 100 != 2) {
            throw refusal("withdrawing the advertisement", reply);
        }
        return true;
    }

    private IOException refusal(String what, GolemHttpClient.Reply reply) {
        StringBuilder sb = new StringBuilder("discovery ").append(base).append(" refused ").append(what)
                .append(": HTTP ").append(reply.status());
        Optional<ErrorResponse> error = errorBody(reply.body());
        if (error.isPresent()) {
            if (error.get().code() != null) {
                sb.append(' ').append(quoted(error.get().code()));
            }
            if (error.get().message() != null) {
                sb.append(": ").append(quoted(error.get().message()));
            }
        } else if (reply.body() != null && !reply.body().isBlank()) {
            sb.append(": ").append(quoted(reply.body().strip()));
        }
        return new IOException(sb.toString());
    }

    private static Optional<ErrorResponse> errorBody(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            ErrorResponse e = Json.fromJson(body, ErrorResponse.class);
            return e.code() == null && e.message() == null ? Optional.empty() : Optional.of(e);
        } catch (JsonException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Server text made safe for a message: printable ASCII only, at most {@value #MAX_QUOTED} characters. */
    private static String quoted(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > MAX_QUOTED) {
            sb.append("...");
        }
        return sb.toString();
    }

    /**
     * The IPv4 address to advertise for the provider's public host (discovery accepts only IPv4 dotted quads).
     *
     * <p>Never invents an address: an unset host is not replaced by {@code 127.0.0.1}, the caller skips advertising
     * (and warns) instead.
     *
     * @param publicHost the operator's public host: an IPv4 literal, or a host name resolved through DNS; may be
     *                   null or blank
     * @return the IPv4 literal ({@code a.b.c.d}) when {@code publicHost} is one, else the first IPv4 address the
     *         host name resolves to; null when {@code publicHost} is null, blank, an IPv6 literal, or a name without
     *         an IPv4 address (or that cannot be resolved)
     */
    public static String ipv4For(String publicHost) {
        if (publicHost == null || publicHost.isBlank()) {
            return null;
        }
        String host = publicHost.strip();
        Optional<InetAddress> literal = IpLiteral.tryParse(host);
        if (literal.isPresent()) {
            InetAddress a = IpLiteral.canonical(literal.get());
            return a instanceof Inet4Address ? IpLiteral.format(a) : null;
        }
        if (host.startsWith("[") || host.indexOf(':') >= 0 || host.indexOf('/') >= 0) {
            return null; // an IPv6 literal in brackets, a port or a URL: not a host name
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet4Address) {
                    return IpLiteral.format(a);
                }
            }
            return null;
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /**
     * The advertised platform for a JVM's {@code os.arch}, as the original provider maps it.
     *
     * @param osArch the value of {@code os.arch}, any case; may be null
     * @return {@code arm64} for aarch64, arm64 and arm*; {@code x86_64} for amd64, x86_64 and x64; otherwise
     *         {@code osArch} as given (null stays null)
     */
    public static String platformFor(String osArch) {
        if (osArch == null) {
            return null;
        }
        String a = osArch.strip().toLowerCase(Locale.ROOT);
        if (a.contains("aarch64") || a.contains("arm64") || a.startsWith("arm")) {
            return "arm64";
        }
        if (a.equals("amd64") || a.equals("x86_64") || a.equals("x64") || a.equals("x86-64")) {
            return "x86_64";
        }
        return osArch;
    }
}
