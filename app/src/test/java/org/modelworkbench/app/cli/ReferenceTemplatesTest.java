package org.modelworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference networks reproduce the published parameter counts and MACs of their torchvision /
 * timm originals at 1×3×224×224. Checked through {@code workbench profile <template> --json}, so the
 * JSON contract and the numbers are tested together.
 */
class ReferenceTemplatesTest {

    @ParameterizedTest(name = "{0}: {1} params, {2} MACs")
    @CsvSource(textBlock = """
            resnet18,          11689512, 1814073344
            resnet50,          25557032, 4089184256
            mobilenetv2,        3504872,  300774272
            convnext-tiny,     28589128, 4455531264
            swin-tiny,         28288354, 4490566656
            focalnet-tiny-lrf, 28647928, 4474836480
            vmamba-tiny,       30249064, 4837910016
            """)
    void reproduces_the_published_parameters_exactly_and_the_macs_within_two_percent(
            String template, long params, long macs) throws Exception {
        CliRun r = WorkbenchCommandTest.run("profile", template, "--json");

        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isZero();
        JsonNode root = WorkbenchCommandTest.json(r);
        assertThat(root.get("problems")).isEmpty();
        JsonNode totals = root.get("totals");
        assertThat(totals.get("params").asLong()).isEqualTo(params);
        // The contract allows 2 % for counting conventions; today every one of these is in fact exact.
        assertThat(totals.get("macs").asLong()).isCloseTo(macs, withinPercentage(2));
        assertThat(totals.get("flops").asLong()).isEqualTo(2 * totals.get("macs").asLong());
        assertThat(root.get("nodes").get(0).get("outputs").get(0).asText()).isEqualTo("1x3x224x224");
    }
}
