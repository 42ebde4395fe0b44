/**
 * The requestor service: wallet, SSH keys, VM records, streams and auto top-up (issue 7).
 */
package org.golem.vm.requestor;
