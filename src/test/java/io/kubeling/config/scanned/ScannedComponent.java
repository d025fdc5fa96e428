package io.kubeling.config.scanned;

import org.springframework.stereotype.Component;

/** What {@code SharedClassMetadataTest}'s contexts find by scanning. */
@Component
public class ScannedComponent {
}
