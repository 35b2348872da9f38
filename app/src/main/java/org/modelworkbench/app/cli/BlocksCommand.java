package org.modelworkbench.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.modelworkbench.app.docs.BlockReference;
import org.modelworkbench.app.format.Table;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench blocks}: the block library. */
@Command(name = "blocks", mixinStandardHelpOptions = true, description = "Lists every block type (the palette).")
final class BlocksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print the full block reference (docs/blocks.md)")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BlockLibrary library = BlockLibrary.standard();
        if (markdown) {
            out.print(BlockReference.markdown(library));
            return 0;
        }
        Table t = new Table("id", "name", "category", "kind");
        for (BlockType b : library.types()) {
            t.row(b.id(), b.displayName(), b.category().displayName(), b.isComposite() ? "composite" : "primitive");
        }
        out.print(t.render());
        return 0;
    }
}
