package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering rules of the server, checked on the sources. */
class PackageRulesTest {
    static final Path MAIN = Path.of("src/main/java/io/screamguard/server");

    /** Packages (relative to io.screamguard.server) whose sources import the given prefix. */
    static Set<String> packagesImporting(String prefix) throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (lines.stream().anyMatch(l -> l.startsWith("import " + prefix) || l.contains(" " + prefix + "."))) {
                    Path dir = MAIN.relativize(f.getParent());
                    packages.add(dir.toString().isEmpty() ? "(root)" : dir.toString().replace('/', '.'));
                }
            }
        }
        return packages;
    }

    /** Source files (relative to io.screamguard.server) that import the given prefix. */
    static Set<String> filesImporting(String prefix) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readAllLines(f).stream().anyMatch(l -> l.startsWith("import " + prefix) || l.contains(" " + prefix + "."))) {
                    out.add(MAIN.relativize(f).toString());
                }
            }
        }
        return out;
    }

    /**
     * The driver stays in persistence code: the event log's package, the shared connection, and
     * the feature packages' {@code *Store} classes (package by feature puts each collection's
     * store beside the service that uses it, so the one-package rule became a one-kind-of-class rule).
     */
    @Test
    void the_mongodb_driver_is_used_only_by_the_event_log_the_connection_and_store_classes() throws IOException {
        for (String prefix : List.of("com.mongodb", "org.bson")) {
            for (String file : filesImporting(prefix)) {
                assertEquals(true, file.startsWith("events/") || file.startsWith("store/") || file.endsWith("Store.java"),
                        file + " imports " + prefix + ": move the database code into a *Store class");
            }
        }
        assertEquals(true, filesImporting("com.mongodb").contains("accounts/SessionStore.java"), "the rule sees the stores");
    }

    /**
     * Jakarta Mail sends in {@code alert.email} (relaxed for the alerting: each provider has one
     * package) and validates addresses in {@code contacts}; libphonenumber stays in contacts.
     */
    @Test
    void jakarta_mail_is_used_only_in_alert_email_and_contacts_and_libphonenumber_only_in_contacts() throws IOException {
        assertEquals(Set.of("alert.email", "contacts"), packagesImporting("jakarta.mail"));
        assertEquals(Set.of("alert.email"), packagesImporting("org.eclipse.angus"));
        assertEquals(Set.of("contacts"), packagesImporting("com.google.i18n.phonenumbers"));
    }

    @Test
    void the_twilio_sdk_and_its_http_client_are_used_only_in_alert_sms() throws IOException {
        assertEquals(Set.of("alert.sms"), packagesImporting("com.twilio"));
        assertEquals(Set.of("alert.sms"), packagesImporting("org.apache.hc"));
    }

    @Test
    void mongo_java_server_is_used_only_in_embedded() throws IOException {
        assertEquals(Set.of("embedded"), packagesImporting("de.bwaldvogel"));
    }

    @Test
    void the_core_pipeline_is_reached_only_through_scoring_and_main() throws IOException {
        assertEquals(Set.of("(root)", "scoring"), packagesImporting("io.screamguard.core"));
    }

    @Test
    void every_package_has_a_package_info() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                assertEquals(true, Files.exists(d.resolve("package-info.java")), d + " needs a package-info.java");
            }
        }
    }
}
