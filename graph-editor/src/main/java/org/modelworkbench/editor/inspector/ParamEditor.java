package org.modelworkbench.editor.inspector;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamProblem;
import org.modelworkbench.blocks.param.ParamSpec;

/**
 * The editor of one hyper-parameter of one node. Commits through {@link
 * org.modelworkbench.editor.model.EditorModel#setParameter} (one undo step); a value that does not
 * parse or validate is not applied and its message is shown under the field.
 */
abstract class ParamEditor {
    private static final String INVALID = "invalid";

    final InspectorView view;
    final String nodeId;
    final ParamSpec spec;
    private final Label error = new Label();

    ParamEditor(InspectorView view, String nodeId, ParamSpec spec) {
        this.view = view;
        this.nodeId = nodeId;
        this.spec = spec;
        error.setId("paramError-" + spec.name());
        error.getStyleClass().add("inspector-param-error");
        error.setWrapText(true);
        error.setMinHeight(Label.USE_PREF_SIZE);
        error.setVisible(false);
        error.setManaged(false);
    }

    static ParamEditor create(InspectorView view, String nodeId, ParamSpec spec) {
        ParamEditor e = switch (spec.kind()) {
            case BOOL -> new BoolEditor(view, nodeId, spec);
            case CHOICE -> new ChoiceEditor(view, nodeId, spec);
            default -> new TextEditor(view, nodeId, spec);
        };
        e.control().setId("param-" + spec.name());
        e.control().setTooltip(InspectorView.tooltip(help(spec)));
        return e;
    }

    /** The parameter's documentation, valid values and unit. */
    static String help(ParamSpec spec) {
        StringBuilder b = new StringBuilder(spec.name());
        if (!spec.doc().isEmpty()) {
            b.append(": ").append(spec.doc());
        }
        b.append("\nValid: ").append(spec.rangeText());
        if (!spec.unit().isEmpty()) {
            b.append(" (").append(spec.unit()).append(")");
        }
        b.append("\nDefault: ").append(format(spec.defaultValue()));
        return b.toString();
    }

    ParamSpec spec() {
        return spec;
    }

    Label errorLabel() {
        return error;
    }

    abstract Control control();

    /** Shows the design's value (unless the user is in the middle of typing another one). */
    abstract void show(Object value);

    /** Applies the edited value, if it differs from the one shown. */
    abstract void commit();

    /** Sets the value through the model; true when applied (or unchanged), false when refused. */
    boolean apply(Object value) {
        try {
            Object canonical = spec.coerce(value);
            Object current = view.model().design().node(nodeId)
                    .map(n -> InspectorView.currentValue(n, spec)).orElse(null);
            if (current != null && canonical.equals(canonicalOrNull(current))) {
                clearError();
                return true; // nothing to change: no empty undo step
            }
            view.model().setParameter(nodeId, spec.name(), value);
            clearError();
            return true;
        } catch (InvalidParameterException ex) {
            showError(message(ex));
            return false;
        } catch (IllegalArgumentException ex) {
            // The node was removed meanwhile: nothing to apply to.
            return true;
        }
    }

    private Object canonicalOrNull(Object raw) {
        try {
            return spec.coerce(raw);
        } catch (InvalidParameterException e) {
            return null;
        }
    }

    String message(InvalidParameterException ex) {
        List<String> parts = new ArrayList<>();
        for (ParamProblem p : ex.problems()) {
            parts.add(p.param().equals(spec.name()) ? capitalise(p.message()) : p.toString());
        }
        return String.join("; ", parts);
    }

    void showError(String message) {
        error.setText(message);
        error.setVisible(true);
        error.setManaged(true);
        if (!control().getStyleClass().contains(INVALID)) {
            control().getStyleClass().add(INVALID);
        }
    }

    void clearError() {
        error.setText("");
        error.setVisible(false);
        error.setManaged(false);
        control().getStyleClass().remove(INVALID);
    }

    boolean hasError() {
        return error.isVisible();
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The text form of a value: "64", "0.1", "1e-06", "3, 5, 7". */
    static String format(Object value) {
        if (value instanceof Double d) {
            double a = Math.abs(d);
            if (a != 0 && (a < 1e-3 || a >= 1e9)) {
                return String.format(Locale.ROOT, "%.6g", d).replaceFirst("\\.?0+e", "e");
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list) {
            StringBuilder b = new StringBuilder();
            for (Object o : list) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(format(o));
            }
            return b.toString();
        }
        return String.valueOf(value);
    }

    /** A text field for INT, REAL and INT_LIST; Up and Down step a whole number. */
    static final class TextEditor extends ParamEditor {
        private final TextField field = new TextField();
        private String shown = "";

        TextEditor(InspectorView view, String nodeId, ParamSpec spec) {
            super(view, nodeId, spec);
            field.getStyleClass().add("inspector-field");
            field.setPrefColumnCount(8);
            switch (spec.kind()) {
                case INT -> {
                    field.setAlignment(Pos.CENTER_RIGHT);
                    field.setPromptText(spec.rangeText());
                }
                case REAL -> {
                    field.setAlignment(Pos.CENTER_RIGHT);
                    field.setPromptText(spec.rangeText());
                }
                default -> field.setPromptText("e.g. 3, 5, 7");
            }
            field.setOnAction(e -> {
                commit();
                field.selectAll();
            });
            // Say at once what is wrong with what is being typed; nothing is applied before Enter.
            field.textProperty().addListener((obs, old, now) -> {
                if (!field.isFocused()) {
                    return;
                }
                if (!isDirty()) {
                    clearError();
                    return;
                }
                try {
                    spec.coerce(parse(now));
                    clearError();
                } catch (IllegalArgumentException ex) {
                    showError(ex.getMessage());
                } catch (InvalidParameterException ex) {
                    showError(message(ex));
                }
            });
            field.focusedProperty().addListener((obs, was, now) -> {
                if (!now) {
                    commit();
                }
            });
            field.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE && (isDirty() || hasError())) {
                    field.setText(shown);
                    clearError();
                    field.selectAll();
                    e.consume();
                } else if (spec.kind() == org.modelworkbench.blocks.param.ParamKind.INT
                        && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
                    step(e.getCode() == KeyCode.UP ? 1 : -1);
                    e.consume();
                }
            });
        }

        @Override
        Control control() {
            return field;
        }

        boolean isDirty() {
            return !field.getText().equals(shown);
        }

        @Override
        void show(Object value) {
            String text = format(value);
            if (!isDirty() || !field.isFocused()) {
                field.setText(text);
                if (!hasError() || !field.isFocused()) {
                    clearError();
                }
            }
            shown = text;
        }

        private void step(int delta) {
            try {
                long v = Long.parseLong(field.getText().strip()) + delta;
                if (v < spec.min() || v > spec.max()) {
                    return;
                }
                field.setText(Long.toString(v));
                commit();
                field.end();
            } catch (NumberFormatException ignored) {
                // not a number yet: leave it to Enter to say what is wrong
            }
        }

        @Override
        void commit() {
            if (!isDirty()) {
                if (hasError()) {
                    clearError();
                }
                return;
            }
            Object value;
            try {
                value = parse(field.getText());
            } catch (IllegalArgumentException ex) {
                showError(ex.getMessage());
                return;
            }
            if (apply(value)) {
                // Show the canonical form ("064" → "64"), also when the value did not change.
                view.model().design().node(nodeId).ifPresent(n -> {
                    shown = format(InspectorView.currentValue(n, spec));
                    field.setText(shown);
                });
            }
        }

        private Object parse(String text) {
            String t = text.strip();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("A value is required (" + spec.rangeText() + ")");
            }
            switch (spec.kind()) {
                case INT -> {
                    // "auto" and what it showed resolved to ("auto (3)") both mean auto
                    String word = t.split("\\s|\\(", 2)[0];
                    if (spec.choices().contains(word)) {
                        return word;
                    }
                    return number(t, spec.choices().isEmpty() ? "a whole number" : "a whole number or auto");
                }
                case REAL -> {
                    try {
                        return Double.parseDouble(t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("Expected a number, got \"" + t + "\"");
                    }
                }
                default -> {
                    if (t.startsWith("[") && t.endsWith("]")) {
                        t = t.substring(1, t.length() - 1).strip();
                    }
                    List<Object> list = new ArrayList<>();
                    if (!t.isEmpty()) {
                        for (String part : t.split("[,;\\s]+")) {
                            if (!part.isEmpty()) {
                                list.add(number(part, "whole numbers separated by commas, such as 3, 5, 7"));
                            }
                        }
                    }
                    return list;
                }
            }
        }

        private static BigDecimal number(String t, String what) {
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Expected " + what + ", got \"" + t + "\"");
            }
        }
    }

    /** A check box for BOOL; commits on click. */
    static final class BoolEditor extends ParamEditor {
        private final CheckBox box = new CheckBox();
        private boolean updating;

        BoolEditor(InspectorView view, String nodeId, ParamSpec spec) {
            super(view, nodeId, spec);
            box.getStyleClass().add("inspector-check");
            box.selectedProperty().addListener((obs, old, now) -> {
                if (!updating) {
                    commit();
                }
            });
        }

        @Override
        Control control() {
            return box;
        }

        @Override
        void show(Object value) {
            updating = true;
            try {
                box.setSelected(Boolean.TRUE.equals(value));
            } finally {
                updating = false;
            }
        }

        @Override
        void commit() {
            if (!apply(box.isSelected())) {
                view.model().design().node(nodeId).ifPresent(n -> show(InspectorView.currentValue(n, spec)));
            }
        }
    }

    /** A combo box for CHOICE; commits on choice. */
    static final class ChoiceEditor extends ParamEditor {
        private final ComboBox<String> combo = new ComboBox<>();
        private boolean updating;

        ChoiceEditor(InspectorView view, String nodeId, ParamSpec spec) {
            super(view, nodeId, spec);
            combo.getStyleClass().add("inspector-choice");
            combo.getItems().setAll(spec.choices());
            combo.setMaxWidth(Double.MAX_VALUE);
            combo.valueProperty().addListener((obs, old, now) -> {
                if (!updating && now != null) {
                    commit();
                }
            });
        }

        @Override
        Control control() {
            return combo;
        }

        @Override
        void show(Object value) {
            updating = true;
            try {
                combo.setValue(value == null ? null : value.toString());
            } finally {
                updating = false;
            }
        }

        @Override
        void commit() {
            if (combo.getValue() != null && !apply(combo.getValue())) {
                view.model().design().node(nodeId).ifPresent(n -> show(InspectorView.currentValue(n, spec)));
            }
        }
    }
}
