/**
 * The port checker service: TCP reachability checks (issue 4).
 */
package org.golem.vm.portchecker;
