package io.screamguard.training.train;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Process CPU time and library versions for reports. */
final class Runtime {

    private Runtime() {
    }

    /** CPU seconds used by this process so far (all threads), NaN when the JVM cannot tell. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }

    /** Versions of the libraries a model depends on, from their jars' Maven metadata. */
    static Map<String, String> libraryVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        versions.put("smile-core", mavenVersion("com.github.haifengl", "smile-core"));
        versions.put("jtransforms", mavenVersion("com.github.wendykierp", "JTransforms"));
        versions.put("jackson-databind", mavenVersion("com.fasterxml.jackson.core", "jackson-databind"));
        return versions;
    }

    private static String mavenVersion(String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Runtime.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
