/**
 * The provider service: stream-gated VM rental API, VM drivers, stream monitor and auto-withdraw timers (issue 6).
 */
package org.golem.vm.provider;
