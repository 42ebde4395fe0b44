package org.golem.vm.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.golem.vm.common.keys.KeyFiles;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deploy-contracts}: deploys StreamPayment v2 and the ProviderRegistry (optionally with a mock ERC-20) to any
 * JSON-RPC URL and writes
 * {@code <out>/<network>.json}.
 *
 * <p>The deployer key comes from a file of mode 0600 ({@code --private-key-file}) or from the environment variable
 * {@code GOLEM_DEPLOYER_PRIVATE_KEY}; never from the command line, where other users could read it. Exit codes: 0
 * deployed, 1 deployment failed (node unreachable, transaction failed), 2 bad usage or unreadable key.
 */
@Command(name = "deploy-contracts", mixinStandardHelpOptions = true, version = "golem-vm contracts 0.1.0",
        description = "Deploy the StreamPayment v2 and ProviderRegistry contracts and write deployments/<network>.json.")
public final class DeployCommand implements Callable<Integer> {

    /** Environment variable that may hold the deployer's private key (hex). */
    public static final String KEY_ENV = "GOLEM_DEPLOYER_PRIVATE_KEY";

    @Option(names = "--rpc-url", defaultValue = "${env:GOLEM_RPC_URL:-http://127.0.0.1:8545}",
            description = "JSON-RPC URL of the chain (default: $GOLEM_RPC_URL or ${DEFAULT-VALUE}).")
    String rpcUrl;

    @Option(names = "--private-key-file", paramLabel = "FILE",
            description = "File (mode 0600) holding the deployer's private key in hex. Default: $" + KEY_ENV + ".")
    Path keyFile;

    @Option(names = "--network", paramLabel = "NAME",
            description = "Network name for the deployment file (default: 'local' on chain 31337, else chain-<id>).")
    String network;

    @Option(names = "--oracle", paramLabel = "ADDRESS",
            description = "Address allowed to halt streams (default: the deployer).")
    String oracle;

    @Option(names = "--token", paramLabel = "ADDRESS",
            description = "ERC-20 token the streams should use (default: native ETH).")
    String token;

    @Option(names = "--mock-token", description = "Also deploy a MockERC20 test token, mint to the deployer, use it.")
    boolean mockToken;

    @Option(names = "--mock-mint-wei", paramLabel = "WEI", defaultValue = "1000000000000000000000000",
            description = "Initial mock-token supply in token wei (default: ${DEFAULT-VALUE}).")
    BigInteger mockMintWei;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "deployments",
            description = "Directory for the deployment file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", description = "Print the deployment as JSON instead of a summary.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        for (String address : new String[] {oracle, token}) {
            if (address != null && !WalletUtils.isValidAddress(address)) {
                err.println("error: not an address (0x + 40 hex): " + address);
                return 2;
            }
        }
        if (mockToken && token != null) {
            err.println("error: give --token or --mock-token, not both");
            return 2;
        }
        Credentials deployer;
        try {
            deployer = loadKey();
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try (Chain chain = Chain.connect(rpcUrl)) {
            String name = network != null ? network : chain.chainId() == 31337 ? "local" : "chain-" + chain.chainId();
            if (!json) {
                err.println("Deploying StreamPayment v2 and ProviderRegistry to chain " + chain.chainId() + " at " + rpcUrl
                        + " from " + Keys.toChecksumAddress(deployer.getAddress()) + (mockToken ? " (with MockERC20)" : "") + " ...");
            }
            Deployment deployment = new Deployer(chain, deployer)
                    .deploy(new Deployer.Request(name, oracle, token, mockToken, mockMintWei));
            Path file = deployment.write(out);
            if (json) {
                outWriter.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(deployment));
            } else {
                outWriter.println("StreamPayment " + deployment.streamPayment().address()
                        + " (block " + deployment.blockNumber() + ", oracle " + deployment.streamPayment().oracle()
                        + ", token " + deployment.streamPayment().glmToken() + ")");
                outWriter.println("ProviderRegistry " + deployment.providerRegistry().address()
                        + " (block " + deployment.providerRegistry().blockNumber() + ")");
                outWriter.println("wrote " + file);
            }
            return 0;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("error: deployment failed: " + e.getMessage());
            return 1;
        }
    }

    private Credentials loadKey() throws IOException {
        if (keyFile != null) {
            return KeyFiles.readPrivateKey(keyFile);
        }
        String fromEnv = System.getenv(KEY_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            throw new IOException("no deployer key: give --private-key-file FILE or set " + KEY_ENV);
        }
        return KeyFiles.parsePrivateKey(fromEnv, "$" + KEY_ENV);
    }

    /**
     * Runs the command and exits with its exit code.
     *
     * @param args command-line arguments, see {@code --help}
     */
    public static void main(String... args) {
        System.exit(new CommandLine(new DeployCommand()).execute(args));
    }
}
