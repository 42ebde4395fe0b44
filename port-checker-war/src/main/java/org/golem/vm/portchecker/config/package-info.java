/**
 * The port checker's settings, the one place they are read:
 * {@link org.golem.vm.portchecker.config.PortCheckerSettings} (validated values and defaults), read from
 * MicroProfile Config by the seed's environment-variable names in
 * {@link org.golem.vm.portchecker.config.PortCheckerConfig}, injectable through
 * {@link org.golem.vm.portchecker.config.PortCheckerSettingsProducer}.
 */
package org.golem.vm.portchecker.config;
