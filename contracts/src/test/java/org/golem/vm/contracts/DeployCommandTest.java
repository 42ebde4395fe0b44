package org.golem.vm.contracts;

import static org.golem.vm.contracts.ChainKit.assertAddress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.golem.vm.common.keys.KeyFiles;
import org.golem.vm.contracts.generated.MockERC20;
import org.golem.vm.contracts.testing.Anvil;
import org.golem.vm.contracts.testing.AnvilExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/**
 * Deployment end to end: {@code deploy-contracts} against the anvil RPC URL (key in a 0600 file; the written
 * {@code <out>/<network>.json}; exit 2 for an insecure key file or a bad address, exit 1 for an unreachable node),
 * {@link Deployment#read} of the original's {@code l2.json} shape (docs/contracts.md §6), and
 * {@link StreamPaymentClient#version()} telling v2 from the original.
 */
@ExtendWith(AnvilExtension.class)
class DeployCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Anvil anvil;
    private final ChainKit kit;
    @TempDir
    Path dir;
    private Credentials deployer;
    private Path keyFile;
    private Path out;

    DeployCommandTest(Anvil anvil) {
        this.anvil = anvil;
        this.kit = new ChainKit(anvil);
    }

    @BeforeEach
    void key() throws IOException {
        deployer = anvil.newAccount();
        keyFile = dir.resolve("deployer.key");
        KeyFiles.writeSecret(keyFile,
                Numeric.toHexStringNoPrefixZeroPadded(deployer.getEcKeyPair().getPrivateKey(), 64) + "\n");
        out = dir.resolve("deployments");
    }

    /** Exit code and output of one run. */
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cmd = new CommandLine(new DeployCommand());
        cmd.setOut(new PrintWriter(stdout, true));
        cmd.setErr(new PrintWriter(stderr, true));
        int exit = cmd.execute(args);
        return new Run(exit, stdout.toString(), stderr.toString());
    }

    private boolean hasCode(String address, long block) throws IOException {
        String code = kit.web3j.ethGetCode(address, new DefaultBlockParameterNumber(block)).send().getCode();
        return code != null && !code.equals("0x");
    }

    @Test
    void deploysWithAMockTokenAndWritesTheDeploymentFile() throws Exception {
        Run run = run("--rpc-url", anvil.rpcUrl(), "--private-key-file", keyFile.toString(), "--out", out.toString(),
                "--mock-token");
        assertEquals(0, run.exit(), run.err());
        Path file = out.resolve("local.json");
        assertTrue(run.out().contains("wrote " + file), run.out());

        JsonNode json = JSON.readTree(file.toFile());
        assertEquals("local", json.path("network").asText(), "default network name on chain 31337");
        assertEquals(31337, json.path("chain_id").asLong());
        assertTrue(json.path("block_number").isIntegralNumber());
        assertEquals(2, json.path("StreamPayment").path("version").asInt());
        assertTrue(json.path("MockERC20").isObject());
        Instant.parse(json.path("timestamp").asText()); // ISO-8601

        Deployment d = Deployment.read(file);
        assertEquals(31337L, d.chainId());
        assertAddress(deployer.getAddress(), d.deployer());
        String payment = d.streamPayment().address();
        assertAddress(deployer.getAddress(), d.streamPayment().oracle());
        assertEquals(Integer.valueOf(2), d.streamPayment().version());
        assertEquals(d.mockToken().address(), d.streamPayment().glmToken(), "streams are to use the mock token");
        assertFalse(d.nativeEth());
        assertAddress(deployer.getAddress(), d.mockToken().initialHolder());
        assertEquals(Deployer.DEFAULT_MOCK_MINT, d.mockToken().initialMintWei());

        // block_number is the StreamPayment deployment block
        assertTrue(hasCode(payment, d.blockNumber()));
        assertFalse(hasCode(payment, d.blockNumber() - 1));
        StreamPaymentClient client = new StreamPaymentClient(anvil.chain(), payment);
        assertEquals(2, client.version());
        assertAddress(deployer.getAddress(), kit.views(payment).oracle().send());
        MockERC20 token = MockERC20.load(d.mockToken().address(), kit.web3j,
                new ReadonlyTransactionManager(kit.web3j, null), anvil.gas());
        assertEquals(Deployer.DEFAULT_MOCK_MINT, token.balanceOf(deployer.getAddress()).send());

        // the provider registry beside it: in the file, printed, deployed at its block, empty
        assertTrue(json.path("ProviderRegistry").path("address").isTextual(), json.toString());
        Deployment.RegistryInfo registry = d.providerRegistry();
        assertTrue(run.out().contains("ProviderRegistry " + registry.address()), run.out());
        assertTrue(hasCode(registry.address(), registry.blockNumber()));
        assertFalse(hasCode(registry.address(), registry.blockNumber() - 1));
        assertTrue(new ProviderRegistryClient(anvil.chain(), registry.address()).snapshot().entries().isEmpty());
        assertEquals(registry.address(), Deployment.registry(out, "local", null).orElseThrow().address());
    }

    @Test
    void deploysForNativeEthWithANamedNetworkAndAnotherOracle() throws Exception {
        Credentials oracle = anvil.newAccount();
        Run run = run("--rpc-url", anvil.rpcUrl(), "--private-key-file", keyFile.toString(), "--out", out.toString(),
                "--network", "l2.test", "--oracle", oracle.getAddress(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode printed = JSON.readTree(run.out());
        Deployment d = Deployment.read(out.resolve("l2.test.json"));
        assertEquals("l2.test", d.network());
        assertEquals(printed.path("StreamPayment").path("address").asText(), d.streamPayment().address());
        assertAddress(oracle.getAddress(), d.streamPayment().oracle());
        assertAddress(oracle.getAddress(), kit.views(d.streamPayment().address()).oracle().send());
        assertTrue(d.nativeEth());
        assertNull(d.mockToken());
        assertFalse(JSON.readTree(out.resolve("l2.test.json").toFile()).has("MockERC20"));

        // the deployed contract works: the new oracle may halt, the deployer may not
        StreamPaymentClient sp = new StreamPaymentClient(anvil.chain(), d.streamPayment().address());
        Credentials a = anvil.newAccount();
        BigInteger id = sp.as(a).createStream(ChainKit.ETH, anvil.newAccount().getAddress(), BigInteger.valueOf(100),
                BigInteger.ONE);
        assertEquals(BigInteger.ONE, id);
        assertEquals("not oracle", ChainKit.revertOf(() -> sp.as(deployer).haltStream(id)));
        sp.as(oracle).haltStream(id);
        assertTrue(sp.stream(id).halted());
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        Path open = dir.resolve("open.key");
        Files.writeString(open, Files.readString(keyFile));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        long block = anvil.chain().latestBlockNumber();
        Run run = run("--rpc-url", anvil.rpcUrl(), "--private-key-file", open.toString(), "--out", out.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(open.toString()), run.err());
        assertFalse(Files.exists(out.resolve("local.json")));
        assertEquals(block, anvil.chain().latestBlockNumber(), "nothing was sent");
        assertFalse(run.err().contains(Files.readString(keyFile).strip()), "the key is never printed");
    }

    @Test
    void refusesBadAddressesAndConflictingTokenOptions() {
        String[] base = {"--rpc-url", anvil.rpcUrl(), "--private-key-file", keyFile.toString(), "--out",
                out.toString()};
        for (String[] extra : new String[][] {
                {"--oracle", "0x1234"},
                {"--token", "not-an-address"},
                {"--token", anvil.tokenAddress(), "--mock-token"}}) {
            String[] args = new String[base.length + extra.length];
            System.arraycopy(base, 0, args, 0, base.length);
            System.arraycopy(extra, 0, args, base.length, extra.length);
            Run run = run(args);
            assertEquals(2, run.exit(), String.join(" ", extra));
            assertTrue(run.err().startsWith("error:"), run.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void unreachableRpcUrlExits1() {
        Run run = run("--rpc-url", "http://127.0.0.1:1", "--private-key-file", keyFile.toString(), "--out",
                out.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("http://127.0.0.1:1"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void readsTheOriginalL2DeploymentFile() throws IOException {
        Path l2 = dir.resolve("l2.json");
        Files.writeString(l2, """
                {
                  "network": "l2",
                  "timestamp": "",
                  "StreamPayment": {
                    "address": "0x0281B792b5491E3548c8Fc17C24A2e0Cb99FbeC2",
                    "oracle": "0xDd329f6EDf93637634E8862d34c3909d298A7055",
                    "glmToken": "0x0000000000000000000000000000000000000000"
                  }
                }
                """);
        Deployment d = Deployment.read(l2);
        assertEquals("l2", d.network());
        assertEquals("", d.timestamp());
        assertEquals("0x0281B792b5491E3548c8Fc17C24A2e0Cb99FbeC2", d.streamPayment().address());
        assertEquals("0xDd329f6EDf93637634E8862d34c3909d298A7055", d.streamPayment().oracle());
        assertTrue(d.nativeEth());
        assertNull(d.streamPayment().version(), "the original has no version");
        assertNull(d.chainId());
        assertNull(d.blockNumber());
        assertNull(d.deployer());
        assertNull(d.mockToken());

        // the polygon placeholder (all zero, empty timestamp) reads too; a file without an address does not
        Path polygon = dir.resolve("polygon.json");
        String zero = "0x0000000000000000000000000000000000000000";
        Files.writeString(polygon, "{\"network\":\"polygon\",\"timestamp\":\"\",\"StreamPayment\":{\"address\":\""
                + zero + "\",\"oracle\":\"" + zero + "\",\"glmToken\":\"" + zero + "\"}}");
        assertEquals(zero, Deployment.read(polygon).streamPayment().address());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"network\":\"x\",\"timestamp\":\"\",\"StreamPayment\":{\"oracle\":\"0x0\"}}");
        assertThrows(UncheckedIOException.class, () -> Deployment.read(broken));
        assertThrows(UncheckedIOException.class, () -> Deployment.read(dir.resolve("missing.json")));
    }

    @Test
    void writeThenReadRoundTrips() {
        Deployment d = anvil.deployment();
        Path file = d.write(dir);
        assertEquals(dir.resolve(d.network() + ".json"), file);
        assertEquals(d, Deployment.read(file));
    }

    @Test
    void versionTellsV2FromTheOriginal() throws Exception {
        assertEquals(2, kit.v2().version());
        assertEquals(1, kit.deployV1().version());
        StreamPaymentClient nothing = new StreamPaymentClient(anvil.chain(), anvil.newAccount().getAddress());
        assertThrows(IOException.class, nothing::version, "no contract at an EOA");
    }
}
