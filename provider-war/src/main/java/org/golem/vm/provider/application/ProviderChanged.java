package org.golem.vm.provider.application;

/**
 * CDI event fired (asynchronously) when what the provider advertises changes: free capacity (a VM reserved,
 * created, deleted) or prices. The advertiser re-advertises at once instead of waiting for its interval.
 *
 * @param what a short description for the log, e.g. {@code "vm created"}
 */
public record ProviderChanged(String what) {
}
