package dev.selfhostguide.checks;

import dev.selfhostguide.checks.support.*;
import dev.selfhostguide.snippets.Finding;
import dev.selfhostguide.snippets.Snippet;
import java.util.Set;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One source of truth for ports: every port a snippet writes must be a port of
 * content/data/deployment.yml. Upstream's default of a component the reference deployment moved
 * (8000 for the api, 3000 for the dashboard) is an error unless the block says
 * {@code ports=upstream}; a port the deployment does not have at all is an error.
 *
 * <p>What counts as a port, per line: {@code host:port} (a name with a letter, an IPv4 address,
 * or {@code [ipv6]}), {@code --port N}/{@code --port=N}/{@code -p N}, the host side of a
 * {@code -p N:M} or a compose {@code - "N:M"} mapping, {@code listen N}, and {@code NAME_PORT=N} /
 * {@code port: N} settings. What does not: times ({@code 12:30}, digits on both sides), bare IPv6
 * ({@code ::1}), image references ({@code clickhouse/clickhouse-server:24.12}: a tag followed by
 * {@code .} or {@code -}, a registry path before the colon, or any {@code image:}/{@code FROM} line).
 */
public final class PortsAgreementCheck implements Check {

    public static final String ID = "ports";

    private static final Pattern HOST_PORT = Pattern.compile(
        "(?<![\\w.:\\[\\]-])(?<![^/]/)(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|<[^<>\\s]+>)"
            + ":(\\d{1,5})(?![\\w.:-])");
    private static final Pattern FLAG_PORT = Pattern.compile("(?<![\\w-])(?:--port[= ]\\s*|-p\\s+)[\"']?(\\d{1,5})(?![\\w.])");
    private static final Pattern MAPPING = Pattern.compile("(?<![\\w-])-p\\s+[\"']?(?:[\\d.]+:)?(\\d{1,5}):\\d{1,5}"
        + "|^\\s*-\\s*[\"']?(?:[\\d.]+:)?(\\d{1,5}):\\d{1,5}(?:/(?:tcp|udp))?[\"']?\\s*$");
    private static final Pattern LISTEN = Pattern.compile("^\\s*listen\\s+(?:\\S*:)?(\\d{1,5})\\b");
    private static final Pattern SETTING = Pattern.compile("(?i)(?<![\\w-])(?:[A-Za-z0-9_]*_)?port[\"']?\\s*[:=]\\s*[\"']?(\\d{1,5})(?![\\w.:])");
    private static final Pattern IMAGE_LINE = Pattern.compile("^\\s*(?:-\\s*)?(?:image\\s*:|FROM\\s)|\\bdocker\\s+(?:pull|push|save|tag|load|image)\\b",
        Pattern.CASE_INSENSITIVE);

    private static final Pattern FULL_LINE_COMMENT = Pattern.compile("^\\s*(#|//).*");

    @Override
    public boolean guideOnly() {
        return true;
    }

    @Override
    public Set<Language> languages() {
        return Language.any();
    }

    @Override
    public Role role() {
        return Role.POLICY;
    }

    @Override
    public Sample valid() {
        return Sample.valid(Language.DOTENV, Map.of(), "API_PORT=8003\n");
    }

    @Override
    public Sample invalid() {
        return Sample.invalid(Language.DOTENV, Map.of(), "CLICKHOUSE_PORT=8123\nAPI_PORT=8000\n", 2);
    }

    @Override
    public String id() {
        return ID;
    }

    /** Every block of any language, and a plain listing too: a port is wrong wherever it is written. */
    @Override
    public boolean appliesTo(Snippet snippet) {
        return !snippet.text().isEmpty();
    }

    @Override
    public List<Finding> check(Snippet snippet, CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        PortRules rules = new PortRules(context.catalog());
        if (!rules.hasDeployment()) {
            findings.add(Finding.warning(snippet, 1, ID, "not run: content/data/deployment.yml has no ports"));
            return findings;
        }
        boolean upstreamAllowed = "upstream".equals(snippet.attribute("ports").orElse(""));
        String[] lines = snippet.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (FULL_LINE_COMMENT.matcher(line).matches()) {
                continue;   // a comment explaining upstream's default is prose, not configuration
            }
            List<int[]> found = new ArrayList<>(); // {port, start}
            boolean imageLine = IMAGE_LINE.matcher(line).find();
            Matcher hp = HOST_PORT.matcher(line);
            while (hp.find()) {
                String host = hp.group(1);
                boolean numericHost = host.matches("\\d+");
                boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
                if (numericHost && !ipv4) {
                    continue; // 12:30, or the container side handled by MAPPING
                }
                if (imageLine && !host.matches("localhost|\\[.*\\]") && !ipv4 && !line.contains("://")) {
                    continue;
                }
                found.add(new int[] {Integer.parseInt(hp.group(2)), hp.start(2)});
            }
            for (Pattern p : List.of(FLAG_PORT, MAPPING, LISTEN, SETTING)) {
                Matcher m = p.matcher(line);
                while (m.find()) {
                    String g = m.group(1) != null ? m.group(1) : (m.groupCount() > 1 ? m.group(2) : null);
                    if (g != null) {
                        found.add(new int[] {Integer.parseInt(g), m.start(m.group(1) != null ? 1 : 2)});
                    }
                }
            }
            found.sort((a, b) -> Integer.compare(a[1], b[1]));
            List<Integer> reported = new ArrayList<>();
            for (int[] f : found) {
                if (reported.contains(f[0])) {
                    continue;
                }
                PortRules.Verdict v = rules.judge(f[0], upstreamAllowed);
                if (!v.ok()) {
                    reported.add(f[0]);
                    findings.add(Finding.error(snippet, i + 1, ID, v.message()));
                }
            }
        }
        return findings;
    }
}
