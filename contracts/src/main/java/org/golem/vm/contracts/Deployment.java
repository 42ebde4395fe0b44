package org.golem.vm.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A deployment file, {@code deployments/<network>.json}: where StreamPayment lives on one chain.
 *
 * <p>The shape is a superset of the original's ({@code {network, timestamp, StreamPayment: {address, oracle,
 * glmToken}}}, docs/contracts.md §6), so the original's files load unchanged and its tools can read ours.
 * Added: {@code chain_id}, {@code block_number} (the deployment block, where event scans may start),
 * {@code deployer}, {@code StreamPayment.version}, {@code ProviderRegistry} (the providers' directory on the chain,
 * docs/contracts.md §8; absent in files written before it existed) and, when a test token was deployed with it,
 * {@code MockERC20}.
 *
 * @param network      the network name, also the file's base name (e.g. {@code local}, {@code l2.holesky})
 * @param chainId      EIP-155 chain id; null in the original's files
 * @param blockNumber  block of the StreamPayment deployment; null in the original's files
 * @param timestamp    ISO-8601 UTC time of the deployment (may be empty in the original's files)
 * @param deployer     address that sent the deployment transactions; null in the original's files
 * @param streamPayment the StreamPayment contract
 * @param mockToken    the mock ERC-20 deployed alongside, or null
 * @param providerRegistry the ProviderRegistry deployed alongside, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Deployment(
        @JsonProperty("network") String network,
        @JsonProperty("chain_id") Long chainId,
        @JsonProperty("block_number") Long blockNumber,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("deployer") String deployer,
        @JsonProperty("StreamPayment") StreamPaymentInfo streamPayment,
        @JsonProperty("MockERC20") MockTokenInfo mockToken,
        @JsonProperty("ProviderRegistry") RegistryInfo providerRegistry) {

    /** A deployment without a provider registry (as every deployment before it existed). */
    public Deployment(String network, Long chainId, Long blockNumber, String timestamp, String deployer,
                      StreamPaymentInfo streamPayment, MockTokenInfo mockToken) {
        this(network, chainId, blockNumber, timestamp, deployer, streamPayment, mockToken, null);
    }

    /**
     * The ProviderRegistry entry.
     *
     * @param address     contract address, {@code 0x} + 40 hex
     * @param blockNumber block of its deployment: where a reader of its events may start
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RegistryInfo(
            @JsonProperty("address") String address,
            @JsonProperty("block_number") Long blockNumber) {
    }

    /**
     * Resolves the provider registry a service uses: an explicit setting wins, else the deployment file's
     * {@code ProviderRegistry.address} when the file exists and names one.
     *
     * @param deploymentsDir directory of deployment files
     * @param network        payments network (the file's base name)
     * @param explicit       explicitly configured registry address, or null/blank; the zero address means none
     * @return the registry (address EIP-55 and, from a deployment file, its deployment block), empty when none
     * @throws java.io.UncheckedIOException when the file exists but cannot be read
     */
    public static Optional<RegistryInfo> registry(Path deploymentsDir, String network, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            if (new BigInteger(explicit.strip().replaceFirst("^0[xX]", ""), 16).signum() == 0) {
                return Optional.empty();
            }
            return Optional.of(new RegistryInfo(org.web3j.crypto.Keys.toChecksumAddress(explicit.strip()),
                    null));
        }
        Path file = deploymentsDir.resolve(network + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        RegistryInfo r = read(file).providerRegistry();
        if (r == null || r.address() == null) {
            return Optional.empty();
        }
        return Optional.of(new RegistryInfo(org.web3j.crypto.Keys.toChecksumAddress(r.address()),
                r.blockNumber()));
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The StreamPayment entry.
     *
     * @param address  contract address, {@code 0x} + 40 hex
     * @param oracle   the oracle allowed to halt streams
     * @param glmToken the token streams are expected to use; the zero address means native ETH (the contract
     *                 itself takes the token per stream, so this is advice to clients and providers)
     * @param version  2 for this project's contract; null for the original deployment (v1)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StreamPaymentInfo(
            @JsonProperty("address") String address,
            @JsonProperty("oracle") String oracle,
            @JsonProperty("glmToken") String glmToken,
            @JsonProperty("version") Integer version) {
    }

    /**
     * A mock ERC-20 (anyone can mint) deployed for tests and local chains.
     *
     * @param address        token address
     * @param initialHolder  account the initial supply was minted to
     * @param initialMintWei initial supply in token wei (18 decimals)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MockTokenInfo(
            @JsonProperty("address") String address,
            @JsonProperty("initialHolder") String initialHolder,
            @JsonProperty("initialMintWei") BigInteger initialMintWei) {
    }

    /**
     * A service's payment addresses, EIP-55: the StreamPayment contract (null when none is configured) and the
     * stream token (the zero address for native ETH).
     *
     * @param contract StreamPayment address, or null
     * @param token    token address, zero for native ETH
     */
    public record Addresses(String contract, String token) {
    }

    /**
     * Resolves the addresses a service uses: explicit settings win; what they leave open comes from
     * {@code <deploymentsDir>/<network>.json} when that file exists; a zero contract address means none.
     *
     * @param deploymentsDir directory of deployment files
     * @param network        payments network (the file's base name)
     * @param contract       explicitly configured contract, or null
     * @param token          explicitly configured token, or null
     * @return the addresses
     * @throws java.io.UncheckedIOException when the file exists but cannot be read
     */
    public static Addresses addresses(Path deploymentsDir, String network, String contract, String token) {
        Path file = deploymentsDir.resolve(network + ".json");
        if ((contract == null || token == null) && Files.isRegularFile(file)) {
            Deployment d = read(file);
            contract = contract == null ? d.streamPayment().address() : contract;
            token = token == null ? d.streamPayment().glmToken() : token;
        }
        String zero = "0x0000000000000000000000000000000000000000";
        if (contract != null && contract.equalsIgnoreCase(zero)) {
            contract = null;
        }
        return new Addresses(contract == null ? null : org.web3j.crypto.Keys.toChecksumAddress(contract),
                org.web3j.crypto.Keys.toChecksumAddress(token == null || token.isBlank() ? zero : token));
    }

    /** @return true when streams are expected to pay in native ETH (token is the zero address or absent). */
    public boolean nativeEth() {
        String token = streamPayment == null ? null : streamPayment.glmToken();
        return token == null || new BigInteger(token.replaceFirst("^0[xX]", "").isEmpty() ? "0"
                : token.replaceFirst("^0[xX]", ""), 16).signum() == 0;
    }

    /**
     * Reads a deployment file.
     *
     * @throws UncheckedIOException when the file is missing or not a deployment JSON document
     */
    public static Deployment read(Path file) {
        try {
            Deployment d = MAPPER.readValue(file.toFile(), Deployment.class);
            if (d.streamPayment() == null || d.streamPayment().address() == null) {
                throw new IOException(file + " has no StreamPayment.address");
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read deployment file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes this deployment to {@code dir/<network>.json} atomically (temporary file, then rename) and returns
     * the path.
     *
     * @throws UncheckedIOException when the directory cannot be created or written
     */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(network + ".json");
            Path tmp = Files.createTempFile(dir, "." + network, ".tmp");
            MAPPER.writeValue(tmp.toFile(), this);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write deployment file into " + dir + ": " + e.getMessage(), e);
        }
    }
}
