/**
 * Adapters of the port checker: {@link org.golem.vm.portchecker.infrastructure.SocketPortProber}, TCP connects on a
 * bounded pool behind the {@link org.golem.vm.portchecker.application.port.PortProber} port, produced and closed
 * by {@link org.golem.vm.portchecker.infrastructure.SocketPortProberProducer}.
 */
package org.golem.vm.portchecker.infrastructure;
