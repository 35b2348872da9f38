package org.modelworkbench.blocks.type;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;

/** The descriptive half of a block type: everything but its rules. Built with {@link #builder}. */
public record BlockSpec(String id, String displayName, Category category, String description, Paper paper,
                        List<ParamSpec> params, List<String> keyParams,
                        Function<ParamValues, List<PortSpec>> inputs,
                        Function<ParamValues, List<PortSpec>> outputs,
                        LayoutRule layoutRule, ParamBinder binder) {

    public static Builder builder(String id, String displayName, Category category) {
        return new Builder(id, displayName, category);
    }

    public static final class Builder {
        private final String id;
        private final String displayName;
        private final Category category;
        private String description = "";
        private Paper paper = Paper.NONE;
        private final List<ParamSpec> params = new ArrayList<>();
        private final List<String> keyParams = new ArrayList<>();
        private final List<PortSpec> fixedInputs = new ArrayList<>();
        private final List<PortSpec> fixedOutputs = new ArrayList<>();
        private Function<ParamValues, List<PortSpec>> inputs;
        private Function<ParamValues, List<PortSpec>> outputs;
        private LayoutRule layoutRule = LayoutRule.AGNOSTIC;
        private ParamBinder binder = ParamBinder.NONE;

        private Builder(String id, String displayName, Category category) {
            if (!id.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*")) {
                throw new IllegalArgumentException("block id must be lower-case dotted words: " + id);
            }
            this.id = id;
            this.displayName = displayName;
            this.category = category;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder paper(Paper p) {
            this.paper = p;
            return this;
        }

        public Builder param(ParamSpec spec) {
            if (params.stream().anyMatch(p -> p.name().equals(spec.name()))) {
                throw new IllegalArgumentException(id + ": duplicate parameter " + spec.name());
            }
            params.add(spec);
            return this;
        }

        /** Parameters shown on the node's face. */
        public Builder key(String... names) {
            keyParams.addAll(List.of(names));
            return this;
        }

        public Builder input(String name, String layout) {
            fixedInputs.add(new PortSpec(name, layout));
            return this;
        }

        public Builder output(String name, String layout) {
            fixedOutputs.add(new PortSpec(name, layout));
            return this;
        }

        /** Ports that depend on parameter values (e.g. the number of inputs of a concat). */
        public Builder inputs(Function<ParamValues, List<PortSpec>> f) {
            this.inputs = f;
            return this;
        }

        public Builder outputs(Function<ParamValues, List<PortSpec>> f) {
            this.outputs = f;
            return this;
        }

        /** What the block accepts and produces; layout-agnostic when not given. */
        public Builder layouts(LayoutRule rule) {
            this.layoutRule = rule;
            return this;
        }

        /** How "auto" parameter values resolve for given inputs. */
        public Builder binder(ParamBinder b) {
            this.binder = b;
            return this;
        }

        public BlockSpec build() {
            for (String k : keyParams) {
                if (params.stream().noneMatch(p -> p.name().equals(k))) {
                    throw new IllegalArgumentException(id + ": key parameter " + k + " is not declared");
                }
            }
            List<PortSpec> in = List.copyOf(fixedInputs);
            List<PortSpec> out = List.copyOf(fixedOutputs);
            return new BlockSpec(id, displayName, category, description, paper, List.copyOf(params),
                    List.copyOf(keyParams), Objects.requireNonNullElse(inputs, v -> in),
                    Objects.requireNonNullElse(outputs, v -> out), layoutRule, binder);
        }
    }
}
