/**
 * The discovery service: signed provider advertisements, search and expiry (issue 3).
 */
package org.golem.vm.discovery;
