/**
 * The pieces both VM drivers ({@code qemu} and {@code multipass}) are built from, so each exists once: JSON state
 * files written atomically ({@link org.golem.vm.provider.infrastructure.vm.toolkit.VmFiles}), the wait for a guest's
 * {@code SSH-} banner ({@link org.golem.vm.provider.infrastructure.vm.toolkit.SshBanner}), deadlines and pauses
 * ({@link org.golem.vm.provider.infrastructure.vm.toolkit.Deadline}), running a host command with a timeout
 * ({@link org.golem.vm.provider.infrastructure.vm.toolkit.ProcessRunner}), the cloud-init NoCloud user-data and seed
 * ({@link org.golem.vm.provider.infrastructure.vm.toolkit.CloudInit}) and one lock per VM id
 * ({@link org.golem.vm.provider.infrastructure.vm.toolkit.VmLocks}).
 */
package org.golem.vm.provider.infrastructure.vm.toolkit;
