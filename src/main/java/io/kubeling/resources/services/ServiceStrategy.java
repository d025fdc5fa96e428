package io.kubeling.resources.services;

import io.fabric8.kubernetes.api.model.Service;
import io.kubeling.registry.Strategy;

public class ServiceStrategy implements Strategy<Service> {
}
