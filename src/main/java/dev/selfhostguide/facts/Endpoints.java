package dev.selfhostguide.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** content/data/endpoints.yml: the HTTP endpoints a reader may call on the reference deployment. */
public record Endpoints(List<Endpoint> endpoints, List<ProxyHeader> requiredProxyHeaders) {

    /** A header a reverse proxy in front of the API must send, and the rule its value follows. */
    public record ProxyHeader(String header, String rule) { }

    /**
     * @param port a port id of deployment.yml (checked when the catalog loads)
     */
    public record Endpoint(String method, String path, String component, String port, String source, String note,
                           List<Evidence> evidence) { }

    public static Endpoints from(Map<String, Object> file) {
        List<Endpoint> result = new ArrayList<>();
        for (Object raw : Plain.list(file, "endpoints")) {
            Map<String, Object> e = Plain.asMap(raw);
            result.add(new Endpoint(Plain.text(e, "method"), Plain.text(e, "path"), Plain.text(e, "component"),
                Plain.text(e, "port"), Plain.text(e, "source"), Plain.text(e, "note"), Plain.evidence(e)));
        }
        List<ProxyHeader> required = new ArrayList<>();
        for (Object raw : Plain.list(Plain.map(file, "proxy_headers"), "required")) {
            Map<String, Object> h = Plain.asMap(raw);
            required.add(new ProxyHeader(Plain.text(h, "header"), Plain.text(h, "rule")));
        }
        return new Endpoints(List.copyOf(result), List.copyOf(required));
    }

    /** The endpoints on one port of the deployment, in file order. */
    public List<Endpoint> onPort(String portId) {
        return endpoints.stream().filter(e -> e.port().equals(portId)).toList();
    }
}
