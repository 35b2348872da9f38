package org.modelworkbench.app.gui.child;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a child JVM that does the engine's work for the GUI (measuring, probing for a
 * visualizer), so that libtorch never loads into the editor's process. Reads the child's standard
 * output whole, its standard error line by line for progress lines ({@code <verb> NN%: <stage>}),
 * keeping the last other lines to explain a failure; kills the child (and what it started) on
 * {@link #cancel}, when the run ends, and when the editor exits. {@link #run} blocks: call it off the
 * FX thread; {@link #cancel} may come from any thread.
 */
public final class ChildProcess {
    private static final int TAIL = 20;

    /** How a child ended: its exit code, standard output, the last lines of standard error. */
    public record Result(int exitCode, String stdout, List<String> tail, boolean cancelled) {
        public Result {
            tail = List.copyOf(tail);
        }
    }

    /** Progress of the child, as it reports it (on the reading thread). */
    @FunctionalInterface
    public interface Listener {
        void progress(double fraction, String stage);
    }

    private final String verb;
    private final Pattern progress;
    private volatile Process process;
    private volatile boolean cancelled;

    /** @param verb the word that starts the child's progress lines ("measuring", "visualizing") */
    public ChildProcess(String verb) {
        this.verb = verb;
        this.progress = Pattern.compile("^" + Pattern.quote(verb) + " (\\d{1,3})%: (.*)$");
    }

    /**
     * Runs {@code command} to its end (or until {@link #cancel}).
     *
     * @param environment variables to set or, with a null value, remove
     * @throws IOException when the child cannot start
     */
    public Result run(List<String> command, Map<String, String> environment, Listener listener) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        environment.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p;
        synchronized (this) {
            if (cancelled) {
                return new Result(-1, "", List.of(), true);
            }
            p = pb.start();
            process = p;
        }
        Thread hook = new Thread(() -> kill(p), verb + "-child-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Deque<String> tail = new ArrayDeque<>();
        try {
            p.getOutputStream().close();
            // Standard output on a thread of its own (not a shared pool, which may have a single worker).
            CompletableFuture<String> out = new CompletableFuture<>();
            Thread reader = new Thread(() -> out.complete(readAll(p.getInputStream())), verb + "-child-stdout");
            reader.setDaemon(true);
            reader.start();
            try {
                readErrors(p.getErrorStream(), listener, tail);
            } catch (IOException e) {
                // Killing the child closes its streams under the reader.
                if (!cancelled) {
                    throw e;
                }
            }
            int code = p.waitFor();
            return new Result(code, out.join(), new ArrayList<>(tail), cancelled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            return new Result(-1, "", new ArrayList<>(tail), true);
        } finally {
            kill(p);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** Kills the child; the running {@link #run} returns a cancelled result. */
    public void cancel() {
        Process p;
        synchronized (this) {
            cancelled = true;
            p = process;
        }
        if (p != null) {
            kill(p);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    private static void kill(Process p) {
        if (p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private void readErrors(InputStream err, Listener listener, Deque<String> tail) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = progress.matcher(line);
                if (m.matches()) {
                    listener.progress(Math.min(100, Integer.parseInt(m.group(1))) / 100.0, m.group(2));
                } else if (!line.isBlank() && !line.startsWith("SLF4J")) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
            }
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A person's sentence for a child that ended with {@code code}: its own {@code error:} line if it
     * wrote one, else what the exit code means and its last lines.
     *
     * @param what the sentence's start ("Measuring failed")
     */
    public static String failure(String what, String processName, int code, List<String> tail) {
        for (int i = tail.size() - 1; i >= 0; i--) {
            String line = tail.get(i);
            if (line.startsWith("error: ")) {
                return what + ": " + line.substring("error: ".length());
            }
        }
        String why = switch (code) {
            case 134 -> "the engine aborted (exit code 134)";
            case 137 -> "the process was killed, probably for lack of memory (exit code 137)";
            case 139 -> "the engine crashed (exit code 139)";
            default -> "the " + processName + " ended with exit code " + code;
        };
        String detail = tail.isEmpty() ? "" : ": " + String.join(" / ", tail.subList(Math.max(0, tail.size() - 3), tail.size()));
        return what + ": " + why + detail;
    }

    /** Deletes a temporary folder and everything in it, quietly: a file left behind is harmless. */
    public static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // harmless
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }
}
