package org.golem.vm.requestor.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.golem.vm.common.keys.KeyFiles;
import org.golem.vm.requestor.application.port.ApiTokenFile;
import org.golem.vm.requestor.config.RequestorSettings;

/** The API token in {@code <data-dir>/api.token}, mode 0600 ({@link KeyFiles}). */
@ApplicationScoped
public class DataDirApiToken implements ApiTokenFile {

    @Inject
    RequestorSettings settings;

    @Override
    public void createIfMissing() throws IOException {
        if (!Files.exists(settings.apiTokenFile())) {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            KeyFiles.writeSecret(settings.apiTokenFile(), HexFormat.of().formatHex(b) + "\n");
        }
    }

    @Override
    public String read() throws IOException {
        KeyFiles.requireOwnerOnly(settings.apiTokenFile());
        return Files.readString(settings.apiTokenFile()).strip();
    }
}
