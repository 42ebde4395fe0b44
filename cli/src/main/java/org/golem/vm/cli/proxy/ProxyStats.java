package org.golem.vm.cli.proxy;

/**
 * A snapshot of a {@link ProxyServer}'s counters since it started.
 *
 * @param open      connections open now
 * @param total     connections accepted
 * @param failed    connections that ended with a refusal (bad request, unreachable target) or an I/O error
 * @param bytesUp   bytes relayed from the clients (the VM) to their targets, request heads included
 * @param bytesDown bytes relayed from the targets to the clients, answer heads included
 */
public record ProxyStats(int open, long total, long failed, long bytesUp, long bytesDown) {
}
