package org.golem.vm.cli.support;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.JsonException;

/**
 * The {@code --json} output: the value pretty-printed with two-space indentation, {@code "key": value},
 * arrays one item per line, empty containers as {@code []}/{@code {}}, map keys in their given order, and a
 * final newline. Wei amounts stay JSON integers.
 */
public final class JsonOut {

    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators seps = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(seps)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        WRITER = Json.mapper().writer(pp).without(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    private JsonOut() {
    }

    /**
     * @param value a JSON tree, a map or a record
     * @return the pretty JSON text without a trailing newline
     */
    public static String pretty(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new JsonException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param out   where to print
     * @param value the value to print followed by a newline
     */
    public static void print(PrintWriter out, Object value) {
        out.println(pretty(value));
        out.flush();
    }
}
