/**
 * The port checker's MicroProfile Health checks: readiness of the probe pool
 * ({@link org.golem.vm.portchecker.interfaces.health.ProbePoolReadiness}).
 */
package org.golem.vm.portchecker.interfaces.health;
