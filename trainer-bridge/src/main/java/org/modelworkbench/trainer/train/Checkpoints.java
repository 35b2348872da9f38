package org.modelworkbench.trainer.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.modelworkbench.projects.files.AtomicFiles;

/**
 * A model's weights in DJL's own parameter format ({@link Block#saveParameters}: every parameter,
 * BatchNorm's running statistics included), written to a temporary file beside the target, flushed
 * to disk and moved over it, so that a reader (or a worker killed mid-write) only ever sees a whole
 * checkpoint. Read back into the block compiled from the run's design snapshot.
 */
public final class Checkpoints {
    public static final String BEST = "best.params";
    public static final String LAST = "last.params";

    private Checkpoints() {
    }

    /** Whether a run folder kept weights: its best checkpoint or its last. */
    public static boolean exist(Path runFolder) {
        return Files.isRegularFile(runFolder.resolve(BEST)) || Files.isRegularFile(runFolder.resolve(LAST));
    }

    public static void save(Block block, Path file) throws IOException {
        Path tmp = AtomicFiles.createTempBeside(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16))) {
                block.saveParameters(out);
                out.flush();
                ch.force(true);
            }
            AtomicFiles.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Loads {@code file} into {@code block} (initialised, of the same design), its arrays in {@code manager}. */
    public static void load(Block block, NDManager manager, Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(file + ": not a checkpoint of this design (" + e.getMessage() + ")", e);
        }
    }
}
