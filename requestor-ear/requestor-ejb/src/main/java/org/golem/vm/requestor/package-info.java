/**
 * The requestor service: the user's wallet, SSH keys, rented VMs, their payment streams and the auto top-up.
 *
 * <p>Layers (the same in every service): {@code domain} (the VM and job records, the wallet's funds),
 * {@code application} (use cases and the top-up timer; the ports they need in {@code application.port}),
 * {@code infrastructure} (adapters: JPA store, discovery client, signed provider HTTP API, the chain through
 * {@code org.golem.vm.contracts.StreamPaymentGateway}, SSH files, managed executor, the clock), {@code config}
 * (settings) and, in the web module, {@code interfaces.rest} and {@code interfaces.health}.
 */
package org.golem.vm.requestor;
