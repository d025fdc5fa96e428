package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class PodTemplateContractTest extends ResourceContract {

    @Override
    String resource() {
        return "podtemplates";
    }

    @Override
    String kind() {
        return "PodTemplate";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode template = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "PodTemplate");
        template.putObject("metadata").put("name", name);
        ObjectNode podTemplate = template.putObject("template");
        podTemplate.putObject("metadata").putObject("labels").put("app", "web");
        podTemplate.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "nginx");
        return template;
    }
}
