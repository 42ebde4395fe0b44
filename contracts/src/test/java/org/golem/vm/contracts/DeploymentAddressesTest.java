package org.golem.vm.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How provider and requestor find their payment addresses: explicit settings, else the deployment file. */
class DeploymentAddressesTest {
    private static final String ZERO = "0x0000000000000000000000000000000000000000";
    private static final String SP = "0x0281B792b5491E3548c8Fc17C24A2e0Cb99FbeC2";
    private static final String TOKEN = "0x14B2Fa518F873026cCDc6CD50B6f572B096f4cA1";

    private static void file(Path dir, String network, String contract, String token) {
        new Deployment(network, 31337L, 1L, "", null,
                new Deployment.StreamPaymentInfo(contract, ZERO, token, 2), null).write(dir);
    }

    @Test
    void theFileFillsWhatTheSettingsLeaveOpen(@TempDir Path dir) {
        file(dir, "local", SP.toLowerCase(), TOKEN);
        Deployment.Addresses a = Deployment.addresses(dir, "local", null, null);
        assertEquals(SP, a.contract(), "EIP-55 checksummed");
        assertEquals(TOKEN, a.token());
        assertEquals(ZERO, Deployment.addresses(dir, "local", null, ZERO).token(), "an explicit token wins");
    }

    @Test
    void noFileAndNoSettingMeansNoContractAndNativeEth(@TempDir Path dir) {
        Deployment.Addresses a = Deployment.addresses(dir, "nowhere", null, null);
        assertNull(a.contract());
        assertEquals(ZERO, a.token());
    }

    @Test
    void aZeroContractMeansNone(@TempDir Path dir) {
        file(dir, "polygon", ZERO, ZERO);
        assertNull(Deployment.addresses(dir, "polygon", null, null).contract());
        assertEquals(SP, Deployment.addresses(dir, "polygon", SP, null).contract(), "an explicit contract wins");
    }
}
