package dev.selfhostguide.checks.support;

import dev.selfhostguide.content.Catalog;
import java.util.List;
import java.util.Optional;

/**
 * How a port number written in a snippet relates to content/data/deployment.yml: one of the
 * reference ports, upstream's default of a component the reference deployment moved, or unknown.
 * Shared by {@link PortsAgreementCheck} and {@link HttpCheck} so both say the same thing.
 */
public final class PortRules {

    /** The verdict on one port number. {@code port} is the matching deployment entry, if any. */
    public record Verdict(Kind kind, Optional<Catalog.Port> port, String message) {
        public boolean ok() {
            return kind == Kind.REFERENCE || kind == Kind.UPSTREAM_ALLOWED;
        }
    }

    public enum Kind { REFERENCE, UPSTREAM_ALLOWED, UPSTREAM_DEFAULT, UNKNOWN }

    private final List<Catalog.Port> ports;

    public PortRules(Catalog catalog) {
        // deployment.yml was held to its shape when the catalog loaded: a bad port is a [data]
        // error at its line there, never an empty list that would pass every block here.
        this.ports = catalog.ports();
    }

    public boolean hasDeployment() {
        return !ports.isEmpty();
    }

    /**
     * @param upstreamAllowed the block says {@code ports=upstream}: it shows upstream's defaults on purpose
     */
    public Verdict judge(int number, boolean upstreamAllowed) {
        for (Catalog.Port p : ports) {
            if (p.reference() == number) {
                return new Verdict(Kind.REFERENCE, Optional.of(p), "");
            }
        }
        for (Catalog.Port p : ports) {
            if (p.upstream() == number) {
                if (upstreamAllowed) {
                    return new Verdict(Kind.UPSTREAM_ALLOWED, Optional.of(p), "");
                }
                String who = p.component().isEmpty() ? p.id() : p.component();
                return new Verdict(Kind.UPSTREAM_DEFAULT, Optional.of(p), "port " + number + " is upstream's default for "
                    + who + "; the reference deployment uses " + p.reference()
                    + " (content/data/deployment.yml ports." + p.id() + "); write " + p.reference()
                    + ", or mark the block ports=upstream if it shows upstream's default on purpose");
            }
        }
        return new Verdict(Kind.UNKNOWN, Optional.empty(), "port " + number
            + " is not a port of the reference deployment (content/data/deployment.yml ports); use one of its ports or add it there");
    }
}
