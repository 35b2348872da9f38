package org.modelworkbench.visualizers.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class NpyTest {

    @TempDir
    Path dir;

    private static NpyArray fixture(String name) throws Exception {
        try (InputStream in = NpyTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return Npy.decode(in.readAllBytes());
        }
    }

    @Test
    void aFloat32ArraySavedByNumpyIsReadWithItsShapeAndSpecialValues() throws Exception {
        NpyArray a = fixture("numpy-f4-2x3.npy");
        assertThat(a.dtype()).isEqualTo(NpyArray.Dtype.FLOAT32);
        assertThat(a.shape()).containsExactly(2, 3);
        float[] v = a.floats();
        assertThat(v[0]).isEqualTo(1.5f);
        assertThat(v[1]).isEqualTo(-2.25f);
        assertThat(v[3]).isEqualTo(3e-8f);
        assertThat(v[4]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(v[5]).isNaN();
    }

    @Test
    void float64AndInt64ArraysSavedByNumpyKeepEveryBit() throws Exception {
        NpyArray d = fixture("numpy-f8-4.npy");
        assertThat(d.dtype()).isEqualTo(NpyArray.Dtype.FLOAT64);
        assertThat(d.shape()).containsExactly(4);
        assertThat(d.doubles()).containsExactly(0.1, -1e300, Double.MIN_VALUE, 42.0);
        NpyArray l = fixture("numpy-i8-2x2.npy");
        assertThat(l.dtype()).isEqualTo(NpyArray.Dtype.INT64);
        assertThat(l.longs()).containsExactly(-1L, 1L << 40, 7L, -(1L << 62));
    }

    @Test
    void scalarsVersionTwoHeadersAndBigEndianFilesAreRead() throws Exception {
        NpyArray s = fixture("numpy-f4-scalar.npy");
        assertThat(s.shape()).isEmpty();
        assertThat(s.floats()).containsExactly(3.25f);
        NpyArray v2 = fixture("numpy-f4-v2-2x2x2.npy");
        assertThat(v2.shape()).containsExactly(2, 2, 2);
        assertThat(v2.floats()).containsExactly(0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f, 1.5f, 1.75f);
        assertThat(fixture("numpy-big-endian-f4-3.npy").floats()).containsExactly(1f, -0.5f, 8f);
    }

    @Test
    void aFortranOrderFileIsRefusedWithAdvice() {
        assertThatThrownBy(() -> fixture("numpy-f8-fortran-2x3.npy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Fortran order").hasMessageContaining("ascontiguousarray");
    }

    @Test
    void everyTypeRoundTripsThroughAFile() throws Exception {
        NpyArray[] arrays = {
            NpyArray.of(FloatTensor.of(new float[] {1, -2, Float.NaN, 4, 5, 6}, 1, 2, 3)),
            NpyArray.ofDoubles(new int[] {3}, new double[] {Math.PI, -0.0, 1e-310}),
            NpyArray.ofLongs(new int[] {2, 1}, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}),
            NpyArray.ofInts(new int[] {0, 4}, new int[0]),
        };
        for (int i = 0; i < arrays.length; i++) {
            Path file = dir.resolve("a" + i + ".npy");
            Npy.write(file, arrays[i]);
            assertThat(Npy.read(file)).as(arrays[i].toString()).isEqualTo(arrays[i]);
        }
    }

    @Test
    void writtenHeadersAreNumpyDictsAlignedTo64Bytes() {
        byte[] bytes = Npy.encode(NpyArray.ofFloats(new int[] {5}, new float[5]));
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(bytes.length).isEqualTo(10 + headerLength + 5 * 4);
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }").endsWith("\n");
        assertThat(bytes[6]).isEqualTo((byte) 1);
    }

    @Test
    void aTruncatedOrForeignFileIsRefusedNamingTheProblem() throws Exception {
        byte[] ok = Npy.encode(NpyArray.ofFloats(new int[] {4}, new float[4]));
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length - 3);
        assertThatThrownBy(() -> Npy.decode(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated").hasMessageContaining("16 bytes");
        Path png = dir.resolve("not.npy");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> Npy.read(png)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not.npy").hasMessageContaining("magic");
        byte[] u1 = Npy.encode(NpyArray.ofFloats(new int[] {4}, new float[4]));
        String h = new String(u1, StandardCharsets.ISO_8859_1).replace("<f4", "|u1");
        assertThatThrownBy(() -> Npy.decode(h.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'|u1'");
    }

    @Test
    void numpyLoadsWhatTheWorkbenchWrites() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no python3 here");
        Path file = dir.resolve("t.npy");
        Npy.write(file, FloatTensor.of(new float[] {0.5f, -1.25f, 3e-5f, 7f, 8f, 9f}, 3, 2));
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import numpy, sys; a = numpy.load(sys.argv[1]); print(a.dtype, a.shape, repr(float(a[0, 1])), repr(float(a[1, 0])))",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeFalse(out.contains("No module named"), "numpy is not installed");
        assertThat(out).isEqualTo("float32 (3, 2) -1.25 2.9999999242136255e-05");
    }
}
