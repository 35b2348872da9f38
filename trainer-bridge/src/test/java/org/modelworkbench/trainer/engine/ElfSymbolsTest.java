package org.modelworkbench.trainer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfSymbolsTest {

    @Test
    void theEnginesLibtorchExportsItsOperatorsByMangledName() throws Exception {
        TestEngine.start();
        Path lib = LibTorch.loaded(LibTorch.CPU_LIBRARY).orElseThrow();

        assertThat(ElfSymbols.functions(lib, List.of("_ZN2at4_ops10stride_int4call", "_ZN2at8autocast11clear_cache")))
                .containsExactlyInAnyOrder(TensorStrides.STRIDE, Autocast.DEVICE_TYPED.clearCache());
        assertThat(ElfSymbols.functions(lib, List.of("_ZN2at8autocast_no_such_function"))).isEmpty();
    }

    @Test
    void aFileThatIsNotA64BitElfLibraryIsNamedInTheError(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("libtorch_cpu.so"), "not a library at all, but long enough to have a header of sixty-four bytes");
        byte[] elf32 = new byte[64];
        elf32[0] = 0x7f;
        elf32[1] = 'E';
        elf32[2] = 'L';
        elf32[3] = 'F';
        elf32[4] = 1; // 32-bit
        elf32[5] = 1;
        Path small = Files.write(dir.resolve("lib32.so"), elf32);

        assertThatThrownBy(() -> ElfSymbols.functions(text, List.of("_Z"))).isInstanceOf(IOException.class)
                .hasMessage(text + " is not an ELF file");
        assertThatThrownBy(() -> ElfSymbols.functions(small, List.of("_Z"))).isInstanceOf(IOException.class)
                .hasMessage(small + " is not a 64-bit little-endian ELF file");
    }
}
