package org.golem.vm.contracts.testing;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests a real anvil chain with the contracts deployed.
 *
 * <p>Use {@code @ExtendWith(AnvilExtension.class)} and declare an {@link Anvil} parameter (constructor, lifecycle
 * or test method). One anvil process serves the whole test JVM (it is started on first use and stopped when
 * the JVM's tests end); every test runs between {@code evm_snapshot} and {@code evm_revert}, so tests do not see
 * each other's streams, balances or time jumps. Anvil's output goes to {@code target/anvil.log}.
 *
 * <p>Shared with other modules through the contracts test-jar.
 */
public final class AnvilExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Anvil.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Anvil.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return anvil(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("snapshot", anvil(context).snapshot());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String id = context.getStore(NAMESPACE).remove("snapshot", String.class);
        if (id != null) {
            anvil(context).revert(id);
        }
    }

    /** @return the JVM-wide anvil, started on first use */
    public static Anvil anvil(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("anvil", key -> new Resource(), Resource.class).anvil;
    }

    /** Closes anvil when the root context (the whole test run) closes. */
    private static final class Resource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final Anvil anvil;

        Resource() {
            try {
                Path log = Paths.get(System.getProperty("golem.test.logs", "target")).resolve("anvil.log");
                anvil = Anvil.start(log);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start anvil: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            anvil.close();
        }
    }
}
