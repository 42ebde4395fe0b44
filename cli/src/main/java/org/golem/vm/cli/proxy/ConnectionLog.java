package org.golem.vm.cli.proxy;

/**
 * One finished proxy connection, as {@link ProxyServer} reports it to its listener.
 *
 * @param protocol  {@code connect} (HTTP CONNECT tunnel), {@code http} (an absolute-URI request such as
 *                  {@code GET http://host/path}), {@code socks5}, or {@code unknown} when the first bytes were neither
 * @param target    {@code host:port} the client asked for, or null when the request was refused before naming one
 * @param bytesUp   bytes from the client to the target
 * @param bytesDown bytes from the target to the client
 * @param error     why the connection was refused or broke off (one line), or null when it ended normally
 */
public record ConnectionLog(String protocol, String target, long bytesUp, long bytesDown, String error) {
}
