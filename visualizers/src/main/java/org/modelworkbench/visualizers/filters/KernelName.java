package org.modelworkbench.visualizers.filters;

import org.modelworkbench.visualizers.filters.DogTemplates.Template;

/**
 * The best DoG-family match of one kernel (views-exact.md §5, a workbench definition).
 *
 * @param template the best template (even when the kernel is unassigned, so a viewer can say what it
 *                 came closest to)
 * @param sign     +1 when the kernel follows the template (e.g. on-centre for DoG), −1 when it follows
 *                 the negated template (off-centre)
 * @param sigma1   σ₁ of the best template, in pixels
 * @param score    {@code sign · cos(kernel, template)}, the best over σ, template and sign; in [−1, 1]
 * @param assigned whether {@code score ≥ τ}
 */
public record KernelName(Template template, int sign, double sigma1, double score, boolean assigned) {
    /** What an unassigned kernel is called. */
    public static final String UNASSIGNED = "unassigned";

    /** "+DoG", "−dx" (U+2212 minus), … or {@value #UNASSIGNED}. */
    public String label() {
        return assigned ? shapeLabel(template, sign) : UNASSIGNED;
    }

    /** The name of the best shape whether or not it passed τ, e.g. "−dxx". */
    public String bestShape() {
        return shapeLabel(template, sign);
    }

    /** The signed name of a shape: "+" or "−" (U+2212) followed by the template's label. */
    public static String shapeLabel(Template template, int sign) {
        return (sign >= 0 ? "+" : "−") + template.label();
    }
}
