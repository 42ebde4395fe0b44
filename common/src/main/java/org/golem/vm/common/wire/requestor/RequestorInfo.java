package org.golem.vm.common.wire.requestor;

/**
 * Answer of {@code GET /api/v1/info}: facts about the requestor service the CLI needs. Every field is always
 * present (null when unknown).
 *
 * @param version              the service's implementation version, or null when run from classes
 * @param address              the wallet address, EIP-55
 * @param network              the discovery network filter, or null
 * @param paymentsNetwork      the payments network (deployment file base name), e.g. {@code local}
 * @param chainId              the node's chain id; null while the chain cannot be reached
 * @param rpcUrl               the JSON-RPC node
 * @param streamPaymentAddress the StreamPayment contract, or null when none is configured
 * @param tokenAddress         the stream token; the zero address for native ETH
 * @param tokenSymbol          e.g. {@code ETH} or {@code GLM}
 * @param discoveryUrl         the central discovery service
 * @param dataDir              the service's data directory (absolute)
 * @param sshPublicKey         the requestor's SSH public key line ({@code ssh-ed25519 AAAA… golem-requestor})
 * @param sshPrivateKeyFile    the matching private key file
 * @param knownHostsFile       where VM host keys are pinned
 */
public record RequestorInfo(String version, String address, String network, String paymentsNetwork, Long chainId,
                            String rpcUrl, String streamPaymentAddress, String tokenAddress, String tokenSymbol,
                            String discoveryUrl, String dataDir, String sshPublicKey, String sshPrivateKeyFile,
                            String knownHostsFile) {
}
