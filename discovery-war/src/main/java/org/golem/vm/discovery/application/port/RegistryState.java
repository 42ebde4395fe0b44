package org.golem.vm.discovery.application.port;

/**
 * The registry's version counters, read on every search.
 *
 * @param version        bumped by every write (publish, withdraw); a search snapshot older than it is refreshed
 * @param tombstoneFloor the newest deletion version whose tombstone was pruned: a snapshot older than it cannot
 *                       learn every deletion incrementally and reloads in full
 */
public record RegistryState(long version, long tombstoneFloor) {
}
