package org.golem.vm.provider.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.golem.vm.common.net.Cidr;
import org.golem.vm.provider.application.port.AdminToken;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * Who may use the operator interface (docs/auth.md, operator endpoints): callers from
 * {@code golem.provider.admin.allowed-addresses} (loopback only by default) holding the bearer token of the 0600 file
 * {@code golem.provider.admin.token-file}. The token is compared in constant time and never logged.
 */
@ApplicationScoped
public class AdminAccess {

    @Inject
    ProviderSettings settings;

    @Inject
    AdminToken adminToken;

    private volatile List<Cidr> allowed;
    private volatile byte[] token;

    /** @return whether a caller at {@code remote} (an IP literal) may reach the operator interface */
    public boolean addressAllowed(String remote) {
        if (allowed == null) {
            allowed = Arrays.stream(settings.adminAllowedAddresses().split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
        }
        try {
            InetAddress a = InetAddress.getByName(remote);
            return allowed.stream().anyMatch(c -> c.contains(a));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** @return whether an {@code Authorization} header carries the admin token ({@code Bearer <token>}) */
    public boolean tokenMatches(String authorization) {
        byte[] given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (token == null) {
            token = adminToken.token().getBytes(StandardCharsets.UTF_8);
        }
        return MessageDigest.isEqual(token, given);
    }
}
