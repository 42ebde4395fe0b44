package org.golem.vm.common.wire;

import org.web3j.crypto.Keys;

/**
 * Ethereum addresses in the form services compare and store them: EIP-55 mixed-case checksum form
 * ({@code 0x} + 40 hex digits whose letters' case encodes a Keccak-256 checksum of the lower-case address). Lets
 * a service's domain and use cases normalise addresses without depending on web3j themselves.
 */
public final class EthereumAddresses {
    private EthereumAddresses() {
    }

    /**
     * @param address an address, {@code 0x} + 40 hex digits in any case (check it first with
     *                {@link WireValidation#isEthereumAddress(String)})
     * @return its EIP-55 checksum form, e.g. {@code 0x9D12f0AF464A6b5EFd4bbb8679cC205012326019}
     */
    public static String checksum(String address) {
        return Keys.toChecksumAddress(address);
    }
}
