/**
 * Signed requests, golem-vm v1: every caller of a protected endpoint signs a short text
 * describing the request with its Ethereum key, using EIP-191 {@code personal_sign}, so that any
 * Ethereum tool ({@code cast wallet sign}, MetaMask, web3j) can produce the signature.
 *
 * <ul>
 *   <li>{@link org.golem.vm.common.auth.SignedRequest} builds the signed text;</li>
 *   <li>{@link org.golem.vm.common.auth.RequestSigner} (client side) produces the three headers;</li>
 *   <li>{@link org.golem.vm.common.auth.RequestVerifier} (server side) checks them (steps 1-4) and
 *       offers the ownership check of step 5;</li>
 *   <li>{@link org.golem.vm.common.auth.ReplayMemory} remembers accepted signatures for step 4: in the service's
 *       database ({@link org.golem.vm.common.auth.JdbcReplayMemory}, across restarts and instances) or in the JVM
 *       ({@link org.golem.vm.common.auth.ReplayCache});</li>
 *   <li>{@link org.golem.vm.common.auth.AuthException} / {@link org.golem.vm.common.auth.AuthError} carry
 *       refusals (HTTP 401, 403 for {@code AUTH_FORBIDDEN}, 503 for {@code AUTH_UNAVAILABLE}).</li>
 * </ul>
 *
 * <p>No cryptography is implemented here: hashing, signing and public-key recovery are web3j's
 * ({@code Hash.sha256}, {@code Sign.signPrefixedMessage}, {@code Sign.signedPrefixedMessageToKey}).
 */
package org.golem.vm.common.auth;
