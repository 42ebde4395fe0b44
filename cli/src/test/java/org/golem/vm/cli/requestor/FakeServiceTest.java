package org.golem.vm.cli.requestor;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the command tests that run {@code golem} against a {@link FakeRequestorServer}, one per test. */
abstract class FakeServiceTest {

    /** The service's data directory. */
    @TempDir
    Path tmp;

    FakeRequestorServer fake;
    CliRunner cli;

    @BeforeEach
    void startFake() throws IOException {
        fake = new FakeRequestorServer();
        cli = new CliRunner(fake, tmp);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }
}
