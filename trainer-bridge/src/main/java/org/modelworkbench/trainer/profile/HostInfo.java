package org.modelworkbench.trainer.profile;

/**
 * What the figures were measured on, so that they can be compared honestly.
 *
 * @param engine    e.g. "PyTorch 2.7.1"
 * @param threads   libtorch's intra-op threads
 * @param allocator "tcmalloc", "jemalloc" or "glibc malloc" (what the process has loaded)
 * @param cpu       the CPU model and its widest vector extension, e.g. "AMD EPYC 9R14 (avx512_bf16)"
 */
public record HostInfo(String engine, int threads, String allocator, String cpu) {
}
