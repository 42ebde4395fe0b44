/**
 * The golem and golem-provider command-line tools, calling the services' REST APIs (issues 7 and 8).
 */
package org.golem.vm.cli;
