package org.golem.vm.contracts.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.golem.vm.contracts.Chain;
import org.golem.vm.contracts.Deployer;
import org.golem.vm.contracts.Deployment;
import org.golem.vm.contracts.generated.MockERC20;
import org.golem.vm.contracts.generated.StreamPayment;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.DynamicGasProvider;
import org.web3j.utils.Numeric;

/**
 * A running anvil dev chain (npm {@code @foundry-rs/anvil}, pinned in contracts/package.json) on a free loopback
 * port, with StreamPayment v2 (native-ETH mode, its own oracle key) and a MockERC20 deployed.
 *
 * <p>Obtain it through {@link AnvilExtension}. Accounts are fresh random keys funded with
 * {@code anvil_setBalance}; chain time moves with {@link #increaseTime(long)} so runway tests take milliseconds.
 */
public final class Anvil implements AutoCloseable {

    /** Balance of a new account: 10,000 ETH in wei. */
    public static final BigInteger DEFAULT_BALANCE = BigInteger.TEN.pow(22);

    private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");

    private final Process process;
    private final String rpcUrl;
    private final HttpService service;
    private final Chain chain;
    private final Credentials deployer;
    private final Credentials oracle;
    private final Deployment deployment;

    private Anvil(Process process, String rpcUrl) throws Exception {
        this.process = process;
        this.rpcUrl = rpcUrl;
        this.service = new HttpService(rpcUrl);
        this.chain = Chain.connect(rpcUrl);
        this.deployer = newAccount();
        this.oracle = newAccount();
        this.deployment = new Deployer(chain, deployer)
                .deploy(new Deployer.Request("anvil", oracle.getAddress(), null, true, null));
    }

    /**
     * Starts anvil and deploys the contracts.
     *
     * @param logFile where anvil's output goes
     * @throws IllegalStateException when the anvil binary cannot be found or does not start within 30 s
     */
    public static Anvil start(Path logFile) throws Exception {
        Path binary = locateTool("anvil");
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", "0")
                .redirectErrorStream(true).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8)); var log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.write(line);
                    log.newLine();
                    log.flush();
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete("http://" + m.group(1) + ":" + m.group(2));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("anvil exited; see " + logFile));
        }, "anvil-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new Anvil(p, url.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("anvil did not start: " + e.getMessage() + " (log: " + logFile + ")", e);
        }
    }

    /**
     * Finds one of the pinned npm tools ({@code anvil}, {@code cast}, {@code solcjs}): in the directory named by
     * the system property {@code golem.node.tools} (set by the build), else in {@code contracts/node_modules/.bin}
     * of the working directory or one of its parents.
     *
     * @throws IllegalStateException with the fix ({@code bin/test} installs them) when it is not there
     */
    public static Path locateTool(String name) {
        String configured = System.getProperty("golem.node.tools");
        if (configured != null && Files.isExecutable(Paths.get(configured, name))) {
            return Paths.get(configured, name);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("contracts/node_modules/.bin").resolve(name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " not found (golem.node.tools=" + configured
                + "); install the pinned npm tools with: (cd contracts && npm install), or run bin/test");
    }

    /** @return the JSON-RPC URL, {@code http://127.0.0.1:<port>} */
    public String rpcUrl() {
        return rpcUrl;
    }

    /** @return the chain connection */
    public Chain chain() {
        return chain;
    }

    /** @return the deployment: StreamPayment (ETH mode, oracle = {@link #oracle()}) and the MockERC20 */
    public Deployment deployment() {
        return deployment;
    }

    /** @return the StreamPayment address */
    public String streamPaymentAddress() {
        return deployment.streamPayment().address();
    }

    /** @return the MockERC20 address */
    public String tokenAddress() {
        return deployment.mockToken().address();
    }

    /** @return the key that deployed the contracts (holds the initial MockERC20 supply) */
    public Credentials deployer() {
        return deployer;
    }

    /** @return the oracle key: the only one allowed to {@code haltStream} */
    public Credentials oracle() {
        return oracle;
    }

    /** @return a new random account funded with {@link #DEFAULT_BALANCE} */
    public Credentials newAccount() {
        return newAccount(DEFAULT_BALANCE);
    }

    /**
     * @param balanceWei the account's balance in wei
     * @return a new random account with that balance
     */
    public Credentials newAccount(BigInteger balanceWei) {
        try {
            ECKeyPair pair = Keys.createEcKeyPair();
            Credentials c = Credentials.create(pair);
            setBalance(c.getAddress(), balanceWei);
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets an account's ETH balance (anvil_setBalance). */
    public void setBalance(String address, BigInteger wei) {
        rpc("anvil_setBalance", address, Numeric.toHexStringWithPrefix(wei));
    }

    /** @return a gas provider that reads the gas price and estimates gas from the node, as production code does */
    public ContractGasProvider gas() {
        return new DynamicGasProvider(chain.web3j());
    }

    /** @return the StreamPayment contract, sending as {@code as} */
    public StreamPayment streamPayment(Credentials as) {
        return StreamPayment.load(streamPaymentAddress(), chain.web3j(), chain.transactionManager(as), gas());
    }

    /** @return the MockERC20, sending as {@code as} */
    public MockERC20 token(Credentials as) {
        return MockERC20.load(tokenAddress(), chain.web3j(), chain.transactionManager(as), gas());
    }

    /** @return the latest block's timestamp, Unix seconds */
    public long now() {
        return chain.latestBlockTimestamp();
    }

    /** @return an account's ETH balance in wei */
    public BigInteger balance(String address) {
        return chain.balance(address);
    }

    /** Moves chain time forward by {@code seconds} and mines a block carrying the new time. */
    public void increaseTime(long seconds) {
        rpc("evm_increaseTime", seconds);
        mine();
    }

    /** The next block (the next transaction, with automine) gets exactly this Unix timestamp. */
    public void setNextBlockTimestamp(long unixSeconds) {
        rpc("evm_setNextBlockTimestamp", unixSeconds);
    }

    /** Mines one block. */
    public void mine() {
        rpc("evm_mine");
    }

    /** @return a snapshot id for {@link #revert(String)} */
    public String snapshot() {
        return String.valueOf(rpc("evm_snapshot").getResult());
    }

    /** Restores the chain state of a snapshot (which is consumed). */
    public void revert(String snapshotId) {
        Object ok = rpc("evm_revert", snapshotId).getResult();
        if (!Boolean.TRUE.equals(ok)) {
            throw new IllegalStateException("evm_revert(" + snapshotId + ") returned " + ok);
        }
    }

    /**
     * Sends a raw JSON-RPC call.
     *
     * @throws IllegalStateException with the node's message when it answers with an error
     * @throws UncheckedIOException when the node cannot be reached
     */
    public RawResponse rpc(String method, Object... params) {
        try {
            RawResponse r = new Request<>(method, List.of(params), (Web3jService) service, RawResponse.class).send();
            if (r.hasError()) {
                throw new IllegalStateException(method + " failed: " + r.getError().getMessage());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " failed: " + e.getMessage(), e);
        }
    }

    /** A JSON-RPC response with an untyped result. */
    public static final class RawResponse extends Response<Object> {
    }

    /** Stops anvil. */
    @Override
    public void close() {
        chain.close();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
