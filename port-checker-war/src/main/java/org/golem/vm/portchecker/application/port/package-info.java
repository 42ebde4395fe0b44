/**
 * The ports the port checker's use cases talk to: {@link org.golem.vm.portchecker.application.port.PortProber},
 * adapted to plain TCP sockets in {@code org.golem.vm.portchecker.infrastructure}.
 */
package org.golem.vm.portchecker.application.port;
