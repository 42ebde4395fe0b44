package org.golem.vm.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    @Test
    void theRegistryComesFromTheSettingElseTheFile(@TempDir Path dir) {
        new Deployment("local", 31337L, 1L, "", null, new Deployment.StreamPaymentInfo(SP, ZERO, ZERO, 2), null,
                new Deployment.RegistryInfo(REGISTRY.toLowerCase(), 7L)).write(dir);
        Deployment.RegistryInfo fromFile = Deployment.registry(dir, "local", null).orElseThrow();
        assertEquals(REGISTRY, fromFile.address(), "EIP-55 checksummed");
        assertEquals(7L, fromFile.blockNumber(), "the deployment block: where a reader's event scan may start");
        Deployment.RegistryInfo explicit = Deployment.registry(dir, "local", SP.toLowerCase()).orElseThrow();
        assertEquals(SP, explicit.address(), "an explicit registry wins");
        assertNull(explicit.blockNumber());
        assertTrue(Deployment.registry(dir, "local", ZERO).isEmpty(), "an explicit zero address means none");
    }

    @Test
    void noRegistryInTheFileOrNoFileMeansNone(@TempDir Path dir) {
        file(dir, "old", SP, ZERO);
        assertTrue(Deployment.registry(dir, "old", null).isEmpty(), "a deployment from before the registry");
        assertTrue(Deployment.registry(dir, "nowhere", "  ").isEmpty());
    }
}
