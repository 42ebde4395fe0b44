/**
 * What the {@code golem} and {@code golem-provider} commands share, and nothing command-specific: the process
 * environment ({@link org.golem.vm.cli.support.CliEnv}), running a command line and reporting failures as one line
 * with an exit status ({@link org.golem.vm.cli.support.CliMain}, {@link org.golem.vm.cli.support.CliException}),
 * the base classes of leaf and group commands, the {@code --json} mixin and the version, the HTTP client of our
 * services with their error envelope ({@link org.golem.vm.cli.support.ServiceClient}), starting the requestor
 * service, the provider's pid file, and the output for people (tables, panels, amounts, durations) and for
 * programs (pretty JSON). Command packages use it; it uses none of them.
 */
package org.golem.vm.cli.support;
