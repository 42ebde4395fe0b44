/**
 * The VM's way out through the requestor: a forwarding proxy inside the CLI ({@link org.golem.vm.cli.proxy.ProxyServer},
 * HTTP and SOCKS5 on one port of 127.0.0.1) that {@code golem vm proxy} and {@code golem vm ssh --share-network}
 * offer to the VM through an SSH remote forward. It uses no other package of the CLI.
 */
package org.golem.vm.cli.proxy;
