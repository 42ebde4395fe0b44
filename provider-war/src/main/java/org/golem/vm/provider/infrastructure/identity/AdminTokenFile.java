package org.golem.vm.provider.infrastructure.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.golem.vm.provider.application.port.AdminToken;
import org.golem.vm.provider.config.ProviderSettings;

/** The {@link AdminToken} port on the 0600 file {@code golem.provider.admin.token-file} ({@link ProviderKeys}). */
@ApplicationScoped
public class AdminTokenFile implements AdminToken {

    @Inject
    ProviderSettings settings;

    @Override
    public String token() {
        return ProviderKeys.adminToken(settings.adminTokenFile());
    }
}
