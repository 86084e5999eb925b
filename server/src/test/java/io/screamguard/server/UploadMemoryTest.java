package io.screamguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.screamguard.server.support.AppHarness;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 3: long uploads are decoded and scored as a stream in bounded memory. The real
 * server ({@link UploadMemoryProbe}: shipped model, real decoders) runs in a child JVM with a heap
 * far smaller than one recording's decoded audio (10 minutes at 48 kHz are 115 MB of mono floats),
 * and four ten-minute uploads arrive at once: a 48 kHz stereo MP3 twice, a 48 kHz stereo FLAC and a
 * 16 kHz WAV, made at test time. Every one must be analysed (200), none refused for memory.
 */
class UploadMemoryTest {
    /** The child's heap: the server's baseline (model, store, Jetty) plus a few MB per upload. */
    static final int HEAP_MB = Integer.parseInt(System.getenv().getOrDefault("UPLOAD_MEMORY_TEST_HEAP_MB", "128"));
    static final int SECONDS = 600;

    @TempDir
    Path dir;

    static Optional<Path> ffmpeg() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                Path candidate = Path.of(d, "ffmpeg");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("ffmpeg is needed to make the long MP3 and FLAC uploads: apt-get install ffmpeg");
        }
        return Optional.empty();
    }

    private Path encode(Path ffmpeg, String name, String... codec) throws Exception {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-f", "lavfi",
                "-i", "sine=frequency=700:sample_rate=48000:duration=" + SECONDS, "-f", "lavfi",
                "-i", "anoisesrc=color=pink:amplitude=0.05:sample_rate=48000:duration=" + SECONDS + ":seed=3",
                "-filter_complex", "amix=inputs=2:duration=shortest,volume=2", "-ac", "2"));
        command.addAll(List.of(codec));
        command.add(out.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg failed: " + log);
        return out;
    }

    /** A 16 kHz mono 16-bit WAV of a pulsing tone, written without holding it in memory. */
    private Path wav(String name) throws IOException {
        Path out = dir.resolve(name);
        int rate = 16000;
        long frames = (long) rate * SECONDS;
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + frames * 2))
                    .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                    .putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                    .putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                    .putInt((int) (frames * 2)).flip();
            ch.write(header);
            ByteBuffer block = ByteBuffer.allocate(rate * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int s = 0; s < SECONDS; s++) {
                block.clear();
                double amplitude = s % 4 == 0 ? 0.6 : 0.02;
                for (int i = 0; i < rate; i++) {
                    block.putShort((short) (amplitude * 32767 * Math.sin(2 * Math.PI * 700 * i / rate)));
                }
                block.flip();
                ch.write(block);
            }
        }
        return out;
    }

    @Test
    void four_concurrent_ten_minute_uploads_are_analysed_in_a_small_heap() throws Exception {
        Optional<Path> ffmpeg = ffmpeg();
        assumeTrue(ffmpeg.isPresent(), "install ffmpeg to run this test (apt-get install ffmpeg)");
        Path mp3 = encode(ffmpeg.get(), "long.mp3", "-c:a", "libmp3lame", "-b:a", "32k");
        Path flac = encode(ffmpeg.get(), "long.flac", "-c:a", "flac");
        Path wav = wav("long.wav");
        List<Path> uploads = List.of(mp3, flac, wav, mp3);

        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-cp", System.getProperty("java.class.path"),
                UploadMemoryProbe.class.getName(), dir.resolve("data").toString(), Long.toString(64L << 20),
                Integer.toString(SECONDS + 5), "4")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter in = new BufferedWriter(new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8))) {
            int port = Integer.parseInt(lineStartingWith(out, "port ").substring(5));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String cookie = register(http, port);

            // when four long uploads arrive at once
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (Path file : uploads) {
                answers.add(http.sendAsync(upload(port, cookie, file), HttpResponse.BodyHandlers.ofString()));
            }

            // then every one is analysed whole
            for (int i = 0; i < uploads.size(); i++) {
                HttpResponse<String> r = answers.get(i).get(600, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), uploads.get(i).getFileName() + ": " + r.body());
                JsonNode body = AppHarness.JSON.readTree(r.body());
                assertEquals(SECONDS, body.get("duration_s").asDouble(), 1.0, uploads.get(i) + " duration");
                assertTrue(body.get("timeline").size() > SECONDS, "a window per hop: " + body.get("timeline").size());
            }
            in.write("report\n");
            in.flush();
            long peak = Long.parseLong(lineStartingWith(out, "peak_heap_bytes ").split(" ")[1]);
            long max = Long.parseLong(lineStartingWith(out, "max_heap_bytes ").split(" ")[1]);
            System.out.printf("UploadMemoryTest: 4 concurrent 10-minute uploads (%d, %d, %d, %d bytes) under -Xmx%dm:"
                    + " all 200 (JVM max heap %.1f MiB; the heap pools' summed peak, garbage included, %.1f MiB)%n",
                    Files.size(mp3), Files.size(flac), Files.size(wav), Files.size(mp3), HEAP_MB, max / 1048576.0,
                    peak / 1048576.0);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static String lineStartingWith(BufferedReader out, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("the server process ended before printing '" + prefix + "'");
    }

    private static String register(HttpClient http, int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + AppHarness.OWNER_EMAIL + "\",\"password\":\""
                        + AppHarness.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static HttpRequest upload(int port, String cookie, Path file) throws IOException {
        String boundary = "sgMemoryTest";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/analyze"))
                .timeout(Duration.ofSeconds(600)).header("Cookie", cookie)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail))).build();
    }
}
