package io.kubeling.resources.volumeattachments;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class VolumeAttachmentResource {

    @Bean
    public ResourceDefinition<VolumeAttachment> volumeAttachments() {
        return new ResourceDefinition<>("storage.k8s.io", "v1", "volumeattachments", "volumeattachment",
                "VolumeAttachment", false, List.of(), List.of(), VolumeAttachment.class, VolumeAttachmentList.class,
                new VolumeAttachmentStrategy(), Map.of("status", new VolumeAttachmentStatusStrategy()),
                new VolumeAttachmentTable());
    }
}
