package org.modelworkbench.trainer.engine;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions a 64-bit little-endian ELF shared library exports, read from its dynamic symbol table
 * ({@code .dynsym} and its string table), so that C++ functions can be found by their mangled names at
 * run time without {@code nm} (which users' machines need not have). Only the two sections are mapped,
 * not the whole file (libtorch_cpu.so is about 450 MB).
 */
public final class ElfSymbols {
    private static final int SHT_DYNSYM = 11;
    private static final int SHN_UNDEF = 0;
    private static final int STT_FUNC = 2;
    private static final int STT_GNU_IFUNC = 10;
    private static final int SYMBOL_SIZE = 24;

    private ElfSymbols() {
    }

    /**
     * The defined, exported functions of {@code library} whose names start with one of {@code prefixes}.
     *
     * @throws IOException when the file cannot be read or is not a 64-bit little-endian ELF file with a
     *                     dynamic symbol table (the message names the file and what is wrong)
     */
    public static Set<String> functions(Path library, List<String> prefixes) throws IOException {
        byte[][] wanted = prefixes.stream().map(p -> p.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        try (FileChannel ch = FileChannel.open(library, StandardOpenOption.READ)) {
            MappedByteBuffer head = ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(ch.size(), 64));
            head.order(ByteOrder.LITTLE_ENDIAN);
            if (head.limit() < 64 || head.get(0) != 0x7f || head.get(1) != 'E' || head.get(2) != 'L' || head.get(3) != 'F') {
                throw new IOException(library + " is not an ELF file");
            }
            if (head.get(4) != 2 || head.get(5) != 1) {
                throw new IOException(library + " is not a 64-bit little-endian ELF file");
            }
            long shoff = head.getLong(0x28);
            int shentsize = Short.toUnsignedInt(head.getShort(0x3A));
            int shnum = Short.toUnsignedInt(head.getShort(0x3C));
            if (shoff <= 0 || shentsize < 64 || shnum == 0 || shoff + (long) shentsize * shnum > ch.size()) {
                throw new IOException(library + " has no readable section headers");
            }
            MappedByteBuffer sections = ch.map(FileChannel.MapMode.READ_ONLY, shoff, (long) shentsize * shnum);
            sections.order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < shnum; i++) {
                int base = i * shentsize;
                if (sections.getInt(base + 4) != SHT_DYNSYM) {
                    continue;
                }
                long symOffset = sections.getLong(base + 0x18);
                long symSize = sections.getLong(base + 0x20);
                int strIndex = sections.getInt(base + 0x28);
                if (strIndex <= 0 || strIndex >= shnum) {
                    throw new IOException(library + ": the dynamic symbol table names no string table");
                }
                int strBase = strIndex * shentsize;
                long strOffset = sections.getLong(strBase + 0x18);
                long strSize = sections.getLong(strBase + 0x20);
                if (symOffset + symSize > ch.size() || strOffset + strSize > ch.size()
                        || symSize > Integer.MAX_VALUE || strSize > Integer.MAX_VALUE) {
                    throw new IOException(library + ": the dynamic symbol table lies outside the file");
                }
                MappedByteBuffer syms = ch.map(FileChannel.MapMode.READ_ONLY, symOffset, symSize);
                syms.order(ByteOrder.LITTLE_ENDIAN);
                MappedByteBuffer strs = ch.map(FileChannel.MapMode.READ_ONLY, strOffset, strSize);
                return scan(syms, strs, wanted);
            }
            throw new IOException(library + " has no dynamic symbol table (.dynsym)");
        }
    }

    private static Set<String> scan(MappedByteBuffer syms, MappedByteBuffer strs, byte[][] wanted) {
        Set<String> found = new TreeSet<>();
        int count = syms.limit() / SYMBOL_SIZE;
        for (int s = 0; s < count; s++) {
            int at = s * SYMBOL_SIZE;
            int type = syms.get(at + 4) & 0xf;
            int section = Short.toUnsignedInt(syms.getShort(at + 6));
            if ((type != STT_FUNC && type != STT_GNU_IFUNC) || section == SHN_UNDEF) {
                continue;
            }
            int name = syms.getInt(at);
            if (name <= 0 || name >= strs.limit()) {
                continue;
            }
            for (byte[] prefix : wanted) {
                if (startsWith(strs, name, prefix)) {
                    found.add(readString(strs, name));
                    break;
                }
            }
        }
        return found;
    }

    private static boolean startsWith(MappedByteBuffer strs, int at, byte[] prefix) {
        if (at + prefix.length > strs.limit()) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (strs.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String readString(MappedByteBuffer strs, int at) {
        int end = at;
        while (end < strs.limit() && strs.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = strs.get(at + i);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
