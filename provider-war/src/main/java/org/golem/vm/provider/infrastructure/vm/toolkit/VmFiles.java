package org.golem.vm.provider.infrastructure.vm.toolkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The drivers' files on the host: JSON state files (Jackson, record components under their Java names, indented)
 * written so that a reader or a crash never sees half a file, and quiet removal of what a VM leaves behind.
 */
public final class VmFiles {
    private static final Logger LOG = Logger.getLogger(VmFiles.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VmFiles() {
    }

    /**
     * Writes {@code value} as JSON to {@code <file>.tmp} and renames that over {@code file} (atomically where the
     * file system can; a plain replacing rename otherwise).
     *
     * @param file  the state file
     * @param value a record or other Jackson-serializable value
     * @throws IOException when the file cannot be written (the old content, if any, stays)
     */
    public static void writeJsonAtomically(Path file, Object value) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), value);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * @param file a state file written by {@link #writeJsonAtomically}
     * @param type the record type
     * @param <T>  the type
     * @return the value
     * @throws IOException when the file is missing ({@link java.nio.file.NoSuchFileException} or
     *                     {@link java.io.FileNotFoundException}) or not valid JSON of that type
     */
    public static <T> T readJson(Path file, Class<T> type) throws IOException {
        return JSON.readValue(file.toFile(), type);
    }

    /**
     * @param value a string
     * @return {@code value} as a JSON string literal (quoted, escaped), which is also a YAML flow scalar
     * @throws IOException never in practice (Jackson's signature)
     */
    public static String jsonString(String value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    /**
     * Deletes a file or a directory tree; what cannot be deleted is logged and left.
     *
     * @param path a file or directory, or null (nothing happens)
     */
    public static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warning(() -> "cannot delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot delete " + path, e);
        }
    }

    /**
     * @param file a log file, e.g. a VM's serial log
     * @return its last 800 characters (trimmed, with a leading ellipsis when cut), or {@code (no <name>)} when it
     *         cannot be read
     */
    public static String tail(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.length() > 800 ? "…" + s.substring(s.length() - 800) : s;
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }
}
