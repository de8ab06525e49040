/**
 * {@code guide doctor}: the guide's checks on a reader's own files. Decides what each file is
 * (kind, and for a .env the program that reads it), finds the files of a folder, runs the checks,
 * checks the files against each other (ports, host names, shared secrets), keeps secret values out
 * of every output, and writes the report as text, JSON or SARIF. Needs no JRuby.
 *
 * <h2>What is an error (the severity audit of issue 14)</h2>
 * On a reader's file ({@code origin=reader}) an error means the reader's setup fails, is refused,
 * silently ignores what the reader wrote, or runs with a secret anyone can read in upstream's
 * examples. Advice, style, a guess (about the file's project, a typo, a version) and what doctor's
 * own sandbox cannot check are warnings ({@code checks.support.Origin}: {@code notChecked},
 * {@code advice}). Upstream paths are at the pinned commits of content/data/upstream.yml.
 * <pre>
 * rule                                              | reader    | why
 * --------------------------------------------------+-----------+-----------------------------------------------
 * syntax: YAML, JSON, TOML, .env quoting, bash -n,  | error     | the program's parser refuses the file
 *   Python ast, nginx -t on the config's own lines  |           |
 * YAML duplicate key, compose / collector           | error     | both parse with Go yaml.v3: "mapping key
 *                                                   |           |   already defined", the file is refused
 * YAML duplicate key, LiteLLM config                | error;    | proxy_server.py ProxyConfig._get_config_from_file
 *                                                   | warning   |   yaml.safe_load keeps the last: the first is
 *                                                   | if the    |   silently ignored (message names the kept one);
 *                                                   | kept one  |   nothing is lost when the kept one repeats it
 *                                                   | repeats it|
 * .env name set twice, other value                  | error     | compose and python-dotenv keep the later line;
 *   (same value, or first empty: warning)           |           |   the earlier one is silently ignored
 * published example secret in a .env, or a client- | error     | neighbours.yml published_secrets, variables.yml
 *   facing one (LiteLLM master key sk-1234) in a    |           |   insecure_defaults: public values; the master key
 *   compose environment or general_settings         |           |   opens the proxy to whoever reaches it
 * other published secret hard-coded in a compose    | warning   | upstream composes hard-code them between their own
 *   environment (dbpassword9090, SECRET_KEY_BASE)   |           |   containers (private network); exposure unsure
 * CLICKHOUSE_DATABASE other than otel_2             | error     | exporter/processor.py:311, billing_service.py:447,
 *                                                   |           |   clickhouse/migrations/0000_init.sql:38 name otel_2
 * AGENTOPS_EXPORTER_ENDPOINT without /v1/traces,    | error     | agentops/config.py:124 uses it as given: 404
 *   AGENTOPS_API_ENDPOINT ending in /v3             |           |
 * agentops.init(unknown=...)                        | error     | config.py:138 configure() has no **kwargs: TypeError
 * AGENTOPS_ name near one the SDK reads             | error     | config.py:39-124 read only their own names
 *   (unlike any: warning, the program's own)        |           |
 * unknown name in an AgentOps app/.env near a known | error     | app/compose.yaml has no env_file: only what it
 *   one (unlike any / another component's: warning) |           |   interpolates reaches a container
 * compose: unknown top-level key, bad ports/env/    | error     | compose-go schema refuses them
 *   profiles/network_mode, undeclared named volume  |           |
 * compose: service without image/build and in none  | error     | "has neither an image nor a build context";
 *   of the files given (file alone or include:s:    |           |   the base may be a file doctor was not given
 *   warning)                                        |           |
 * collector: component referenced but not defined,  | error     | otelcol config validation refuses to start
 *   pipeline without receiver/exporter, unknown keys|           |
 * LiteLLM: ${VAR} in a value                        | error     | only os.environ/ is resolved: the text is sent
 * LiteLLM: dead litellm_settings, general_settings  | error     | litellm.yml dead_patterns / belongs_elsewhere /
 *   key read elsewhere, moved router_settings       |           |   moved (ignored, or refused at startup)
 * LiteLLM: cloud-only agentops callback             | error     | integrations/agentops/agentops.py hard-codes the
 *                                                   |           |   cloud endpoints: never reaches a self-hosted one
 * LiteLLM: callback the catalog does not list       | warning   | the list is one version's examples
 * host port published twice (Wiring)                | error     | docker: "port is already allocated"
 * URL host '{NAME}' (missing $), host 1 edit from a | error     | compose passes the braces through; docker DNS
 *   service name (no near name: warning)            |           |   resolves service names only
 * collector and API secrets differ / empty (Wiring) | error     | base.yaml:52 jwtauth secret ${JWT_SECRET}: every
 *                                                   |           |   token the API signs is rejected
 * COPY source missing from the build context        | error     | docker build "not found" (build output dirs:
 *   (BuildContexts)                                 |           |   warning, an earlier step may make them)
 * .env: NAME: value, a bare NAME, '-' or a leading  | warning   | compose-go dotenv scanKeyEnd accepts them (':' and
 *   digit in a name (any other character: error)   |           |   '\n' end a key); python-dotenv does not
 * curl host/port/path vs the reference deployment   | nothing   | the reader's deployment is theirs; compared only
 *                                                   |           |   under --profile guide, like ports and images
 * os.environ read of a name the SDK does not know   | warning   | the reader's program may read it for itself
 * nginx -t: include/cert/file/host of the reader's  | warning   | this machine lacks it; not the config's fault
 *   server; load_module .so; envsubst stand-ins     |           |
 * shellcheck warning/info/style; a sourced file    | warning   | lint advice; a path of the reader's machine
 *   shellcheck cannot open                          |           |
 * shellcheck error level (SC2148 no shebang, SC2045| warning   | bash runs the line; what bash refuses is bash -n's
 *   ls in a for loop)                               |           |   error (at the line shellcheck names)
 * bash -n syntax error; a carriage return (SC1017)  | error     | bash refuses the script / runs "cmd\r": not found
 * tool timed out or crashed, check threw, invalid   | warning   | doctor could not check the file: no verdict on
 *   UTF-8, file too large, kind unknown, BOM        |           |   it ("not checked" / "not fully checked here")
 * Kubernetes manifest read as a collector config    | warning   | doctor's guess of the kind was wrong, not the file
 * </pre>
 */
package dev.selfhostguide.doctor;
