package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetadataValidationTest {

    @Test
    void pathSegmentNamesAreBoundedByWhatTheLogsKeysHold() {
        String longest = "e".repeat(MetadataValidation.MAX_PATH_SEGMENT_NAME);
        assertThat(MetadataValidation.nameErrors(longest, Strategy.NameRule.PATH_SEGMENT)).isEmpty();
        assertThat(MetadataValidation.nameErrors(longest + "e", Strategy.NameRule.PATH_SEGMENT))
                .containsExactly("must be no more than 512 characters");
        assertThat(MetadataValidation.nameErrors("a/b%", Strategy.NameRule.PATH_SEGMENT))
                .containsExactly("may not contain '/'", "may not contain '%'");
    }
}
